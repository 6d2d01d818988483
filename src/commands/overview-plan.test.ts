import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runOverview } from './overview.js';
import type { CliIo } from './context.js';
import type { TuiOptions } from '../ui/run.js';
import { main } from '../cli.js';

const snapshot = new URL('../../test/fixtures/lab-router/snapshot.json', import.meta.url).pathname;
const dir = mkdtempSync(path.join(tmpdir(), 'netdoctor-plan-start-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const io = (isTTY: boolean): CliIo => ({ out: () => {}, err: () => {}, isTTY, env: {} });

/** A TUI runner that draws nothing and keeps what it was asked to open. */
function fakeTui() {
  const opened: TuiOptions[] = [];
  return { opened, run: async (props: TuiOptions) => void opened.push(props) };
}

describe('netdoctor --plan FILE', () => {
  it('opens the TUI on the Plan panel with the plan loaded', async () => {
    const tui = fakeTui();
    const code = await runOverview(
      io(true),
      { snapshot, plan: 'examples/plans/three-vpcs.yaml' },
      true,
      tui.run,
    );
    expect(code).toBe(0);
    expect(tui.opened).toHaveLength(1);
    const start = tui.opened[0]?.start;
    expect(start?.panel).toBe('plan');
    expect(start?.action).toMatchObject({
      type: 'loaded',
      plan: { file: 'examples/plans/three-vpcs.yaml' },
    });
  });

  it('opens on the first panel without --plan', async () => {
    const tui = fakeTui();
    await runOverview(io(true), { snapshot }, true, tui.run);
    expect(tui.opened[0]?.start).toBeUndefined();
  });

  it('stops at a bad file with its line and column, before the TUI opens', async () => {
    const bad = path.join(dir, 'bad.yaml');
    writeFileSync(bad, 'networks:\n  a: 10.0.0.1/24\nrouters: {}\n');
    const tui = fakeTui();
    await expect(runOverview(io(true), { snapshot, plan: bad }, true, tui.run)).rejects.toThrow(
      `${bad}:2:6: networks.a: expected a network prefix`,
    );
    expect(tui.opened).toHaveLength(0);
  });

  it('is one line and exit 2 from the command line, a bad file or no terminal', async () => {
    const bad = path.join(dir, 'bad2.yaml');
    writeFileSync(bad, 'networks: [\n');
    let err = '';
    const cliIo: CliIo = { out: () => {}, err: (t) => (err += t), isTTY: false, env: {} };
    expect(await main(['--plan', bad], cliIo)).toBe(2);
    expect(err).toMatch(new RegExp(`^netdoctor: ${bad}:\\d+:\\d+: not valid YAML: .*\\n$`));
    err = '';
    expect(await main(['--plan', 'examples/plans/three-vpcs.yaml'], cliIo)).toBe(2);
    expect(err).toBe(
      'netdoctor: --plan opens the TUI on a terminal; for text or JSON: netdoctor plan FILE\n',
    );
    err = '';
    expect(await main(['--plan', path.join(dir, 'missing.yaml')], cliIo)).toBe(2);
    expect(err.split('\n')).toHaveLength(2);
  });
});
