import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../App.js';
import { buildHostState } from '../../../state/host-state.js';
import { routerSnapshot } from '../../../../test/helpers/fixtures.js';
import { frameWidth, renderTui, type Tui } from '../../../../test/helpers/ui.js';
import { UNWIRED_PORTS, type PlanPort, type UiPorts } from '../../ports.js';
import { JobStore } from '../../jobs.js';
import { parsePlan } from '../../../plan/parse.js';
import { planStart } from './index.js';

const host = buildHostState(routerSnapshot());
const loadHost = async () => host;
let tui: Tui | undefined;
afterEach(() => tui?.unmount());

const planText = (name: string) => readFileSync(`examples/plans/${name}`, 'utf8');
const planOf = (name: string) => parsePlan(planText(name), `examples/plans/${name}`);

function open(plan: ReturnType<typeof planOf> | null, ports: Partial<UiPorts> = {}, jobs?: JobStore) {
  tui = renderTui(
    <App
      origin={{ kind: 'snapshot', path: 'router.json' }}
      loadHost={loadHost}
      color={false}
      size={{ columns: 80, rows: 24 }}
      ports={{ ...UNWIRED_PORTS, ...ports }}
      {...(jobs ? { jobs } : {})}
      {...(plan ? { start: planStart(plan) } : {})}
    />,
  );
  return tui;
}

describe('the Plan panel at 80x24', () => {
  it('draws the matrix', async () => {
    const t = open(planOf('three-vpcs-broken.yaml'));
    const f = await t.waitForContent('from\\to');
    console.log(f);
    await t.press('down');
    await t.press('down');
    console.log(t.lastFrame());
  });
});
