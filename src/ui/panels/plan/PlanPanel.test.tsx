import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../App.js';
import { buildHostState } from '../../../state/host-state.js';
import { routerSnapshot } from '../../../../test/helpers/fixtures.js';
import { frameWidth, renderTui, type Tui } from '../../../../test/helpers/ui.js';
import { PROVE_NEEDS_ROOT, UNWIRED_PORTS, type PlanPort, type ProveProgress } from '../../ports.js';
import { JobStore } from '../../jobs.js';
import { parsePlan } from '../../../plan/parse.js';
import { delivered, simulate } from '../../../plan/simulate.js';
import type { ProveResults } from '../../../plan/prove-types.js';
import type { Plan } from '../../../plan/types.js';
import { planStart } from './index.js';
import { PROVE_JOB } from './prove-job.js';

const host = buildHostState(routerSnapshot());
const loadHost = async () => host;
let tui: Tui | undefined;
afterEach(() => tui?.unmount());

const planText = (name: string) => readFileSync(`examples/plans/${name}`, 'utf8');
const planOf = (name: string) => parsePlan(planText(name), `examples/plans/${name}`);

/** Twelve networks with long names: a hub on a core network and eleven sites. */
function twelvePlan(): string {
  const sites = Array.from({ length: 11 }, (_, i) => i + 1);
  return [
    'networks:',
    '  core-transit-network: {cidr: 10.255.0.0/24, gateway: hub}',
    ...sites.map((i) => `  site-${i}-servers-and-printers: 10.${i}.0.0/24`),
    'routers:',
    '  hub:',
    '    interfaces: {core-transit-network: 10.255.0.1}',
    `    routes: [${sites.map((i) => `10.${i}.0.0/24 via 10.255.0.${i + 1}`).join(', ')}]`,
    ...sites.flatMap((i) => [
      `  r${i}:`,
      `    interfaces: {core-transit-network: 10.255.0.${i + 1}, site-${i}-servers-and-printers: 10.${i}.0.1}`,
      '    routes: [default via 10.255.0.1]',
    ]),
    '',
  ].join('\n');
}

/** A plan port whose every call fails the test unless the test gives it. */
function fakePlanPort(given: Partial<PlanPort>): PlanPort {
  return {
    readPlanFile: async (path) => {
      throw new Error(`fake plan port: unexpected read of ${path}`);
    },
    canProve: async () => {
      throw new Error('fake plan port: unexpected canProve');
    },
    prove: async () => {
      throw new Error('fake plan port: unexpected prove');
    },
    ...given,
  };
}

/** What the kernel would say if it agreed with the simulation (but on `differ`). */
function kernelSays(plan: Plan, differ?: { from: string; to: string }): ProveResults {
  const sim = simulate(plan);
  return {
    pairs: sim.paths.map((p) => {
      const there = delivered(sim, p.from, p.to);
      const back = there && delivered(sim, p.to, p.from);
      const flip = differ?.from === p.from && differ.to === p.to;
      return {
        from: p.from,
        to: p.to,
        delivered: there,
        replied: flip ? !back : back,
        command: `ip netns exec <host on ${p.from}> ping -4 -n -c 1 -W 1 ${p.dst}`,
        output: '1 packets transmitted, 1 received, 0% packet loss, time 0ms',
      };
    }),
    routes: [],
    durationMs: 6200,
  };
}

/** A prove that reports progress, then waits for the test to release it or to be stopped. */
function gatedProve(results: ProveResults) {
  const seen = { started: 0, tornDown: false, release: () => {} };
  const prove: PlanPort['prove'] = (_plan, signal, onProgress: (p: ProveProgress) => void) =>
    new Promise((resolve, reject) => {
      seen.started += 1;
      onProgress({ stage: 'building', done: 11, total: 11 });
      onProgress({ stage: 'pinging', done: 3, total: 12 });
      seen.release = () => resolve(results);
      signal.addEventListener('abort', () => {
        // As the live port does: the namespaces go before the promise settles.
        onProgress({ stage: 'tearing down', done: 11, total: 11 });
        seen.tornDown = true;
        reject(new Error('--prove was interrupted; its namespaces are deleted'));
      });
    });
  return { prove, seen };
}

