// Lint rules that keep the house (DESIGN.md, README "Architecture"). The ones that matter
// most: only src/system/ touches the OS; the UI reaches it only through injected ports;
// parsers and rules are pure; the pure band imports downwards only; no import cycle, not
// even through types; no promise left floating. Every restriction sees static `import`,
// `export … from`, `import()` and `require()` alike, and its message names the right way.
// test/lint/layers.test.ts plants one violation of each kind and checks each rule fires.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import noImportCycle from './eslint-rules/no-import-cycle.js';

const osModules = [
  'execa',
  'child_process',
  'fs',
  'fs/promises',
  'dgram',
  'net',
  // Opens a UDP socket of its own: only src/system/mdns.ts may use it.
  'multicast-dns',
];
const OS_MESSAGE = 'Only src/system/ touches the OS: call it through src/system/.';
const isBuiltin = (name) => !['execa', 'multicast-dns'].includes(name);
const OS_NAMES = osModules.flatMap((name) => (isBuiltin(name) ? [name, `node:${name}`] : [name]));

/** `import x from 'fs'` and `export … from 'fs'`. */
const OS_RULE = { paths: OS_NAMES.map((name) => ({ name, message: OS_MESSAGE })) };

/** `import('fs')` and `require('fs')`, which no-restricted-imports does not see. */
const osPattern = `/^(${OS_NAMES.map((n) => n.replace('/', '\\/')).join('|')})$/`;
const OS_DYNAMIC = [
  { selector: `ImportExpression[source.value=${osPattern}]`, message: OS_MESSAGE },
  {
    selector: `CallExpression[callee.name="require"][arguments.0.value=${osPattern}]`,
    message: OS_MESSAGE,
  },
];

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

/**
 * The pure band, bottom first: a file may import its own level and the levels below, never
 * one above. A file belongs to the lowest level that names it, so the few files a lower
 * level needs out of a higher folder (net's address primitives, the snapshot's format, the
 * Finding vocabulary) are named there. Each level's message says what to do instead.
 */
const PURE_BAND = [
  {
    name: 'text and the Finding vocabulary',
    files: ['src/text/**', 'src/diagnose/@(finding).ts'],
    instead:
      'text/ and diagnose/finding.ts are the bottom: they import nothing of ours; take what they need as an argument.',
  },
  {
    name: 'address primitives and the tool catalog',
    files: [
      'src/catalog/**',
      'src/generated/**',
      'src/net/@(cidr|mac|prefix|oui-index|local-registry).ts',
    ],
    instead:
      'CIDRs, MACs, prefixes, vendors and the tool catalog sit under the parsers: keep them free of records and state.',
  },
  {
    name: 'the snapshot format',
    files: ['src/snapshot/@(sources|types|format).ts'],
    instead:
      'The snapshot format (source keys, schema) sits under the parsers: it names sources, it does not read them.',
  },
  {
    name: 'parsers',
    files: ['src/parse/**'],
    instead:
      'A parser turns one source text into records and warnings: return records, and let state/ or net/ combine them.',
  },
  {
    name: 'host state',
    files: ['src/state/**'],
    instead:
      'state/ builds the HostState from parsed records: put the judgement that needs more in net/ or diagnose/.',
  },
  {
    name: 'the network domain',
    files: ['src/net/**'],
    instead:
      'net/ is the domain over the HostState (routes, roles, VLAN trees): a rule or a report calls it, not the other way.',
  },
  {
    name: 'route plans',
    files: ['src/plan/**'],
    instead:
      'plan/ parses, simulates and proves a route plan through injected ports: the plan rules (diagnose/) and reports read it, not the other way.',
  },
  {
    name: 'paths across many hosts',
    files: ['src/path/**'],
    instead:
      'path/ walks a packet across many HostStates with the resolver: the path rule (diagnose/) judges its walks, reports and panels read them, not the other way.',
  },
  {
    name: 'rules',
    files: ['src/diagnose/**'],
    instead:
      'diagnose/ turns state, questions, probe results and plans into Findings: rendering them is report/’s job.',
  },
  {
    name: 'reports',
    files: ['src/report/**'],
    instead: 'report/ is the top of the pure band: it renders, nothing pure imports it.',
  },
];
const PURE_FILES = PURE_BAND.flatMap((l) => l.files);

