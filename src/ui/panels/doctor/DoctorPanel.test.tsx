import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../App.js';
import { JobStore } from '../../jobs.js';
import { UNWIRED_PORTS, type DoctorPort, type UiPorts } from '../../ports.js';
import type { HostState } from '../../../state/host-state.js';
import type { ProbeResults, PingProbeResult } from '../../../diagnose/rule.js';
import type { ProbePlan } from '../../../probes/doctor/plan.js';
import { probeResults } from '../../../probes/doctor/run.js';
import type { DoctorProbeEvent, ProbeOutcome } from '../../../probes/doctor/types.js';
import { commandKey } from '../../../snapshot/sources.js';
import {
  LAN_SERVER,
  ROUTER,
  ROUTER_NO_FORWARDING,
  VPN_SERVER,
  labHost,
} from '../../../../test/doctor/load.js';
import { fits, renderTui, typeText, type Tui } from '../../../../test/helpers/ui.js';
import { PROBE_JOB, type ProbeJobState } from './probe-job.js';

let tui: Tui | undefined;
afterEach(() => tui?.unmount());

const SIZE = { columns: 80, rows: 24 };
const FINDINGS = resolve(import.meta.dirname, '../../../../test/fixtures/findings');

function open(
  host: HostState,
  origin: 'live' | string,
  ports: Partial<UiPorts> = {},
  jobs?: JobStore,
) {
  tui = renderTui(
    <App
      origin={origin === 'live' ? { kind: 'live' } : { kind: 'snapshot', path: origin }}
      loadHost={async () => host}
      color={false}
      size={SIZE}
      ports={{ ...UNWIRED_PORTS, ...ports }}
      {...(jobs ? { jobs } : {})}
    />,
    SIZE,
  );
  return tui;
}

async function doctor(t: Tui): Promise<string> {
  await t.waitForContent(/\| (live|snapshot)/);
  await t.press('6');
  return fits(await t.waitForContent(/^Role: /m));
}

const type = typeText;

async function ask(t: Tui, question: string): Promise<string> {
  await t.press('/');
  await t.waitForContent('doctor to> ');
  await type(t, question);
  await t.press('enter');
  return fits(await t.waitForContent(/^Path to /m));
}

/** The finding lines of the list: severity and code. */
function listed(frame: string): string[] {
  return frame
    .split('\n')
    .filter((l) => /^(error|warning|info) +[a-z-]+ {2}/.test(l))
    .map((l) => l.split(/ +/).slice(0, 2).join(' '));
}

/** A `doctor --probe --json` capture's results, as a case file of the fixtures holds them. */
function captured(caseFile: string): ProbeResults {
  const raw = JSON.parse(readFileSync(resolve(FINDINGS, caseFile), 'utf8')) as {
    probes: ProbeResults;
  };
  return raw.probes;
}

/**
 * A DoctorPort that replays a capture: each planned probe gets the result its exact command
 * got in the lab; a command the capture does not hold is a bug and throws. `gate`, when
 * given, holds every probe until it resolves (or the signal aborts the run).
 */
function replayPort(
  results: ProbeResults,
  opts: { gate?: Promise<void>; seen?: { plan?: ProbePlan; signal?: AbortSignal } } = {},
): DoctorPort {
  const byCommand = new Map<string, { answered: boolean; lines: readonly string[] }>();
  const pings: PingProbeResult[] = [
    ...(results.ping ? [results.ping] : []),
    ...(results.returnPath?.attempts ?? []),
  ];
  for (const p of pings) byCommand.set(p.command, p);
  if (results.nextHopArp) byCommand.set(results.nextHopArp.command, results.nextHopArp);
  return {
    arping: async () => 'iputils',
    runProbes: async function* (plan, arping, signal): AsyncGenerator<DoctorProbeEvent> {
      expect(arping).toBe('iputils');
      if (opts.seen) Object.assign(opts.seen, { plan, signal });
      yield { type: 'plan', probes: plan.probes, skipped: plan.skipped };
      const outcomes: ProbeOutcome[] = [];
      for (const probe of plan.probes) {
        // The walk follows only a ping that got no answer (as runDoctorProbes does).
        if (probe.onlyIfPingFails && outcomes.some((o) => o.probe.kind === 'ping' && o.answered))
          continue;
        const got = byCommand.get(commandKey(probe.argv));
        if (!got) throw new Error(`fake: no capture for ${commandKey(probe.argv)}`);
        yield { type: 'start', probe };
        if (opts.gate) {
          await Promise.race([
            opts.gate,
            new Promise((r) => signal.addEventListener('abort', r, { once: true })),
          ]);
        }
        if (signal.aborted) break;
        const outcome = { probe, answered: got.answered, lines: got.lines, error: null };
        outcomes.push(outcome);
        yield { type: 'result', outcome };
      }
      yield {
        type: 'finished',
        outcomes,
        results: probeResults(outcomes),
        cancelled: signal.aborted,
      };
    },
    writeFile: async () => {
      throw new Error('fake: no file expected');
    },
  };
}

