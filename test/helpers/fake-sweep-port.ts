/**
 * A fake SweepPort over a simulated kernel and a fake clock, for the kernel sweep's tests:
 * a LAN of hosts (each with its answer time), a neighbour table that holds an INCOMPLETE
 * entry for each datagram until it is answered or fails, the kernel's own retry one
 * retrans_time after its first ask, and arping. Time moves only when the sweep waits: the
 * clock jumps to the next thing that happens. Any call the simulation does not expect throws.
 */
import type { NeighbourRecord } from '../../src/parse/ip-neigh.js';
import type { NeighbourChange, SweepPort } from '../../src/probes/discover/sweep-port.js';

interface Entry {
  lladdr: string | null;
  state: 'INCOMPLETE' | 'REACHABLE' | 'FAILED' | 'STALE' | 'DELAY';
}

export interface SimHost {
  readonly mac: string;
  /** How long its answer takes, ms (default 2). */
  readonly rttMs?: number;
  /** Its answer to the kernel's first ask is lost (the kernel's retry, or ours, gets one). */
  readonly firstLost?: boolean;
}

export interface SimOptions {
  readonly iface: string;
  readonly hosts: ReadonlyMap<string, SimHost>;
  readonly gcThresh3?: number | null;
  readonly retransMs?: number;
  /** Why arping cannot ask again here, or null (default: it can). */
  readonly askAgainProblem?: string | null;
  /** Frames dropped so far, read by each readDrops in turn (the last one repeats). */
  readonly drops?: readonly number[];
  /**
   * How long `ip monitor` takes to announce an answer the table already holds (it may not
   * listen yet when the first answers come). Default 0: at once.
   */
  readonly monitorLateMs?: number;
  /** The route check, per call (1-based). */
  readonly routeProblem?: (call: number) => string | null;
  /**
   * Entries the table holds STALE before the sweep, address to MAC: cached earlier, whether
   * that host is still there, gone, or the address now on another machine. A datagram to
   * one goes to the cached MAC with no ARP, and the entry turns DELAY (the kernel's unicast
   * probe 5 s later is not simulated: every sweep here is over by then).
   */
  readonly cached?: ReadonlyMap<string, string>;
}

/** How long a simulated unanswered entry stays INCOMPLETE before it fails. */
const FAIL_AFTER_MS = 3000;

export class FakeSweep {
  /** Monotonic ms since the start; epoch is T0 + this. */
  t = 0;
  static readonly T0 = Date.parse('2026-12-07T12:00:00Z');
  readonly table = new Map<string, Entry>();
  readonly sent: string[] = [];
  readonly askedAgain: string[] = [];
  maxLive = 0;
  routeChecks = 0;
  /** The port's calls that read the world or ask it, in order (`ask`, `readTable`, `checkRoute`). */
  readonly calls: string[] = [];
  dropsRead = 0;
  /** Asks again refused because arping cannot run. */
  cannotAsked = 0;
  private timers: { at: number; seq: number; fn: () => void }[] = [];
  private seq = 0;
  private onChange: ((c: NeighbourChange) => void) | null = null;
  private waiter: { deadline: number; resolve: () => void } | null = null;
  private advancing = false;

  constructor(
    private readonly sim: SimOptions,
    private readonly signal: AbortSignal,
  ) {
    // One listener for every wait (a listener per wait piled up past Node's warning).
    signal.addEventListener('abort', () => this.wakeWaiter(), { once: true });
    for (const [ip, mac] of sim.cached ?? []) this.table.set(ip, { lladdr: mac, state: 'STALE' });
  }

  live(): number {
    return [...this.table.values()].filter((e) => e.state !== 'FAILED').length;
  }

  private at(delay: number, fn: () => void): void {
    this.timers.push({ at: this.t + delay, seq: this.seq++, fn });
    this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
  }

  private answer(ip: string, mac: string): void {
    const e = this.table.get(ip);
    if (e?.state === 'REACHABLE' && e.lladdr === mac) return;
    this.table.set(ip, { lladdr: mac, state: 'REACHABLE' });
    const late = this.sim.monitorLateMs ?? 0;
    if (late === 0) this.onChange?.({ ip, mac, state: 'REACHABLE' });
    else this.at(late, () => this.onChange?.({ ip, mac, state: 'REACHABLE' }));
  }

  /** Runs what is due until the waiter's deadline or its wake; microtasks run between. */
  private async advance(): Promise<void> {
    if (this.advancing) return;
    this.advancing = true;
    try {
      while (this.waiter !== null) {
        await new Promise<void>((r) => setImmediate(r));
        if (this.waiter === null) break;
        const next = this.timers[0];
        if (next !== undefined && next.at <= this.waiter.deadline) {
          this.timers.shift();
          this.t = Math.max(this.t, next.at);
          next.fn();
          continue;
        }
        if (!Number.isFinite(this.waiter.deadline)) {
          if (this.signal.aborted) break;
          throw new Error('fake sweep: waiting for ever, with nothing left to happen');
        }
        this.t = Math.max(this.t, this.waiter.deadline);
        this.wakeWaiter();
      }
    } finally {
      this.advancing = false;
    }
  }

