/**
 * The kernel backend's pacing against a simulated kernel: a neighbour table that holds an
 * INCOMPLETE entry for each datagram until it is answered or fails, with gc_thresh3 = 64.
 * Fakes throw on anything they do not know; nothing here touches the real network.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { NeighbourRecord } from '../../parse/ip-neigh.js';
import { parsePrefix4 } from '../../net/prefix.js';
import type { ScanEvent, ScanTarget } from './types.js';

interface Entry {
  lladdr: string | null;
  state: 'INCOMPLETE' | 'REACHABLE' | 'FAILED';
}

/** The simulated kernel: who lives on the LAN, and the table our datagrams fill. */
const sim = {
  hosts: new Map<string, string>(),
  table: new Map<string, Entry>(),
  maxLive: 0,
  monitorLine: (_line: string) => {},
  sent: [] as string[],
  dropsRead: 0,
};

function live(): number {
  return [...sim.table.values()].filter((e) => e.state !== 'FAILED').length;
}

vi.mock('../../system/files.js', () => ({
  readTextFile: async (path: string) => {
    if (path === '/proc/sys/net/ipv4/neigh/default/gc_thresh3') return { path, text: '64\n' };
    if (path === '/proc/sys/net/ipv4/neigh/lan0/retrans_time_ms') return { path, text: '1000\n' };
    if (path === '/proc/net/softnet_stat') {
      sim.dropsRead++;
      return { path, text: '00000010 00000000 00000000\n' };
    }
    throw new Error(`fake files: unexpected ${path}`);
  },
}));

vi.mock('../../system/stream.js', () => ({
  streamLines: async (argv: readonly string[], options: { onLine: (l: string) => void }) => {
    if (argv.join(' ') !== 'ip monitor neigh dev lan0')
      throw new Error(`fake stream: ${argv.join(' ')}`);
    sim.monitorLine = options.onLine;
    return {
      started: Promise.resolve(),
      done: Promise.resolve({ exitCode: null, killed: true }),
      stop: () => {},
    };
  },
}));

vi.mock('../../system/udp.js', () => ({
  openDatagramSender: (family: string) => {
    if (family !== 'inet') throw new Error(`fake udp: ${family}`);
    return {
      send: async (ip: string, port: number) => {
        if (port !== 9) throw new Error(`fake udp: port ${port}`);
        sim.sent.push(ip);
        sim.table.set(ip, { lladdr: null, state: 'INCOMPLETE' });
        sim.maxLive = Math.max(sim.maxLive, live());
        const mac = sim.hosts.get(ip);
        if (mac) {
          // The host answers a moment later; the kernel announces the entry.
          setTimeout(() => {
            sim.table.set(ip, { lladdr: mac, state: 'REACHABLE' });
            sim.monitorLine(`${ip} lladdr ${mac} REACHABLE`);
          }, 2);
        } else {
          // Nobody answers: the entry fails (3 s in the kernel, 300 ms here).
          setTimeout(() => sim.table.set(ip, { lladdr: null, state: 'FAILED' }), 300);
        }
        return null;
      },
      close: () => {},
    };
  },
}));

vi.mock('./neighbours.js', () => ({
  readNeighbours: async (family: string) => {
    if (family !== 'inet' && family !== 'all') throw new Error(`fake neighbours: ${family}`);
    const records: NeighbourRecord[] = [...sim.table].map(([dst, e]) => ({
      family: 'inet',
      dst,
      dev: 'lan0',
      lladdr: e.lladdr,
      states: [e.state],
      router: false,
    }));
    return { records, warnings: [] };
  },
}));

const { kernelScanner } = await import('./kernel.js');

/** The link and routes stay as they were: every batch may go. */
const routeOk = async () => null;

const target: ScanTarget = {
  iface: 'lan0',
  prefix: parsePrefix4('198.18.0.0/25')!,
  onLink: true,
  localAddresses: ['198.18.0.1'],
  localMac: '02:00:5e:00:53:01',
  gateways: [],
  ipv6: false,
};