const SYSTEM = ['src/system/**'];
// Globs throughout (`@(…)` names single files): no-restricted-paths refuses a mix of globs
// and plain paths in one list.
const UPPER = ['src/commands/**', 'src/ui/**', 'src/wiring/**', 'src/@(cli.tsx|main.ts)'];
const TESTS = ['**/*.test.{ts,tsx}'];
/** Shared test code: helpers, fakes and the capture scripts beside the fixtures. */
const TEST_SUPPORT = ['test/**/*.{ts,tsx}'];
const FAKES = ['**/fake-*.{ts,tsx}', 'test/helpers/**'];
const FAKE_MESSAGE =
  'A fake stands in for the OS: it answers from captured output and throws on input it does not recognise; it may implement a src/system/ type, never call it (reading fixture files is fine).';

/** The layer zones; a probe adapter is the one probe file allowed into src/system/. */
function layerZones({ probeAdapter = false } = {}) {
  const zone = (target, from, message, except = []) => ({ target, from, except, message });
  const band = PURE_BAND.slice(0, -1).map((level, i) => {
    const above = PURE_BAND.slice(i + 1).flatMap((l) => l.files);
    const atOrBelow = PURE_BAND.slice(0, i + 1).flatMap((l) => l.files);
    return zone(
      level.files,
      above,
      `The pure band imports only downwards (text → primitives → snapshot format → parse → state → net → plan → path → diagnose → report); this is ${level.name}. ${level.instead}`,
      atOrBelow,
    );
  });
  return [
    ...band,
    zone(
      PURE_FILES,
      SYSTEM,
      'The pure band (text, parse, state, net, plan, diagnose, report) runs nothing: take the raw text, state or a port as an argument; src/snapshot/ and the probes read through src/system/.',
    ),
    zone(
      PURE_FILES,
      ['src/snapshot/**'],
      'The pure band reads no host: it may name the snapshot format (sources.ts, types.ts), not collect or load one. Take the Snapshot or HostState as an argument.',
      ['src/snapshot/@(sources|types|format).ts'],
    ),
    zone(
      PURE_FILES,
      ['src/probes/**'],
      'The pure band does not depend on probes: pass probe results in (DiagnoseContext.probes); a report may import a probe’s types.ts.',
      ['src/probes/*/types.ts'],
    ),
    zone(
      [...PURE_FILES, 'src/snapshot/**', 'src/system/**', 'src/probes/**'],
      UPPER,
      'This layer is below the CLI and the UI: nothing here imports commands/, ui/, wiring/ or cli.tsx. Take what you need as an argument.',
    ),
    zone(
      ['src/ui/**'],
      SYSTEM,
      'The UI reaches the OS only through the ports in src/ui/ports.ts, wired to this host in src/wiring/live-ports.ts.',
    ),
    zone(
      ['src/ui/**'],
      ['src/commands/**', 'src/wiring/**', 'src/@(cli.tsx|main.ts)'],
      'The UI is below the CLI and its wiring: commands and src/wiring/ hand the UI its ports, the UI never fetches them.',
    ),
    ...(probeAdapter
      ? []
      : [
          zone(
            ['src/probes/**'],
            SYSTEM,
            'A probe reaches the OS through its port (an interface it takes as an argument), implemented by an adapter file listed in eslint.config.js PROBE_ADAPTERS.',
          ),
        ]),
  ];
}

/** Zones for tests and their fakes: what a test may not reach, whatever it tests. */
function testZones() {
  return [
    {
      target: ['src/ui/**', 'test/helpers/@(ui).ts'],
      from: [...SYSTEM, 'src/wiring/**'],
      except: [],
      message:
        'A frame test gets ports that refuse everything (test/helpers/ui.ts): it never reaches src/system/ or the live wiring, so it cannot send a packet or write a file.',
    },
  ];
}

/** import-x/no-restricted-paths over these zones, their paths taken from `root`. */
const importLayers = (root, zones) => [
  'error',
  {
    basePath: root,
    // The rule resolves `target` and `from` against basePath but matches `except` globs as
    // given, so they are made absolute here.
    zones: zones.map(({ except, ...z }) =>
      except.length > 0 ? { ...z, except: except.map((g) => `${root}/${g}`) } : z,
    ),
  },
];

