/**
 * `netdoctor trace` in a chain of four namespaces, as user nobody (mtr-packet carries its
 * own capability): the hops match traceroute's, a path that dies names its last answering
 * hop, a refusing router is said in words, and a signal leaves no mtr-packet behind.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { beforeAll, expect, it } from 'vitest';
import { describeLab, NETDOCTOR, NOBODY, type Lab } from './lab.js';
import { buildTraceLab, TRACE_LAB as L, tracerouteHops, type TraceLabHosts } from './trace-lab.js';

interface TraceJson {
  reached: boolean;
  backend: string;
  verdict: {
    kind: string;
    ttl?: number;
    address?: string;
    after?: { ttl: number; address: string } | null;
  };
  words: string;
  hops: { ttl: number; address: string | null }[];
}

describeLab('trace: hop by hop through two routers', (lab: Lab) => {
  let h: TraceLabHosts;
  const trace = (...args: string[]) => lab.execAsNobody(h.c, [...NETDOCTOR, 'trace', ...args]);
  const json = (...args: string[]) => {
    const r = trace(...args, '--json');
    return { status: r.status, json: JSON.parse(r.stdout) as TraceJson, stderr: r.stderr };
  };

  beforeAll(() => {
    h = buildTraceLab(lab);
    const ping = lab.exec(h.c, ['ping', '-c1', '-w5', L.server]);
    expect(ping.status, ping.stderr).toBe(0);
    const ping6 = lab.exec(h.c, ['ping', '-6', '-c1', '-w5', L.server6]);
    expect(ping6.status, ping6.stderr).toBe(0);
  });

  it('trace --once --json lists the same hops as traceroute -n, and exits 0', () => {
    const tr = lab.execAsNobody(h.c, ['traceroute', '-n', L.server]);
    expect(tr.status, tr.stderr).toBe(0);
    expect(tracerouteHops(tr.stdout)).toEqual(L.hops);
    const r = json('--once', L.server);
    expect(r.status, r.stderr).toBe(0);
    expect(r.json.backend).toBe('mtr-packet');
    expect(r.json.hops.map((x) => x.address)).toEqual(tracerouteHops(tr.stdout));
    expect(r.json.verdict).toMatchObject({ kind: 'reached', ttl: 3, address: L.server });
  });

  it('the same over IPv6', () => {
    const tr = lab.execAsNobody(h.c, ['traceroute', '-n', L.server6]);
    expect(tracerouteHops(tr.stdout)).toEqual(L.hops6);
    const r = json('--once', L.server6);
    expect(r.status, r.stderr).toBe(0);
    expect(r.json.hops.map((x) => x.address)).toEqual(L.hops6);
  });

  it('a destination blackholed after hop 1: names the last hop that answered, exits 1', () => {
    const r = json('--once', L.blackholed);
    expect(r.status, r.stderr).toBe(1);
    expect(r.json.verdict).toMatchObject({ kind: 'dies', after: { ttl: 1, address: L.r1 } });
    expect(r.json.words).toContain(`The path dies after ${L.r1} (hop 1)`);
    const text = trace('--once', L.blackholed);
    expect(text.stdout).toContain(`The path dies after ${L.r1}`);
  });

  // R2 rations its unreachables per source address (a burst of five, then about one every two
  // seconds), so each trace of the unreachable route here leaves from an address of its own.
  it('an unreachable route on R2: mtr-packet names the refusing router', () => {
    const r = json('--once', L.unreachable);
    expect(r.status, r.stderr).toBe(1);
    expect(r.json.verdict).toMatchObject({ kind: 'unreachable', ttl: 2, address: L.r2 });
    // mtr-packet 0.95 does not tell !H from !N or !X: it says destination unreachable.
    expect(r.json.words).toMatch(/refused the packet: destination unreachable/);
  });

  it('the traceroute backend tells host unreachable (!H) in words, as traceroute -n shows it', () => {
    const r = json('--once', '--backend', 'traceroute', '--from', L.c2, L.unreachable);
    expect(r.status, r.stderr).toBe(1);
    expect(r.json.backend).toBe('traceroute');
    expect(r.json.verdict).toMatchObject({ kind: 'unreachable', ttl: 2, address: L.r2 });
    expect(r.json.words).toMatch(/refused the packet: host unreachable/);
    const tr = lab.execAsNobody(h.c, ['traceroute', '-n', '-q', '1', '-s', L.c3, L.unreachable]);
    expect(tr.stdout).toMatch(new RegExp(`2\\s+${L.r2.replaceAll('.', '\\.')}\\s+[\\d.]+ ms !H`));
  });

  it('rounds like mtr -r: --count 2 prints the hop table with statistics', () => {
    const r = trace('--count', '2', L.server);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/HOP\s+ADDRESS\s+NAME\s+LOSS\s+SNT\s+LAST\s+AVG\s+BEST\s+WRST\s+JTTR/);
    for (const hop of L.hops)
      expect(r.stdout).toMatch(new RegExp(`${hop.replaceAll('.', '\\.')}.*0\\.0%\\s+2\\s`));
  });

  it('a bad destination: one line, exit 2', () => {
    const r = trace('--once', '--bogus-name;rm');
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const)('%s ends the trace, kills mtr-packet and exits %i', async (signal, code) => {
    const child = spawn('ip', ['netns', 'exec', h.c, ...NOBODY, ...NETDOCTOR, 'trace', L.server], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    // "tracing ..." is printed once mtr-packet runs.
    await new Promise<void>((resolve, reject) => {
      createInterface({ input: child.stderr }).on('line', (l) => {
        if (l.startsWith('tracing ')) resolve();
      });
      child.once('exit', () => reject(new Error('netdoctor ended before tracing')));
    });
    const pgrep = lab.exec(h.c, ['pgrep', '-P', String(child.pid), '-x', 'mtr-packet']);
    const mtrPid = Number(pgrep.stdout.trim());
    expect(mtrPid, pgrep.stderr).toBeGreaterThan(0);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
    child.kill(signal);
    expect(await exited).toBe(code);
    expect(() => process.kill(mtrPid, 0)).toThrow(); // gone
    expect(stdout).toContain('HOP');
  });
});