beforeEach(() => {
  sim.hosts.clear();
  sim.table.clear();
  sim.maxLive = 0;
  sim.sent = [];
  sim.dropsRead = 0;
  // Every fifth address answers.
  for (let i = 5; i < 127; i += 5)
    sim.hosts.set(`198.18.0.${i}`, `b8:27:eb:00:00:${i.toString(16).padStart(2, '0')}`);
});

describe('kernel backend against a simulated neighbour table (gc_thresh3 = 64)', () => {
  it('sweeps every address once, in batches that keep the table under 48 live entries', async () => {
    const events: ScanEvent[] = [];
    for await (const e of kernelScanner().scan(target, {
      signal: new AbortController().signal,
      waitMs: 20,
      checkRoute: routeOk,
    })) {
      events.push(e);
    }
    // 126 addresses minus our own.
    expect(new Set(sim.sent).size).toBe(125);
    expect(sim.sent).toHaveLength(125);
    expect(sim.sent).not.toContain('198.18.0.1');
    expect(sim.maxLive).toBeLessThanOrEqual(48);
    const batches = events.filter((e) => e.type === 'batch');
    expect(batches.length).toBeGreaterThanOrEqual(3);
    expect(batches.every((b) => b.type === 'batch' && b.size <= 48)).toBe(true);
    const found = events.flatMap((e) => (e.type === 'sighting' ? [e.sighting] : []));
    expect(
      found
        .filter((s) => s.via === 'sweep')
        .map((s) => s.ip)
        .sort(),
    ).toEqual([...sim.hosts.keys()].sort());
    expect(found.filter((s) => s.via === 'sweep').every((s) => s.rttMs !== null)).toBe(true);
    expect(found.find((s) => s.via === 'self')).toMatchObject({
      ip: '198.18.0.1',
      mac: '02:00:5e:00:53:01',
    });
    expect(events.at(-1)).toMatchObject({ type: 'finished', sent: 125, sendErrors: 0 });
    // No frames were dropped here, so no batch waited for the kernel's retries.
    expect(sim.dropsRead).toBeGreaterThan(0);
    expect(events.some((e) => e.type === 'warning' && /dropped/.test(e.message))).toBe(false);
  });

  it('stops sending when the consumer stops listening', async () => {
    const controller = new AbortController();
    for await (const e of kernelScanner().scan(target, {
      signal: controller.signal,
      waitMs: 20,
      checkRoute: routeOk,
    })) {
      if (e.type === 'sighting' && e.sighting.via === 'sweep') break;
    }
    const sentThen = sim.sent.length;
    await new Promise((r) => setTimeout(r, 400));
    expect(sim.sent.length).toBe(sentThen);
    expect(sentThen).toBeLessThan(125);
  });

  it('stops before the next batch when the link or its route goes, sending nothing more', async () => {
    let checks = 0;
    const events: ScanEvent[] = [];
    for await (const e of kernelScanner().scan(target, {
      signal: new AbortController().signal,
      waitMs: 20,
      // The first batch may go; then lan0 drops and its connected route with it.
      checkRoute: async () => (++checks > 1 ? 'lan0 went down (ip link set lan0 up)' : null),
    })) {
      events.push(e);
    }
    const batches = events.filter((e) => e.type === 'batch');
    expect(batches).toHaveLength(1);
    expect(sim.sent.length).toBe(batches[0]?.type === 'batch' ? batches[0].size : -1);
    expect(
      events.some((e) => e.type === 'warning' && /stopped: lan0 went down/.test(e.message)),
    ).toBe(true);
    // The end says it too, for the exit code: the sweep is incomplete.
    expect(events.at(-1)).toMatchObject({
      type: 'finished',
      stopped: 'sweep of 198.18.0.0/25 on lan0 stopped: lan0 went down (ip link set lan0 up)',
    });
  });
});