  private wakeWaiter(): void {
    const w = this.waiter;
    this.waiter = null;
    w?.resolve();
  }

  /** The simulated table as `ip -j neigh show` reads it (IPv4 only: no IPv6 on this LAN). */
  private records(): NeighbourRecord[] {
    return [...this.table].map(([dst, e]) => ({
      family: 'inet',
      dst,
      dev: this.sim.iface,
      lladdr: e.lladdr,
      states: [e.state],
      router: false,
    }));
  }

  port(): SweepPort {
    const sim = this.sim;
    const expectIp = (ip: string) => {
      if (!/^\d+\.\d+\.\d+\.\d+$/.test(ip)) throw new Error(`fake sweep: not an address ${ip}`);
    };
    return {
      now: () => FakeSweep.T0 + this.t,
      mono: () => this.t,
      wait: (ms) =>
        new Promise<void>((resolve) => {
          if (this.signal.aborted) return resolve();
          if (this.waiter !== null) throw new Error('fake sweep: two waits at once');
          this.waiter = { deadline: ms === null ? Infinity : this.t + ms, resolve };
          void this.advance();
        }),
      wake: () => this.wakeWaiter(),
      readGcThresh3: async () => {
        const v = sim.gcThresh3 === undefined ? 64 : sim.gcThresh3;
        return v === null ? { why: 'not visible in this network namespace' } : { value: v };
      },
      readRetransMs: async () => sim.retransMs ?? 1000,
      readDrops: async () => {
        const list = sim.drops ?? [0];
        return list[Math.min(this.dropsRead++, list.length - 1)] ?? 0;
      },
      followTable: async (onChange) => {
        if (this.onChange) throw new Error('fake sweep: the table followed twice');
        this.onChange = onChange;
        return {
          stop: async () => {
            this.onChange = null;
          },
        };
      },
      readTable: async (family) => {
        this.calls.push('readTable');
        if (family === 'inet6') throw new Error('fake sweep: no IPv6 on this LAN');
        return { records: this.records(), warnings: [] };
      },
      checkRoute: async () => {
        this.calls.push('checkRoute');
        return sim.routeProblem?.(++this.routeChecks) ?? null;
      },
      readArpCache: async () => {
        this.calls.push('readArpCache');
        // The file has no states: every entry with a MAC is complete (flags 0x2).
        return [...this.table].flatMap(([ip, e]) =>
          e.lladdr !== null ? [{ ip, mac: e.lladdr, state: null }] : [],
        );
      },
      readStart: async () => {
        this.calls.push('readStart');
        const route = sim.routeProblem?.(++this.routeChecks) ?? null;
        return { route, table: { records: this.records(), warnings: [] } };
      },
      ask: async (ip) => {
        this.calls.push('ask');
        expectIp(ip);
        if (this.sent.includes(ip)) throw new Error(`fake sweep: ${ip} asked twice`);
        this.sent.push(ip);
        const cached = this.table.get(ip);
        if (cached?.state === 'STALE' && cached.lladdr !== null) {
          this.table.set(ip, { lladdr: cached.lladdr, state: 'DELAY' });
          this.onChange?.({ ip, mac: cached.lladdr, state: 'DELAY' });
          return null;
        }
        this.table.set(ip, { lladdr: null, state: 'INCOMPLETE' });
        this.maxLive = Math.max(this.maxLive, this.live());
        const host = sim.hosts.get(ip);
        const retrans = sim.retransMs ?? 1000;
        if (host && !host.firstLost) this.at(host.rttMs ?? 2, () => this.answer(ip, host.mac));
        else if (host) this.at(retrans + (host.rttMs ?? 2), () => this.answer(ip, host.mac));
        else
          this.at(FAIL_AFTER_MS, () => {
            if (this.table.get(ip)?.state === 'INCOMPLETE')
              this.table.set(ip, { lladdr: null, state: 'FAILED' });
          });
        return null;
      },
      askAgain: async (ips, windowMs) => {
        for (const ip of ips) {
          expectIp(ip);
          if (!this.sent.includes(ip))
            throw new Error(`fake sweep: ${ip} asked again, never asked`);
          if (this.askedAgain.includes(ip)) throw new Error(`fake sweep: ${ip} asked again twice`);
        }
        if (sim.askAgainProblem) {
          this.cannotAsked++;
          return { cannot: sim.askAgainProblem };
        }
        this.askedAgain.push(...ips);
        // One batch: each host answers after its RTT (arping's reply updates the kernel's
        // entry too: the monitor announces it); the batch ends when all answered, or after
        // the window when one stays silent.
        const byIp = new Map<string, string[]>(ips.map((ip) => [ip, []]));
        let last = 0;
        for (const ip of ips) {
          const host = sim.hosts.get(ip);
          if (!host) {
            last = Math.max(last, windowMs);
            continue;
          }
          last = Math.max(last, host.rttMs ?? 2);
          this.at(host.rttMs ?? 2, () => {
            this.answer(ip, host.mac);
            byIp.get(ip)!.push(host.mac);
          });
        }
        return new Promise((resolve) => this.at(last, () => resolve({ byIp })));
      },
      echoIpv6: async () => {
        throw new Error('fake sweep: the target has no IPv6');
      },
      close: () => {},
    };
  }
}
