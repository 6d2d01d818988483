// Lint rules that keep the house (DESIGN.md). The ones that matter most: only src/system/
// touches the OS; the UI reaches it only through injected ports; parsers and rules are pure;
// layers import downwards only; no import cycles; no promise left floating.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

const osModules = [
  'execa',
  'child_process',
  'node:child_process',
  'fs',
  'node:fs',
  'fs/promises',
  'node:fs/promises',
  'dgram',
  'node:dgram',
  'net',
  'node:net',
  // Opens a UDP socket of its own: only src/system/mdns.ts may use it.
  'multicast-dns',
];

const OS_RULE = {
  paths: osModules.map((name) => ({
    name,
    message: 'Only src/system/ touches the OS: call it through src/system/.',
  })),
};

/**
 * Probe files that implement a probe's port (Scanner, ArpSender, Tracer, ...) on this host:
 * the only probe files that may import src/system/. Everything else in a probe takes its
 * port as an argument, so it can be tested with a fake.
 */
const PROBE_ADAPTERS = [
  'src/probes/discover/kernel.ts',
  'src/probes/discover/arp-scan.ts',
  'src/probes/discover/names.ts',
  'src/probes/discover/neighbours.ts',
  'src/probes/discover/arping-check.ts',
  'src/probes/garp/arp-sender.ts',
  'src/probes/trace/mtr-packet-backend.ts',
  'src/probes/trace/traceroute-backend.ts',
  'src/probes/trace/choose-backend.ts',
  'src/probes/doctor/live.ts',
];

/** Import patterns forbidden in a folder, each with the message that names the right way. */
const layer = (files, ignores, groups) => ({
  files,
  ignores: ['src/**/*.test.{ts,tsx}', ...ignores],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        ...OS_RULE,
        patterns: groups.map(([group, message, allowTypeImports = false]) => ({
          group,
          message,
          allowTypeImports,
        })),
      },
    ],
  },
});

const SYSTEM = ['**/system/*', '**/system/**'];
const UPPER = [
  '**/commands/*',
  '**/commands/**',
  '**/ui/*',
  '**/ui/**',
  '**/wiring/*',
  '**/cli.js',
];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'test/fixtures/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks, 'import-x': importX },
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    settings: {
      // Lets import-x parse our .ts files when it follows imports (no-cycle).
      ...importX.flatConfigs.typescript.settings,
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      'import-x/no-cycle': 'error',
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    // Tests may make temporary files; the product code may not touch the OS.
    ignores: ['src/system/**', 'src/**/*.test.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', OS_RULE],
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'exit', message: 'Return an exit code; only bin/ exits.' },
      ],
    },
  },
  layer(
    ['src/ui/**'],
    [],
    [
      [
        SYSTEM,
        'The UI reaches the OS only through the ports in src/ui/ports.ts, wired to this host in src/wiring/live-ports.ts.',
      ],
      [
        ['**/commands/*', '**/cli.js'],
        'The UI is below the CLI: commands call the UI, not the other way.',
      ],
    ],
  ),
  layer(['src/probes/**'], PROBE_ADAPTERS, [
    [
      SYSTEM,
      'A probe reaches the OS through its port (an interface it takes as an argument), implemented by an adapter file listed in eslint.config.js PROBE_ADAPTERS.',
    ],
    [
      UPPER,
      'Probes are below the CLI and the UI: take what you need as arguments (HostState, ports).',
    ],
  ]),
  layer(
    [
      'src/parse/**',
      'src/diagnose/**',
      'src/net/**',
      'src/report/**',
      'src/state/**',
      'src/catalog/**',
      'src/text/**',
    ],
    [],
    [
      [
        SYSTEM,
        'Parsers, rules and the domain are pure: take the raw text or state as an argument; src/snapshot/ and the probes read it through src/system/.',
      ],
      [
        UPPER,
        'This layer is below the CLI and the UI: nothing here imports commands/, ui/ or wiring/.',
      ],
      [
        ['**/probes/*', '**/probes/**'],
        'Parsers, rules and the domain do not depend on probes: pass probe results in (DiagnoseContext.probes); a report may import their types.',
        true,
      ],
    ],
  ),
  layer(
    ['src/snapshot/**', 'src/system/**'],
    [],
    [
      [
        UPPER,
        'This layer is below the CLI and the UI: nothing here imports commands/, ui/ or wiring/.',
      ],
    ],
  ),
  {
    files: ['src/system/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: UPPER, message: 'src/system/ is the bottom layer.' }] },
      ],
    },
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
