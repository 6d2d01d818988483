/**
 * The Route panel's live port (src/wiring/route-port.ts) in the trace chain, as user nobody:
 * the kernel's answer comes from `ip -j -d route get`, the trace runs on mtr-packet round
 * after round, fills the hops traceroute lists, and the Tracer's stop (the panel's x, or
 * quitting) leaves no mtr-packet behind. A host that cannot send there says so in words.
 */
import { beforeAll, expect, it } from 'vitest';
import { NODE_TS, describeLab, type Lab } from './lab.js';
import { buildTraceLab, TRACE_LAB as L, type TraceLabHosts } from './trace-lab.js';

const DRIVER = new URL('./route-port-driver.mjs', import.meta.url).pathname;

interface DriverOut {
  kernel: { argv: string[]; stdout: string; stderr: string; status: number | null };
  uid: number | null;
  note?: string | null;
  during?: number;
  after?: number;
  last?: {
    backend: string;
    round: number;
    running: boolean;
    verdict: { kind: string; ttl?: number };
    hops: { addresses: { address: string }[]; sent: number }[];
  };
  error?: string;
}

describeLab('Route panel port: the kernel and the live trace', (lab: Lab) => {
  let h: TraceLabHosts;
  const drive = (dest: string, ms: number): DriverOut => {
    const r = lab.execAsNobody(h.c, [...NODE_TS, DRIVER, dest, String(ms)]);
    expect(r.status, r.stderr).toBe(0);
    return JSON.parse(r.stdout) as DriverOut;
  };

  beforeAll(() => {
    h = buildTraceLab(lab);
    const ping = lab.exec(h.c, ['ping', '-c1', '-w5', L.server]);
    expect(ping.status, ping.stderr).toBe(0);
  });

  it('asks the kernel, traces round after round, and x leaves no mtr-packet', () => {
    const out = drive(L.server, 2500);
    expect(out.error).toBeUndefined();
    expect(out.kernel.argv).toEqual(['ip', '-j', '-d', 'route', 'get', L.server]);
    expect(out.kernel.status).toBe(0);
    expect(out.kernel.stdout).toContain('"gateway":"198.51.100.1"');
    expect(out.uid).toBe(65534);
    expect(out.note).toBeNull();
    expect(out.during).toBe(1);
    expect(out.after).toBe(0);
    expect(out.last?.backend).toBe('mtr-packet');
    expect(out.last?.running).toBe(false);
    expect(out.last?.round).toBeGreaterThanOrEqual(2);
    expect(out.last?.hops.map((x) => x.addresses[0]?.address)).toEqual(L.hops);
    expect(out.last?.verdict).toMatchObject({ kind: 'reached', ttl: 3 });
  });

  it('refuses in one sentence when a route on this host drops the packet', () => {
    lab.ip(h.c, 'route', 'add', 'blackhole', '198.18.5.0/24');
    const out = drive('198.18.5.5', 100);
    expect(out.kernel.stderr).toContain('Invalid argument');
    expect(out.error).toBe(
      'a blackhole route on this host drops packets to 198.18.5.5 (ip route get 198.18.5.5: Invalid argument)',
    );
  });
});