const BROKEN = captured('return-route-missing/raise/vpn-server-probed.case.json');
const FIXED = captured('return-route-missing/clear/vpn-server-probed-after-fix.case.json');

describe('Doctor panel at 80x24: the host as a whole', () => {
  it('the router needing forwarding and proxy ARP: its role and the findings, errors first', async () => {
    const t = open(labHost(ROUTER_NO_FORWARDING), 'router.json');
    const frame = await doctor(t);
    expect(frame).toContain(' 6 Doctor ');
    expect(frame).not.toContain('coming');
    expect(frame).toMatch(/^Role: vm is a /m);
    expect(frame).toContain('Enter: open  /: ask a path  M: report');
    expect(frame).toContain('Findings (2), errors first');
    expect(listed(frame)).toEqual(['error forwarding-disabled', 'error proxy-arp-needed']);
  });

  it('Enter opens a finding: why, evidence under its command, fix; Esc goes back', async () => {
    const t = open(labHost(ROUTER_NO_FORWARDING), 'router.json');
    await doctor(t);
    await t.press('down');
    await t.press('enter');
    const top = fits(await t.waitForContent('Finding 2 of 2  Esc: back'));
    expect(top).toMatch(/^error {2}proxy-arp-needed$/m);
    expect(top).toMatch(/^Why$/m);
    // Every page of the finding, each checked to fit.
    const pages = [top];
    for (let i = 0; i < 20 && !/-- lines \d+-(\d+) of \1 /.test(t.lastFrame()); i++) {
      await t.pressAndWaitForChange('pagedown');
      pages.push(fits(t.lastFrame()));
    }
    const text = pages.join('\n');
    expect(text).toMatch(/^Evidence \(each under the command or file that printed it\)$/m);
    expect(text).toMatch(/^ {2}\$ ip -j -4 route show table all$/m);
    expect(text).toMatch(/^ {2}\/proc\/sys\/net\/ipv4\/conf\/\S+\/proxy_arp:$/m);
    expect(text).toMatch(
      /^Fix, on this host \(copy the commands; alternatives follow their # note\)$/m,
    );
    expect(text).toMatch(/^ {2}sysctl -w net\.ipv4\.conf\.\S+\.proxy_arp=1$/m);
    expect(text).toMatch(/^ {2}# or, without proxy ARP: ask the upstream to route/m);
    await t.press('escape');
    const back = fits(await t.waitForContent('Findings (2)'));
    // The selection stays where it was.
    expect(back).not.toContain('Finding 2 of 2');
  });

  it('a healthy router says no problems found', async () => {
    const t = open(labHost(ROUTER), 'healthy.json');
    const frame = await doctor(t);
    expect(frame).toContain('No problems found.');
    expect(listed(frame)).toEqual([]);
    // Enter on an empty list opens nothing.
    await t.press('enter');
    expect(t.lastFrame()).toContain('No problems found.');
  });

  it('a list of 10,000 findings draws only the rows in sight', async () => {
    const base = labHost(ROUTER);
    const template = base.rules.find((r) => r.table === 'main');
    if (!template) throw new Error('no main rule');
    const rules = Array.from({ length: 10_000 }, (_, i) => ({
      ...template,
      priority: 1000 + i,
      table: String(5000 + i),
    }));
    const t = open({ ...base, rules: [...base.rules, ...rules] }, 'many.json');
    const frame = await doctor(t);
    expect(frame).toContain('Findings (10000)');
    expect(frame.split('\n')).toHaveLength(23);
    expect(listed(frame).length).toBeLessThan(20);
    await t.press('G');
    const end = fits(await t.waitForContent('rule 10999 looks up table 14999'));
    expect(end.split('\n')).toHaveLength(23);
  });
});

describe('Doctor panel at 80x24: a path', () => {
  it('the LAN server: a private destination that leaves by the default gateway', async () => {
    const t = open(labHost(LAN_SERVER), 'lan.json');
    await doctor(t);
    const frame = await ask(t, '10.8.0.6');
    expect(frame).toMatch(/^Path to 10\.8\.0\.6: via \S+ dev \S+/m);
    expect(listed(frame)).toContain('info private-via-default-gateway');
    expect(frame).toContain('/: another path  p: probe it  Esc: host');
    await t.press('enter');
    const detail = fits(await t.waitForContent(/^Why$/m));
    expect(detail).toContain('private-via-default-gateway');
    await t.press('escape');
    await t.press('escape');
    // Esc again: back to the host as a whole.
    const host = fits(await t.waitForContent('No problems found.'));
    expect(host).not.toContain('Path to');
  });

  it('the question line takes digits and q as text, refuses what is not a question', async () => {
    const t = open(labHost(LAN_SERVER), 'lan.json');
    await doctor(t);
    await t.press('/');
    await type(t, 'q1 from');
    const typed = fits(await t.waitForContent('doctor to> q1 from▏'));
    expect(typed).toContain(' 6 Doctor ');
    await t.press('enter');
    fits(await t.waitForContent('refused: "q1" is not an IP address'));
    for (let i = 0; i < 7; i++) await t.press('\u007f');
    await type(t, '10.8.0.6 from 2001:db8::1');
    await t.press('enter');
    fits(await t.waitForContent('refused: the destination and the source must be of one family'));
    await t.press('escape');
    const closed = fits(await t.waitForContent('Enter: open  /: ask a path'));
    expect(closed).not.toContain('doctor to>');
  });
});

describe('Doctor panel at 80x24: the probes', () => {
  it('p shows exactly what it will send and waits for y; y streams the results; the proof appears', async () => {
    const jobs = new JobStore();
    const seen: { plan?: ProbePlan } = {};
    const t = open(labHost(VPN_SERVER), 'live', { doctor: replayPort(BROKEN, { seen }) }, jobs);
    await doctor(t);
    await ask(t, '192.168.50.10');
    expect(listed(t.lastFrame())).not.toContain('error return-route-missing');
    await t.press('p');
    const plan = fits(await t.waitForContent('y sends these 4 checks from this host'));
    expect(plan).toContain('  ping: 3 ICMP echo requests to 192.168.50.10');
    expect(plan).toContain('    $ ping -n -c 3 -i 0.2 -W 1 192.168.50.10');
    expect(plan).toContain('    $ arping -I eth0 -s 192.168.50.5 -c 2 -w 2 192.168.50.10');
    expect(plan).toContain('    $ ping -n -c 3 -i 0.2 -W 1 -I 10.8.0.1 192.168.50.10');
    expect(plan).toContain('y: send them  n or Esc: send nothing');
    // Nothing was sent yet.
    expect(jobs.get(PROBE_JOB)).toBeUndefined();
    await t.press('y');
    const done = fits(await t.waitForContent('Probes: 4 of 4 ran'));
    expect(seen.plan?.probes.map((p) => p.kind)).toEqual([
      'ping',
      'arp',
      'return-path',
      'return-path',
      'trace',
    ]);
    expect(done).toMatch(/^ {2}answered {3}ping: 3 ICMP echo requests to 192\.168\.50\.10$/m);
    expect(done).toMatch(/^ {2}no answer {2}return path: 3 ICMP echo .* from 10\.8\.0\.1$/m);
    expect(listed(done)[0]).toBe('error return-route-missing');
    await t.press('enter');
    const proof = (await t.waitForContent(/^Why$/m)) + '\n';
    let text = proof;
    for (let i = 0; i < 20 && !/-- lines \d+-(\d+) of \1 /.test(t.lastFrame()); i++) {
      text += fits(await t.pressAndWaitForChange('pagedown'));
    }
    expect(text).toContain('$ ping -n -c 3 -i 0.2 -W 1 -I 10.8.0.1 192.168.50.10');
    expect(text).toContain('3 packets transmitted, 0 received, 100% packet loss');
    expect(text).toMatch(/^ {2}ip route add 10\.8\.0\.0\/24 via 192\.168\.50\.5$/m);
  });

  it('after the fix the same probes raise nothing: no false alarm', async () => {
    const t = open(labHost(VPN_SERVER), 'live', { doctor: replayPort(FIXED) });
    await doctor(t);
    await ask(t, '192.168.50.10');
    await t.press('p');
    await t.waitForContent('y sends these 4 checks');
    await t.press('y');
    const done = fits(await t.waitForContent('Probes: 4 of 4 ran'));
    expect(listed(done)).not.toContain('error return-route-missing');
  });

  it('n sends nothing; x stops a run; switching panels does not; quitting does', async () => {
    const jobs = new JobStore();
    const seen: { signal?: AbortSignal } = {};
    let open1: () => void = () => {};
    const gate = new Promise<void>((r) => (open1 = r));
    const t = open(
      labHost(VPN_SERVER),
      'live',
      { doctor: replayPort(BROKEN, { gate, seen }) },
      jobs,
    );
    await doctor(t);
    await ask(t, '192.168.50.10');
    await t.press('p');
    await t.waitForContent('y sends these 4 checks');
    await t.press('n');
    fits(await t.waitForContent('p: probe it'));
    expect(jobs.get(PROBE_JOB)).toBeUndefined();

    await t.press('p');
    await t.waitForContent('y sends these 4 checks');
    await t.press('y');
    const running = fits(await t.waitForContent('Probes: 0 of 4 done, sending…  x: stop'));
    expect(running).toMatch(/^ {2}sending… {3}ping: /m);
    expect(running).toMatch(/^ {2}waiting {4}arp: /m);
    await t.press('1');
    const elsewhere = await t.waitForContent('Interfaces');
    // The tab bar says where a job runs.
    expect(elsewhere).toContain(' 6 Doctor* ');
    expect(jobs.get<ProbeJobState>(PROBE_JOB)?.status()).toBe('running');
    await t.press('6');
    await t.waitForContent('x: stop');
    await t.press('x');
    const stopped = fits(await t.waitForContent('Probes: stopped after 0 of 4'));
    expect(stopped).toMatch(/^ {2}not run {4}ping: /m);
    expect(seen.signal?.aborted).toBe(true);

    // Again, and quit while it runs: the run is aborted.
    await t.press('p');
    await t.waitForContent('y sends these 4 checks');
    await t.press('y');
    await t.waitForContent('sending…');
    const second = seen.signal;
    expect(second?.aborted).toBe(false);
    await t.press('q');
    await t.exited();
    expect(second?.aborted).toBe(true);
    open1();
  });

  it('a run that breaks says so in one line and keeps what it saw', async () => {
    const broken: DoctorPort = {
      ...replayPort(BROKEN),
      runProbes: async function* (plan): AsyncGenerator<DoctorProbeEvent> {
        const probe = plan.probes[0];
        if (!probe) throw new Error('no probe');
        yield { type: 'start', probe };
        yield { type: 'result', outcome: { probe, answered: true, lines: [], error: null } };
        throw new Error('ping: socket: Operation not permitted\nsecond line');
      },
    };
    const t = open(labHost(VPN_SERVER), 'live', { doctor: broken });
    await doctor(t);
    await ask(t, '192.168.50.10');
    await t.press('p');
    await t.waitForContent('y sends these 4 checks');
    await t.press('y');
    const failed = fits(
      await t.waitForContent('Probes failed: ping: socket: Operation not permitted'),
    );
    expect(failed).not.toContain('second line');
    expect(failed).toMatch(/^ {2}answered {3}ping: /m);
    expect(failed).toMatch(/^ {2}not run {4}arp: /m);
  });

  it('refused on a snapshot, in one sentence; without a question p says to ask one', async () => {
    const t = open(labHost(VPN_SERVER), 'vpn.json');
    await doctor(t);
    await t.press('p');
    fits(await t.waitForContent(/this is a snapshot \(vpn\.json\): probes would leave this/));
    await t.press('escape');
    await ask(t, '192.168.50.10');
    await t.press('p');
    const refusal = fits(await t.waitForContent('this is a snapshot (vpn.json)'));
    expect(refusal).toContain('run netdoctor there');
    expect(refusal).not.toContain('y sends');
  });
});

describe('Doctor panel at 80x24: the Markdown report', () => {
  it('M writes the report of a snapshot, findings in full and every command', async () => {
    const written: { path: string; text: string }[] = [];
    const t = open(labHost(ROUTER_NO_FORWARDING), 'router.json', {
      now: () => new Date('2026-11-28T21:05:09Z'),
      doctor: {
        ...replayPort({}),
        writeFile: async (path, text) => {
          written.push({ path, text });
        },
      },
    });
    await doctor(t);
    await t.press('M');
    const frame = fits(await t.waitForContent('wrote the report'));
    expect(frame).toContain('netdoctor-doctor-20261128-210509.md');
    expect(written.map((w) => w.path)).toEqual(['netdoctor-doctor-20261128-210509.md']);
    const md = written[0]?.text ?? '';
    expect(md).toContain('## Findings (2)');
    expect(md).toContain('### error: ');
    expect(md).toContain('**Fix**');
    expect(md).toContain('## Commands run');
    expect(md).toContain('ip -j -4 route show table all');
  });

  it('a failed write says so in one line', async () => {
    const t = open(labHost(ROUTER_NO_FORWARDING), 'router.json');
    await doctor(t);
    await t.press('M');
    fits(await t.waitForContent('the report was not written: the report: nothing is wired'));
  });
});
