/**
 * The lint rules that keep the house fire: test/lint/planted/ breaks each one once, and the
 * real configuration (eslint.config.js, rooted at the planted tree) must report each
 * violation with the message that names the right way, and nothing else. Turning a rule
 * off, or letting it stop seeing `import()` or `require()`, fails this test.
 */
import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';
import { netdoctorLint } from '../../eslint.config.js';

const planted = resolve(import.meta.dirname, 'planted');

/** file (relative to planted/) → the rule and a piece of its message, one per violation. */
const EXPECTED: Record<string, readonly (readonly [string, string])[]> = {
  'src/plan/uses-report.ts': [['import-x/no-restricted-paths', 'imports only downwards']],
  'src/parse/uses-net.ts': [['import-x/no-restricted-paths', 'this is parsers. A parser turns']],
  'src/parse/dynamic-system.ts': [
    [
      'import-x/no-restricted-paths',
      'The pure band (text, parse, state, net, plan, diagnose, report) runs nothing',
    ],
  ],
  'src/diagnose/require-os.ts': [
    ['no-restricted-syntax', 'Only src/system/ touches the OS'],
    ['no-restricted-syntax', 'Only src/system/ touches the OS'],
  ],
  'src/state/computed-import.ts': [['import-x/no-dynamic-require', 'Calls to import()']],
  'src/net/cycle-a.ts': [['netdoctor/no-import-cycle', 'through a type-only import: types count']],
  'src/net/cycle-b.ts': [['netdoctor/no-import-cycle', 'through a type-only import: types count']],
  'src/ui/reads-wiring.ts': [
    ['import-x/no-restricted-paths', 'commands and src/wiring/ hand the UI its ports'],
  ],
  'src/probes/scan/sweep.ts': [['import-x/no-restricted-paths', 'PROBE_ADAPTERS']],
  'src/text/static-os.ts': [['no-restricted-imports', 'Only src/system/ touches the OS']],
  // Both a frame test's helper and a fake: each rule says its own piece.
  'test/helpers/ui.ts': [
    ['import-x/no-restricted-paths', 'A frame test gets ports that refuse everything'],
    ['no-restricted-imports', 'A fake stands in for the OS'],
  ],
  'test/helpers/focused.ts': [['no-restricted-properties', 'remove .only']],
  'test/fixtures/fake-tool.ts': [['no-restricted-imports', 'A fake stands in for the OS']],
};

let found: Record<string, { ruleId: string | null; message: string }[]> = {};

beforeAll(async () => {
  const eslint = new ESLint({
    cwd: planted,
    overrideConfigFile: true,
    overrideConfig: netdoctorLint(planted),
  });
  found = {};
  for (const result of await eslint.lintFiles(['.'])) {
    found[result.filePath.slice(planted.length + 1)] = result.messages.map((m) => ({
      ruleId: m.ruleId,
      message: m.message,
    }));
  }
}, 120_000);

describe('each planted violation fires its rule, with the message that names the right way', () => {
  it.each(Object.entries(EXPECTED))('%s', (file, expected) => {
    const byRule = (a: string | null, b: string | null) => (a ?? '').localeCompare(b ?? '');
    const messages = (found[file] ?? []).sort((a, b) => byRule(a.ruleId, b.ruleId));
    expect(messages.map((m) => m.ruleId)).toEqual(expected.map(([rule]) => rule));
    expected.forEach(([, words], i) => expect(messages[i]?.message).toContain(words));
  });

  it('and the stubs they import are clean', () => {
    const noisy = Object.entries(found).filter(
      ([file, messages]) => !(file in EXPECTED) && messages.length > 0,
    );
    expect(noisy).toEqual([]);
  });
});
