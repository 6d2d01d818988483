import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VPN_SERVER, LAN_SERVER, labHost } from '../../../test/doctor/load.js';
import { pathQuestion } from '../../net/path-question.js';
import { planDoctorProbes } from './plan.js';
import { runDoctorProbes } from './run.js';
import type { DoctorProbeDeps, DoctorProbeEvent } from './types.js';

const FIX = resolve(import.meta.dirname, '../../../test/fixtures');
const capture = (dir: string, name: string) => ({
  exitCode: Number(readFileSync(resolve(FIX, dir, `${name}.exit`), 'utf8').trim()),
  stdout: readFileSync(resolve(FIX, dir, `${name}.stdout`), 'utf8'),
  stderr: readFileSync(resolve(FIX, dir, `${name}.stderr`), 'utf8'),
});

/** Replays captured tool output for known argvs; anything else is a bug in the test or the plan. */
function fakeDeps(
  table: Record<string, ReturnType<typeof capture>>,
): DoctorProbeDeps & { ran: string[] } {
  const ran: string[] = [];
  return {
    ran,
    run: (argv) => {
      const key = argv.join(' ');
      const out = table[key];
      if (!out) return Promise.reject(new Error(`fake: unexpected command ${key}`));
      ran.push(key);
      return Promise.resolve(out);
    },
  };
}

async function collect(gen: AsyncGenerator<DoctorProbeEvent>): Promise<DoctorProbeEvent[]> {
  const out: DoctorProbeEvent[] = [];
  for await (const e of gen) out.push(e);
  return out;
}

describe('planDoctorProbes', () => {
  it('on the VPN server: ping, ARP for the next hop, and the return path from both sides', () => {
    const host = labHost(VPN_SERVER);
    const plan = planDoctorProbes(host, pathQuestion(host, '192.168.50.10').decision, 'iputils');
    expect(plan.probes.map((p) => p.argv.join(' '))).toEqual([
      'ping -n -c 3 -i 0.2 -W 1 192.168.50.10',
      'arping -I eth0 -s 192.168.50.5 -c 2 -w 2 192.168.50.10',
      'ping -n -c 3 -i 0.2 -W 1 -I 192.168.50.5 192.168.50.10',
      'ping -n -c 3 -i 0.2 -W 1 -I 10.8.0.1 192.168.50.10',
      'netdoctor trace --once --no-names 192.168.50.10',
    ]);
    expect(plan.probes.filter((p) => p.onlyIfPingFails).map((p) => p.kind)).toEqual(['trace']);
    expect(plan.skipped).toEqual([]);
  });

  it('on a host with one address: no return path to compare; no arping: said so', () => {
    const host = labHost(LAN_SERVER);
    const plan = planDoctorProbes(host, pathQuestion(host, '10.8.0.6').decision, null);
    expect(plan.probes.map((p) => p.kind)).toEqual(['ping', 'trace']);
    expect(plan.skipped).toEqual([
      'ARP for the next hop: no arping netdoctor knows (apt-get install iputils-arping)',
      'return path: this host has one address towards the destination, nothing to compare',
    ]);
  });
});

describe('runDoctorProbes', () => {
  const host = labHost(VPN_SERVER);
  const plan = planDoctorProbes(host, pathQuestion(host, '192.168.50.10').decision, 'iputils');

  it('announces each probe before it runs and hands the rules what it proved', async () => {
    const deps = fakeDeps({
      'ping -n -c 3 -i 0.2 -W 1 192.168.50.10': capture('doctor/ping', 'answered'),
      'arping -I eth0 -s 192.168.50.5 -c 2 -w 2 192.168.50.10': capture(
        'arping/iputils',
        'ping-gateway',
      ),
      'ping -n -c 3 -i 0.2 -W 1 -I 192.168.50.5 192.168.50.10': capture(
        'doctor/ping',
        'answered-from-lan',
      ),
      'ping -n -c 3 -i 0.2 -W 1 -I 10.8.0.1 192.168.50.10': capture(
        'doctor/ping',
        'silent-from-vpn',
      ),
    });
    const events = await collect(runDoctorProbes(plan, deps, 'iputils'));
    expect(events.map((e) => (e.type === 'start' ? `start ${e.probe.id}` : e.type))).toEqual([
      'plan',
      'start ping',
      'result',
      'start arp',
      'result',
      'start return-path 192.168.50.5',
      'result',
      'start return-path 10.8.0.1',
      'result',
      'finished',
    ]);
    const last = events.at(-1);
    if (last?.type !== 'finished') throw new Error('no finish');
    expect(last.results.ping?.answered).toBe(true);
    expect(last.results.nextHopArp?.answered).toBe(true);
    expect(last.results.returnPath?.attempts.map((a) => [a.source, a.answered])).toEqual([
      ['192.168.50.5', true],
      ['10.8.0.1', false],
    ]);
  });

  it('stops when aborted: nothing more runs', async () => {
    const abort = new AbortController();
    const deps = fakeDeps({
      'ping -n -c 3 -i 0.2 -W 1 192.168.50.10': capture('doctor/ping', 'answered'),
    });
    const events: DoctorProbeEvent[] = [];
    for await (const e of runDoctorProbes(plan, deps, 'iputils', abort.signal)) {
      events.push(e);
      if (e.type === 'result') abort.abort();
    }
    expect(deps.ran).toEqual(['ping -n -c 3 -i 0.2 -W 1 192.168.50.10']);
    expect(events.at(-1)).toMatchObject({ type: 'finished', cancelled: true });
  });

  it('a missing ping names its package', async () => {
    const deps: DoctorProbeDeps = {
      run: () =>
        Promise.resolve({ exitCode: null, stdout: '', stderr: '', error: 'not-installed' }),
    };
    const events = await collect(runDoctorProbes(plan, deps, 'iputils'));
    const first = events.find((e) => e.type === 'result');
    expect(first?.type === 'result' && first.outcome.error).toBe(
      'ping is not installed (apt-get install iputils-ping)',
    );
  });
});