function open(plan: Plan | null, plan_port: PlanPort = fakePlanPort({}), jobs?: JobStore) {
  tui = renderTui(
    <App
      origin={{ kind: 'snapshot', path: 'router.json' }}
      loadHost={loadHost}
      color={false}
      size={{ columns: 80, rows: 24 }}
      ports={{ ...UNWIRED_PORTS, plan: plan_port }}
      {...(jobs ? { jobs } : {})}
      {...(plan ? { start: planStart(plan) } : {})}
    />,
  );
  return tui;
}

function fits(frame: string): void {
  expect(frameWidth(frame)).toBeLessThanOrEqual(80);
  expect(frame.split('\n')).toHaveLength(23);
}

describe('the Plan panel at 80x24', () => {
  it('opens on the plan it was started with: the matrix and the first pair both ways', async () => {
    const t = open(planOf('three-vpcs.yaml'));
    const frame = await t.waitForContent('from\\to');
    fits(frame);
    expect(frame).toContain(' 7 Plan ');
    expect(frame).toContain('all 6 expectations hold  4 networks, 3 routers');
    expect(frame).toMatch(/^from\\to +private +vpc1-web +vpc2-web +vpc3-db$/m);
    expect(frame).toMatch(/^vpc1-web +one way +- +reaches +reaches$/m);
    expect(frame).toMatch(/^private +- +\[no +\] no +no$/m);
    expect(frame).toContain('Path private <-> vpc1-web');
    expect(frame).toContain('stops: hosts on private have no gateway');
    expect(frame).toContain('vpc1-web -> private  (10.1.1.254 -> 172.16.0.254)  arrives');
  });

  it('moves the selected cell with the arrows; j/k scroll the path under it', async () => {
    const t = open(planOf('three-vpcs-broken.yaml'));
    await t.waitForContent('from\\to');
    // Down steps over the diagonal (vpc1-web to itself) onto vpc2-web; right likewise.
    await t.press('down');
    await t.press('right');
    let frame = await t.waitForContent('Path vpc2-web <-> vpc3-db');
    fits(frame);
    expect(frame).toMatch(/^vpc2-web +one way +reaches +- +\[one way\s*\]$/m);
    expect(frame).toContain('vpc2-web -> vpc3-db  (10.2.1.254 -> 10.3.1.254)  arrives');
    expect(frame).toContain('  2. vpc2                   10.3.0.0/16 via 172.16.0.13');
    // The answer back is where it breaks: vpc3 has no route to vpc2.
    await t.press('j');
    await t.press('j');
    await t.press('j');
    await t.press('j');
    await t.press('j');
    frame = await t.waitForContent('vpc3 has no route to 10.2.1.254');
    expect(frame).toMatch(/^vpc2-web +one way +reaches +- +\[one way\s*\]$/m);
    // Another pair starts at the top of its path again.
    await t.press('left');
    frame = await t.waitForContent('Path vpc2-web <-> vpc1-web');
    expect(frame).toMatch(/^reaches: both ways.*\nPath vpc2-web <-> vpc1-web$/m);
    await t.press('right');
    await t.waitForContent('Path vpc2-web <-> vpc3-db');
    // The findings are further down: the missing route, as YAML and as ip route add.
    const fix = /ip route add 10\.2\.\S+ via 172\.16\.0\.12/;
    for (let i = 0; i < 40 && !fix.test(t.lastFrame()); i++) await t.press('j');
    frame = t.lastFrame();
    fits(frame);
    expect(frame).toMatch(fix);
    expect(frame).toMatch(
      /# plan: under routers\.vpc3\.routes add: +- 10\.2\.1\.0\/24 via 172\.16\.0\.12/,
    );
  });

  it('shows the failing expectations and the missing-route finding, errors first', async () => {
    const t = open(planOf('three-vpcs-broken.yaml'));
    await t.waitForContent('from\\to');
    const frame = await t.waitForContent('1 of 5 expectations FAIL');
    fits(frame);
    for (let i = 0; i < 20 && !t.lastFrame().includes('FAILED'); i++) await t.press('j');
    expect(t.lastFrame()).toMatch(/FAILED vpc3-db -> vpc2-web/);
    // Errors first: the missing route heads the findings.
    const both = (f: string) => /^Findings \(\d+\)\n(error|warning) /m.test(f);
    for (let i = 0; i < 40 && !both(t.lastFrame()); i++) await t.press('j');
    const lines = t.lastFrame().split('\n');
    const first = lines.findIndex((l) => l.startsWith('Findings ('));
    expect(lines[first + 1]).toMatch(/^error +plan-missing-route {2}vpc3 has no route to vpc2-web/);
  });

  it('draws an IPv6 plan the same way', async () => {
    const t = open(planOf('two-sites-ipv6.yaml'));
    const frame = await t.waitForContent('from\\to');
    fits(frame);
    expect(frame).toMatch(/^site-a +- +\[reaches\] one way$/m);
    expect(frame).toContain('  2. rb                     2001:db8:a::/48 via 2001:db8:ff::a');
    await t.press('right');
    const moved = await t.waitForContent('Path site-a <-> core');
    expect(moved).toContain('site-a -> core');
  });

  it('fits 12 networks in 80x24: numbered columns, a window of rows that follows the cell', async () => {
    const t = open(parsePlan(twelvePlan(), 'twelve.yaml'));
    let frame = await t.waitForContent('from\\to');
    fits(frame);
    expect(frame).toMatch(/from\\to +1 +2 +3 +4 +5 +6 +7 +8 +9 +10 +11 +12$/m);
    expect(frame).toMatch(/^ 1 core-transit-ne… +- +\[<->\]/m);
    expect(frame).toContain('rows 1-8, cols 1-12 of 12');
    for (let i = 0; i < 11; i++) await t.press('down');
    for (let i = 0; i < 9; i++) await t.press('right');
    frame = await t.waitForContent('Path site-11-servers-and-printers <-> site-10');
    fits(frame);
    expect(frame).toMatch(/^12 site-11-servers… .*\[<->\] -$/m);
    expect(frame).toContain('rows 5-12, cols 1-12 of 12');
  });

  it('opens a file from the question line; a parse error is one line and the line stays open', async () => {
    const reads: string[] = [];
    const port = fakePlanPort({
      readPlanFile: async (path) => {
        reads.push(path);
        if (path === 'plans/7q.yaml') return 'networks:\n  a: 10.0.0.1/24\nrouters: {}\n';
        if (path === 'ok.yaml') return planText('three-vpcs.yaml');
        throw new Error(`fake plan port: unexpected read of ${path}`);
      },
    });
    const t = open(null, port);
    await t.press('7');
    await t.waitForContent('No plan open.');
    await t.press('o');
    // Digits and q are text while the line is open, not panel keys or quit.
    for (const k of 'plans/7q.yaml') await t.press(k);
    let frame = await t.waitForContent('plan file: plans/7q.yaml▏');
    await t.press('enter');
    frame = await t.waitForContent('plans/7q.yaml:2:6:');
    fits(frame);
    expect(frame).toContain('plan file: plans/7q.yaml▏');
    expect(frame).toMatch(/plans\/7q\.yaml:2:6: networks\.a: expected a network prefix/);
    for (let i = 0; i < 'plans/7q.yaml'.length; i++) await t.press('\u007f');
    for (const k of 'ok.yaml') await t.press(k);
    await t.press('enter');
    frame = await t.waitForContent('from\\to');
    expect(frame).toContain('all 6 expectations hold  4 networks, 3 routers  ok.yaml');
    expect(frame).not.toContain('plan file:');
    expect(reads).toEqual(['plans/7q.yaml', 'ok.yaml']);
  });

  it('P says how long --prove takes, runs it as a job that outlives a panel switch, and shows the agreement', async () => {
    const plan = planOf('three-vpcs-broken.yaml');
    const gate = gatedProve(kernelSays(plan));
    const jobs = new JobStore();
    const t = open(plan, fakePlanPort({ canProve: async () => true, prove: gate.prove }), jobs);
    await t.waitForContent('from\\to');
    await t.press('P');
    let frame = await t.waitForContent('--prove builds 11 network namespaces');
    fits(frame);
    expect(frame).toMatch(/pings 12 pairs and deletes them: about \d+ s\./);
    expect(gate.seen.started).toBe(0);
    await t.press('enter');
    frame = await t.waitForContent('--prove: pinging pairs 3/12, about');
    fits(frame);
    await t.press('1');
    await t.waitForContent('Interfaces');
    expect(jobs.get(PROVE_JOB)?.status()).toBe('running');
    await t.press('7');
    await t.waitForContent('--prove: pinging pairs 3/12, about');
    gate.seen.release();
    frame = await t.waitForContent('--prove: the kernel agrees with the simulation on 12 of 12');
    fits(frame);
    expect(gate.seen.started).toBe(1);
  });

  it('shows where the kernel disagrees, as a finding', async () => {
    const plan = planOf('three-vpcs-broken.yaml');
    const gate = gatedProve(kernelSays(plan, { from: 'vpc2-web', to: 'vpc3-db' }));
    const t = open(plan, fakePlanPort({ canProve: async () => true, prove: gate.prove }));
    await t.waitForContent('from\\to');
    await t.press('P');
    await t.waitForContent('--prove builds');
    await t.press('P');
    await t.waitForContent('--prove: pinging pairs');
    gate.seen.release();
    await t.waitForContent('agrees with the simulation on 11 of 12');
    await t.press('G');
    const frame = await t.waitForContent('plan-kernel-disagrees');
    fits(frame);
    expect(frame).toContain('plan-kernel-disagrees  vpc2-web -> vpc3-db: the kernel and the');
    expect(frame).toContain('Kernel: arrives yes, answered yes.');
  });

  it('x stops --prove; the port deletes the namespaces before the job ends', async () => {
    const plan = planOf('three-vpcs.yaml');
    const gate = gatedProve(kernelSays(plan));
    const jobs = new JobStore();
    const t = open(plan, fakePlanPort({ canProve: async () => true, prove: gate.prove }), jobs);
    await t.waitForContent('from\\to');
    await t.press('P');
    await t.waitForContent('--prove builds');
    await t.press('enter');
    await t.waitForContent('--prove: pinging pairs 3/12, about');
    await t.press('x');
    const frame = await t.waitForContent('--prove stopped: its namespaces are deleted');
    fits(frame);
    expect(gate.seen.tornDown).toBe(true);
    expect(jobs.get(PROVE_JOB)?.status()).toBe('cancelled');
  });

  it('refuses --prove in one sentence without root, building nothing', async () => {
    const gate = gatedProve(kernelSays(planOf('three-vpcs.yaml')));
    const t = open(
      planOf('three-vpcs.yaml'),
      fakePlanPort({ canProve: async () => false, prove: gate.prove }),
    );
    await t.waitForContent('from\\to');
    await t.press('P');
    const frame = await t.waitForContent('it needs root');
    fits(frame);
    expect(frame.replace(/\n/g, ' ').replace(/ +/g, ' ')).toContain(PROVE_NEEDS_ROOT);
    await t.press('enter');
    expect(gate.seen.started).toBe(0);
  });
});