/** The whole configuration, with the layer zones resolved from `root`. */
export function netdoctorLint(root = import.meta.dirname) {
  return tseslint.config(
    {
      ignores: [
        'dist/',
        'node_modules/',
        'coverage/',
        // Captured data only: the fakes and capture scripts beside it are linted.
        'test/fixtures/**/*.{json,yaml,txt,md,sh,conf}',
        // Planted violations, linted only by test/lint/layers.test.ts.
        'test/lint/planted/',
      ],
    },
    js.configs.recommended,
    ...tseslint.configs.recommended,
    {
      files: ['**/*.{ts,tsx}'],
      plugins: {
        'react-hooks': reactHooks,
        'import-x': importX,
        netdoctor: { rules: { 'no-import-cycle': noImportCycle } },
      },
      languageOptions: {
        parserOptions: { projectService: true, tsconfigRootDir: root },
      },
      settings: {
        // Lets import-x parse our .ts files when it follows imports.
        ...importX.flatConfigs.typescript.settings,
        'import-x/resolver-next': [
          createTypeScriptImportResolver({ project: `${root}/tsconfig.json` }),
        ],
      },
      rules: {
        'react-hooks/rules-of-hooks': 'error',
        'react-hooks/exhaustive-deps': 'warn',
        '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
        '@typescript-eslint/consistent-type-imports': 'error',
        '@typescript-eslint/no-floating-promises': 'error',
        '@typescript-eslint/no-misused-promises': 'error',
        // Replaces import-x/no-cycle, which skips `import type`.
        'netdoctor/no-import-cycle': 'error',
        // A computed `import(x)` or `require(x)` would slip past every layer rule.
        'import-x/no-dynamic-require': ['error', { esmodule: true }],
      },
    },
    {
      files: ['src/**/*.{ts,tsx}'],
      ignores: TESTS,
      rules: { 'import-x/no-restricted-paths': importLayers(root, layerZones()) },
    },
    {
      files: PROBE_ADAPTERS,
      rules: {
        'import-x/no-restricted-paths': importLayers(root, layerZones({ probeAdapter: true })),
      },
    },
    {
      files: ['src/**/*.{ts,tsx}'],
      // Tests may make temporary files; the product code may not touch the OS.
      ignores: ['src/system/**', ...TESTS],
      rules: {
        'no-restricted-imports': ['error', OS_RULE],
        'no-restricted-syntax': ['error', ...OS_DYNAMIC],
        'no-restricted-properties': [
          'error',
          {
            object: 'process',
            property: 'exit',
            message: 'Return an exit code; only bin/ exits.',
          },
        ],
      },
    },
    {
      files: [...TESTS, ...TEST_SUPPORT],
      rules: {
        'import-x/no-restricted-paths': importLayers(root, testZones()),
        'no-restricted-properties': [
          'error',
          ...['describe', 'it', 'test'].map((object) => ({
            object,
            property: 'only',
            message:
              'A focused test silently skips the rest of its file: remove .only before committing.',
          })),
        ],
      },
    },
    {
      files: FAKES,
      rules: {
        'no-restricted-imports': [
          'error',
          {
            paths: OS_NAMES.filter((n) => !/fs/.test(n)).map((name) => ({
              name,
              message: FAKE_MESSAGE,
            })),
            patterns: [
              { group: ['**/src/system/**'], allowTypeImports: true, message: FAKE_MESSAGE },
            ],
          },
        ],
      },
    },
    {
      files: ['**/*.js', 'test/fixtures/**/*.mjs'],
      ...tseslint.configs.disableTypeChecked,
      languageOptions: {
        globals: Object.fromEntries(
          ['process', 'console', 'setTimeout', 'clearTimeout', 'Buffer', 'URL'].map((g) => [
            g,
            'readonly',
          ]),
        ),
      },
    },
    {
      // The command itself is CommonJS (bin/package.json): see bin/netdoctor.js for why.
      files: ['bin/*.js'],
      languageOptions: {
        sourceType: 'commonjs',
        globals: { require: 'readonly', __dirname: 'readonly' },
      },
      rules: { '@typescript-eslint/no-require-imports': 'off' },
    },
  );
}

export default netdoctorLint();
