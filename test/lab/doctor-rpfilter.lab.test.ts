/**
 * Strict rp_filter on an asymmetric path, repaired the other way netdoctor suggests: keep
 * strict mode and make the path symmetric (a rule for the address, a table with its
 * gateway). Before the route resolver modelled the kernel's source check, the finding stayed
 * after this fix while the path worked. Also `route --iif` says what the kernel refuses.
 */
import { beforeAll, expect, it } from 'vitest';
import { describeLab } from './lab.js';
import { buildAsymmetricStory, fixArgv, netdoctor, pings } from './doctor-lab.js';
import { symmetricFix } from './rpfilter-lab.js';
import type { Finding } from '../../src/diagnose/finding.js';

interface DoctorJson {
  readonly findings: Finding[];
}

describeLab('doctor: strict rp_filter, fixed by symmetric routing', (lab) => {
  let h = '';
  let x = '';
  beforeAll(() => {
    ({ h, x } = buildAsymmetricStory(lab));
  });

  const doctor = () => {
    const r = netdoctor(lab, h, ['doctor', '--json']);
    if (r.status === 2) throw new Error(`doctor failed: ${r.stderr}`);
    return { code: r.status, json: JSON.parse(r.stdout) as DoctorJson };
  };

  /** `route 203.0.113.5 --from X --iif eth1` on H: a packet from X arriving on eth1. */
  const routeFromX = () => {
    const r = netdoctor(lab, h, [
      'route',
      '203.0.113.5',
      '--from',
      '198.18.0.7',
      '--iif',
      'eth1',
      '--json',
    ]);
    return {
      code: r.status,
      json: JSON.parse(r.stdout) as {
        summary: string;
        error: string | null;
        kernel: { agrees: boolean; answer: { kind: string; error?: string } } | null;
      },
    };
  };

  it('route --iif: the kernel refuses, and netdoctor says rp_filter drops it', () => {
    const { code, json } = routeFromX();
    expect(code).toBe(1);
    expect(json.error).toBe('Invalid argument');
    expect(json.kernel?.answer).toMatchObject({ kind: 'error', error: 'Invalid argument' });
    expect(json.kernel?.agrees).toBe(true);
    expect(json.summary).toContain(
      'rp_filter on eth1 drops it: the way back to 198.18.0.7 leaves by eth0',
    );
  });

  it('the symmetric-routing fix from the finding works, and the finding goes', () => {
    expect(pings(lab, x, '203.0.113.5')).toBe(false);
    const before = doctor();
    expect(before.code).toBe(1);
    const f = before.json.findings.find((x) => x.code === 'rp-filter-drop');
    expect(f?.subject).toBe('eth1');
    expect(f?.box).toBeUndefined();
    const lines = symmetricFix(f?.fix ?? []);
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      const r = lab.exec(h, fixArgv(line));
      expect(r.status, `${line}: ${r.stderr}`).toBe(0);
    }
    expect(pings(lab, x, '203.0.113.5')).toBe(true);
    // Only rp-filter-drop goes; host-wide findings of the lab's kernel (no 8021q: a VLAN
    // warning) were there before the fix and stay, none of them an error.
    const after = doctor();
    const codes = (j: DoctorJson) => j.findings.map((x) => x.code);
    expect(codes(after.json)).toEqual(codes(before.json).filter((c) => c !== 'rp-filter-drop'));
    expect(after.json.findings.filter((x) => x.severity === 'error')).toEqual([]);
    expect(after.code).toBe(0);
    // The kernel now lets X's packets in, and netdoctor agrees.
    const route = routeFromX();
    expect(route.code).toBe(0);
    expect(route.json.error).toBeNull();
    expect(route.json.kernel?.agrees).toBe(true);
  });
});
