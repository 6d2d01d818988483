import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../App.js';
import { buildHostState } from '../../../state/host-state.js';
import { snapshotSchema } from '../../../snapshot/types.js';
import { routerSnapshot } from '../../../../test/helpers/fixtures.js';
import { frameWidth, renderTui, type Tui } from '../../../../test/helpers/ui.js';
import type { PathHost } from '../../../path/types.js';
import { pathStart } from './index.js';

const host = buildHostState(routerSnapshot());
const FIXTURES = resolve(import.meta.dirname, '../../../../test/fixtures/path/vpn/broken');
const hosts: PathHost[] = ['client', 'vpn-server', 'lan-host', 'gateway'].map((name) => ({
  name,
  state: buildHostState(
    snapshotSchema.parse(JSON.parse(readFileSync(resolve(FIXTURES, `${name}.json`), 'utf8'))),
  ),
  error: null,
}));

let tui: Tui | undefined;
afterEach(() => tui?.unmount());

function open(withPath: boolean): Tui {
  tui = renderTui(
    <App
      origin={{ kind: 'snapshot', path: 'router.json' }}
      loadHost={async () => host}
      color={false}
      size={{ columns: 80, rows: 24 }}
      {...(withPath ? { start: pathStart(hosts, '10.8.0.6', '192.168.50.10') } : {})}
    />,
  );
  return tui;
}

function fits(frame: string): void {
  expect(frameWidth(frame)).toBeLessThanOrEqual(80);
  expect(frame.split('\n')).toHaveLength(23);
}

describe('the Path panel at 80x24', () => {
  it('opens on the question it was started with: the hosts, both walks, where it breaks', async () => {
    const t = open(true);
    const frame = await t.waitForContent('Return 192.168.50.10 → 10.8.0.6: FAILS');
    fits(frame);
    expect(frame).toContain('Hosts (4)');
    expect(frame).toContain('Forward 10.8.0.6 → 192.168.50.10: works');
    expect(frame).toMatch(/^> 1\. client: 192\.168\.50\.0\/24 via 10\.8\.0\.1 dev eth0$/m);
    expect(frame).toContain('stops at gateway: it has no route for it');
  });

  it("selects a hop with the arrows and opens that box's decision with Enter; Esc goes back", async () => {
    const t = open(true);
    await t.waitForContent('Forward 10.8.0.6');
    for (let i = 0; i < 4; i++) await t.press('down');
    expect(t.lastFrame()).toMatch(/^> 2\. gateway: in eth0, Network is unreachable$/m);
    const opened = await t.pressAndWaitForChange('enter');
    fits(opened);
    expect(opened).toContain('gateway, in eth0: its decision (Esc goes back)');
    expect(opened).toContain('Network is unreachable');
    const back = await t.pressAndWaitForChange('escape');
    expect(back).toContain('Forward 10.8.0.6 → 192.168.50.10: works');
  });

  it('says how to open it when it has no question', async () => {
    const t = open(false);
    await t.waitForContent(' 1 Overview');
    await t.pressAndWaitForChange('8');
    const frame = await t.waitForContent('netdoctor path SRC DEST');
    fits(frame);
    expect(frame).toContain('netdoctor path SRC DEST --snapshots DIR --tui');
  });
});
