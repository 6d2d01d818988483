import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { labHost } from '../../../test/doctor/load.js';
import { pathQuestion } from '../../net/path-question.js';
import type { Finding } from '../finding.js';
import type { PathTraceResult, ProbeResults } from '../rule.js';
import { pathFailsBeyondRule } from './path-fails-beyond.js';

const DIR = resolve(import.meta.dirname, '../../../test/fixtures/findings/path-fails-beyond');
const probesOf = (name: string): ProbeResults =>
  (JSON.parse(readFileSync(resolve(DIR, name), 'utf8')) as { probes: ProbeResults }).probes;

describe('path-fails-beyond, over the VPN client captured in a lab', () => {
  const host = labHost('doctor/snapshots/vpn-client');
  const path = pathQuestion(host, '192.168.50.10');
  const broken = probesOf('raise/vpn-client-no-return-route.case.json');
  const run = (probes: ProbeResults, earlier: Finding[] = []) =>
    pathFailsBeyondRule.run({ host, path, probes }, earlier);

  it('a ping with no answer is an error naming the last box that answered and the fix box', () => {
    const [f, ...rest] = run(broken);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ code: 'path-fails-beyond', severity: 'error' });
    expect(f?.title).toBe(
      '192.168.50.10 does not answer: the path goes silent after 10.8.0.1 (hop 1)',
    );
    // Both ends private: the way back is the likely cause, fixed on the LAN's gateway.
    expect(f?.box?.role).toBe('lan-gateway');
    expect(f?.fix).toContain(
      "ip route add 10.8.0.0/24 via <10.8.0.1's address on 192.168.50.10's LAN>",
    );
    expect(f?.why).toContain('a firewall on 192.168.50.10');
    expect(f?.evidence.map((e) => e.source)).toContain(
      'netdoctor trace --once --no-names 192.168.50.10',
    );
  });

  it('quiet when the ping answered (after the fix)', () => {
    expect(run(probesOf('clear/vpn-client-after-fix.case.json'))).toEqual([]);
  });

  it('quiet when another rule already proved why (a blackhole, forwarding off)', () => {
    const proof = { code: 'route-blackhole', severity: 'error' } as Finding;
    expect(run(broken, [proof])).toEqual([]);
    // A warning elsewhere explains nothing.
    expect(run(broken, [{ ...proof, severity: 'warning' }])).toHaveLength(1);
  });

  const walk = (end: PathTraceResult['end']): ProbeResults => {
    if (!broken.trace) throw new Error('fixture lacks the walk');
    return { ...broken, trace: { ...broken.trace, end } };
  };

  it('nothing answered at all: the next hop is the box to look at', () => {
    const [f] = run(walk({ kind: 'dies', after: null }));
    expect(f?.title).toBe('192.168.50.10 does not answer, and no box on the way answers either');
    expect(f?.box).toMatchObject({ role: 'router', address: '10.8.0.1' });
  });

  it('a router that refuses with "prohibited" is a firewall there', () => {
    const [f] = run(
      walk({
        kind: 'refused',
        ttl: 2,
        address: '192.168.50.1',
        words: 'communication administratively prohibited',
      }),
    );
    expect(f?.title).toContain('192.168.50.1 (hop 2) refuses the packet');
    expect(f?.why).toContain('a firewall rule there');
    expect(f?.box?.address).toBe('192.168.50.1');
  });

  it('the walk reached it after all: loss, a warning, not a break', () => {
    const [f] = run(walk({ kind: 'reached', ttl: 2, address: '192.168.50.10' }));
    expect(f?.severity).toBe('warning');
  });

  it('no walk: still an error, and it says how to walk the path by hand', () => {
    const noWalk: ProbeResults = { ...broken };
    delete (noWalk as { trace?: unknown }).trace;
    const [f] = run(noWalk);
    expect(f?.severity).toBe('error');
    expect(f?.why).toContain('netdoctor trace --once 192.168.50.10');
  });
});
