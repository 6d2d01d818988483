/**
 * The Plan panel's live port, on this machine's kernel: --prove streams its stages, the
 * kernel agrees with the simulation, and a stop (the panel's x) deletes every namespace the
 * run made before the promise settles. Namespaces only: nothing joins the real interfaces.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { describeLab } from './lab.js';
import { livePorts } from '../../src/wiring/live-ports.js';
import { LOCAL_HOST } from '../../src/wiring/host.js';
import { parsePlan } from '../../src/plan/parse.js';
import { planQuestion } from '../../src/plan/question.js';
import { diagnose } from '../../src/diagnose/diagnose.js';
import type { ProveProgress } from '../../src/ui/ports.js';

const FILE = 'examples/plans/three-vpcs-broken.yaml';
const plan = parsePlan(readFileSync(FILE, 'utf8'), FILE);
/** uniqueNamespacePrefix() starts with `ndp` and this process's pid: our runs only. */
const OURS = `ndp${process.pid.toString(36)}`;

function ourNamespaces(): string[] {
  return execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' })
    .split('\n')
    .map((l) => l.split(' ')[0] ?? '')
    .filter((n) => n.startsWith(OURS));
}

describeLab('the Plan panel port proves in namespaces', () => {
  it('streams each stage and agrees with the simulation', async () => {
    const port = (await livePorts(LOCAL_HOST)).plan;
    expect(await port.canProve()).toBe(true);
    const stages: ProveProgress['stage'][] = [];
    const results = await port.prove(plan, new AbortController().signal, (p) => {
      if (stages.at(-1) !== p.stage) stages.push(p.stage);
    });
    expect(stages).toEqual(['building', 'routes', 'pinging', 'tearing down']);
    expect(results.pairs).toHaveLength(12);
    const findings = diagnose({ host: null, plan: planQuestion(plan, results) }, ['plan']);
    expect(findings.filter((f) => f.code === 'plan-kernel-disagrees')).toEqual([]);
    expect(ourNamespaces()).toEqual([]);
  }, 60_000);

  it('stopped while pinging, it deletes every namespace before it settles', async () => {
    const port = (await livePorts(LOCAL_HOST)).plan;
    const controller = new AbortController();
    let builtAll = false;
    const run = port.prove(plan, controller.signal, (p) => {
      if (p.stage === 'building' && p.done === p.total) builtAll = ourNamespaces().length > 0;
      if (p.stage === 'pinging') controller.abort();
    });
    await expect(run).rejects.toThrow(/interrupted; its namespaces are deleted/);
    expect(builtAll).toBe(true);
    expect(ourNamespaces()).toEqual([]);
  }, 60_000);
});
