/**
 * One kernel sweep of one target (kernel.ts says how it works), as named steps over its port
 * (sweep-port.ts) and the pure fold (sweep-fold.ts), in the shape of mtr's packet loop: wait
 * for activity (an answer, or the next deadline), receive what came, check the timeouts.
 * Nothing here touches the OS but through the port.
 */
import type { NeighbourRecord } from '../../parse/ip-neigh.js';
import { hostAddresses, hostCount } from '../../net/prefix.js';
import { selfSightings, tableSightings, viaTable } from './sightings.js';
import { batchBudget } from './pacing.js';
import { SOFTNET_STAT_PATH } from './softnet.js';
import type { ScanEvent, ScanOptions, ScanTarget } from './types.js';
import { type Running, type SweepPort } from './sweep-port.js';

export const GC_THRESH3_PATH = '/proc/sys/net/ipv4/neigh/default/gc_thresh3';
import {
  beginBatch,
  currentGrace,
  foldSweep,
  initialSweep,
  nextDeadline,
  said,
  type SweepAction,
  type SweepInput,
  type SweepState,
} from './sweep-fold.js';

const DEFAULT_GC_THRESH3 = 1024;
/** The kernel's retrans_time when the interface's cannot be read. */
const KERNEL_RETRANS_MS = 1000;
/**
 * Datagrams per millisecond: about 2000 ARP requests a second, brisk but not a burst. (In the
 * 200-host lab every broadcast is copied 200 times by the bridge; 8 per ms already overran the
 * receive backlog and lost answers; arp-scan's default is one per 2 ms.)
 */
const SEND_CHUNK = 2;
const SEND_PAUSE_MS = 1;
/** While the table is full of our INCOMPLETE entries: the kernel fails them within 3 s. */
const FULL_TABLE_PAUSE_MS = 200;
/**
 * How long the set-up watches /proc/net/arp for the opening's answers, and how often, before
 * it starts its processes (`ip monitor`, the reads: each holds the event loop for 10-20 ms,
 * and the monitor would not listen yet when a LAN host answers within a millisecond): the
 * first host is on screen as soon as it answered.
 */
const OPENING_WATCH_MS = 6;
const OPENING_POLL_MS = 1;
/** How long the IPv6 all-nodes echo gets at least, for its answers to come in. */
const ECHO_MIN_MS = 150;

/** One sweep of one target: the steps, in order, over the port. */
export async function sweep(
  target: ScanTarget,
  options: ScanOptions,
  push: (e: ScanEvent) => void,
  signal: AbortSignal,
  port: SweepPort,
): Promise<void> {
  const run = new SweepRun(target, options.waitMs, push, signal, port);
  try {
    await run.sweep();
  } finally {
    port.close();
  }
}

/** A sweep under way: the fold's state, what arrived since, and the steps that move it. */
class SweepRun {
  private state: SweepState;
  /** What arrived from the port since the fold last looked (receive_replies drains it). */
  private readonly inbox: SweepInput[] = [];
  private batchDone = false;
  /** The set-up reads are under way (receive drains the inbox itself meanwhile). */
  private settingUp = false;
  private batchIndex = -1;
  /** The last batch whose answers-in was said. */
  private answersSaid = -1;
  private sent = 0;
  private sendErrors = 0;
  private readonly errorCodes = new Map<string, number>();
  private cannotAskAgain = false;
  /** The batches of arpings asking again, under way (the sweep waits for them at its end). */
  private readonly askingAgain: Promise<void>[] = [];
  private dropsBefore: number | null = null;
  private echo: Running | null = null;
  private echoStartedAt = 0;
  private echoAnswered = false;
  /**
   * What the table read at the end covers: IPv6, or both families when the last batch's own
   * IPv4 read was left to it (one process fewer).
   */
  private tableAtEnd: 'inet6' | 'all' = 'inet6';
  /** The echo's start, once asked for (endEcho waits for it: nothing is left running). */
  private echoStart: Promise<void> | null = null;

  constructor(
    private readonly target: ScanTarget,
    waitMs: number | undefined,
    private readonly push: (e: ScanEvent) => void,
    private readonly signal: AbortSignal,
    private readonly port: SweepPort,
  ) {
    this.state = initialSweep({
      iface: target.iface,
      prefix: target.prefix,
      waitMs,
      retransMs: KERNEL_RETRANS_MS,
      // Until arping says it cannot (the first retry finds out: no process before the sweep).
      canAskAgain: true,
    });
  }

  async sweep(): Promise<void> {
    const { target, port, signal } = this;
    const started = port.now();
    this.push({
      type: 'started',
      target,
      backend: 'kernel',
      addresses: hostCount(target.prefix),
      at: started,
    });
    const self = selfSightings(target, started);
    for (const s of self) this.push({ type: 'sighting', sighting: s });
    this.state = said(this.state, self);

    const addresses = hostAddresses(target.prefix);
    let remaining = hostCount(target.prefix);
    // The opening chunk of the first batch, asked before anything else (see setUp).
    const opening: string[] = [];
    while (opening.length < SEND_CHUNK) {
      const next = addresses.next();
      if (next.done) break;
      remaining--;
      if (!target.localAddresses.includes(next.value)) opening.push(next.value);
    }
    const [gcThresh3, monitor, before, firstRoute] = await this.setUp(opening);
    let stopped: string | undefined;
    try {
      let rows: readonly NeighbourRecord[] | null = before;
      let route: string | null | undefined = firstRoute;
      let index = 0;
      let opened = opening.length > 0;
      while ((remaining > 0 || opened) && !signal.aborted) {
        const table = rows ?? (await port.readTable('inet')).records;
        rows = null;
        const live = table.filter((n) => n.family === 'inet' && !n.states.includes('FAILED'));
        const budget = remaining === 0 ? 0 : batchBudget(gcThresh3, live.length, remaining);
        if (budget === 0 && !opened) {
          await this.pause(FULL_TABLE_PAUSE_MS);
          continue;
        }
        const batch: string[] = [];
        while (batch.length < budget) {
          const next = addresses.next();
          if (next.done) break;
          remaining--;
          if (!target.localAddresses.includes(next.value)) batch.push(next.value);
        }
        if (batch.length === 0 && !opened) continue;
        // The link and the routes as they are now: a link that dropped mid-sweep loses its
        // connected route, and the rest of the sweep would go to the default gateway.
        const problem = route !== undefined ? route : await port.checkRoute();
        route = undefined; // the first batch's was read with the rest of the set-up
        if (problem !== null) {
          stopped = `sweep of ${target.prefix.cidr} on ${target.iface} stopped: ${problem}`;
          this.push({ type: 'warning', message: stopped });
          break;
        }
        await this.sendBatch(batch, index++, opened ? opening.length : 0);
        opened = false;
        await this.waitForBatch();
        // After the last batch, the IPv6 read at the end reads both families at once.
        if (remaining > 0 || !target.ipv6) await this.readTableAfter();
        else this.tableAtEnd = 'all';
        await this.startEcho();
      }
    } finally {
      await Promise.all(this.askingAgain);
    }
    await this.startEcho(); // a sweep with no batch at all still asks IPv6
    await this.endEcho();
    await monitor.stop();
    this.finish(stopped);
  }

  /**
   * Reads the limits and asks the opening addresses at once, watching the table file for
   * their answers (the first host is on screen before any process has started); then starts
   * following the table, reads it and checks the route. The table is read after the opening
   * went out, so the first batch's budget counts its entries.
   */
  private async setUp(opening: readonly string[]) {
    const { port } = this;
    const limits = Promise.all([port.readGcThresh3(), port.readRetransMs(), port.readDrops()]);
    if (opening.length > 0) {
      // What the table file held before we asked: such an entry is no answer of ours (it may
      // be a STALE MAC of a host long gone); the table read, which has states, says it.
      const cached = new Set((await port.readArpCache()).map((c) => c.ip));
      await this.open(opening);
      await this.watchOpening(opening.filter((ip) => !cached.has(ip)));
    }
    const monitor = await port.followTable((c) =>
      this.receive({ type: 'answer', ...c, at: port.mono(), epoch: port.now() }),
    );
    // An entry that turns valid before the monitor listens is in this read, or in the table
    // read after the batch.
    this.settingUp = true;
    const [[gc, retransMs, drops], { route, table: before }] = await Promise.all([
      limits,
      port.readStart(),
    ]).finally(() => (this.settingUp = false));
    for (const w of before.warnings) this.push({ type: 'warning', message: w });
    this.dropsBefore = drops;
    this.state = {
      ...this.state,
      config: {
        ...this.state.config,
        retransMs: retransMs ?? KERNEL_RETRANS_MS,
      },
    };
    this.run({ type: 'table', records: before.records, epoch: port.now() });
    this.tableV6(before.records);
    let gcThresh3 = DEFAULT_GC_THRESH3;
    if ('value' in gc) gcThresh3 = gc.value;
    else {
      this.push({
        type: 'warning',
        message: `${GC_THRESH3_PATH}: ${gc.why}; pacing by the default limit of ${DEFAULT_GC_THRESH3} entries`,
      });
    }
    return [gcThresh3, monitor, before.records, route] as const;
  }

  /** The first batch begins with `ips`, asked at once (one chunk: no pause is needed). */
  private async open(ips: readonly string[]): Promise<void> {
    this.state = beginBatch(this.state);
    await this.askChunk(ips);
  }

  /**
   * Reads the table file until one of the opening's addresses answered, OPENING_WATCH_MS at
   * most. `opening`: those with no complete entry before they were asked, so that one
   * complete now is the INCOMPLETE entry our ask made, confirmed by an ARP reply: REACHABLE
   * (the file has no states). Other entries are left to the table read, which has them.
   */
  private async watchOpening(opening: readonly string[]): Promise<void> {
    const { port } = this;
    if (opening.length === 0) return;
    const until = port.mono() + OPENING_WATCH_MS;
    for (;;) {
      const entries = await port.readArpCache();
      const at = port.mono();
      for (const c of entries) {
        if (!opening.includes(c.ip)) continue;
        this.run({ type: 'answer', ...c, state: 'REACHABLE', at, epoch: port.now() });
      }
      this.receiveReplies();
      if (this.signal.aborted || port.mono() >= until) return;
      if (opening.some((ip) => this.state.seen.has(ip))) return;
      await this.pause(OPENING_POLL_MS);
    }
  }

  /** Asks a chunk of addresses at once, counting what the kernel refused. */
  private async askChunk(chunk: readonly string[]): Promise<void> {
    const { port } = this;
    const codes = await Promise.all(
      chunk.map(async (ip) => {
        const code = await port.ask(ip);
        // The RTT clock starts when the kernel has taken the datagram (and sent its ARP).
        this.run({ type: 'asked', ip, at: port.mono() });
        return code;
      }),
    );
    for (const code of codes) {
      if (code === null) continue;
      this.sendErrors++;
      this.errorCodes.set(code, (this.errorCodes.get(code) ?? 0) + 1);
    }
    this.receiveReplies();
  }

  /**
   * Sends the batch in small chunks, so answers are read (and shown) while it goes out. The
   * first batch's `opened` addresses went out already (setUp).
   */
  private async sendBatch(batch: readonly string[], index: number, opened: number): Promise<void> {
    const { port, signal } = this;
    if (opened === 0) this.state = beginBatch(this.state);
    this.batchDone = false;
    this.batchIndex = index;
    // Frames lost count from here (the first batch's from the set-up).
    if (index > 0) this.dropsBefore = await port.readDrops();
    const grace = Math.round(currentGrace(this.state));
    this.push({
      type: 'batch',
      iface: this.target.iface,
      index,
      size: opened + batch.length,
      graceMs: grace,
    });
    for (let i = 0; i < batch.length && !signal.aborted; i += SEND_CHUNK) {
      // A breath between chunks: a burst of hundreds of broadcasts overruns receive
      // queues (a Linux host's backlog holds 1000 frames) and answers get lost.
      if (i > 0 || opened > 0) await this.pause(SEND_PAUSE_MS);
      await this.askChunk(batch.slice(i, i + SEND_CHUNK));
    }
    this.sent += opened + batch.length;
    this.run({ type: 'sent', at: port.mono() });
  }

  /**
   * The batch's answers are in (its drops read, or every address answered): said once per
   * batch; the IPv6 echo goes out now, so its answers come in while the grace runs.
   */
  private answersIn(): void {
    if (this.answersSaid === this.batchIndex) return;
    this.answersSaid = this.batchIndex;
    this.push({ type: 'answers-in', iface: this.target.iface, index: this.batchIndex });
    void this.startEcho();
  }

  /** A pause of `ms` that answers arriving meanwhile do not cut short (they wait in the inbox). */
  private async pause(ms: number): Promise<void> {
    const until = this.port.mono() + ms;
    while (!this.signal.aborted && this.port.mono() < until) {
      await this.port.wait(until - this.port.mono());
    }
  }

  /** wait_for_activity, receive_replies, check_probe_timeouts: until the batch is done. */
  private async waitForBatch(): Promise<void> {
    const { port, signal } = this;
    while (!this.batchDone && !signal.aborted) {
      this.receiveReplies();
      if (this.batchDone) break;
      this.run({ type: 'tick', at: port.mono() });
      if (this.batchDone) break;
      const deadline = nextDeadline(this.state);
      if (this.inbox.length > 0) continue;
      await port.wait(deadline === null ? null : Math.max(0, deadline - port.mono()));
    }
  }

  /** The table is the truth: anything valid the monitor did not announce counts too. */
  private async readTableAfter(): Promise<void> {
    const after = await this.port.readTable('inet');
    this.receiveReplies();
    this.run({ type: 'table', records: after.records, epoch: this.port.now() });
  }

  /**
   * IPv6: one echo to all nodes fills the IPv6 table; the monitor reports the entries. It
   * goes out once the first IPv4 batch has gone out, not with it: every host answers it at
   * once with multicast (neighbour solicitations), a burst that could crowd out ARP answers
   * while hundreds of requests are flooded. Its 150 ms then run inside the batch's grace.
   */
  private startEcho(): Promise<void> {
    if (!this.target.ipv6 || this.signal.aborted) return this.echoStart ?? Promise.resolve();
    return (this.echoStart ??= this.beginEcho());
  }

  private async beginEcho(): Promise<void> {
    const echo = await this.port.echoIpv6(() => (this.echoAnswered = true));
    // Counted from when it runs: starting a process can take longer than its answers.
    this.echoStartedAt = this.port.mono();
    if ('error' in echo) {
      this.push({
        type: 'warning',
        message: `IPv6 all-nodes echo on ${this.target.iface} not sent: ${echo.error}`,
      });
    } else this.echo = echo;
  }

  private async endEcho(): Promise<void> {
    const { port, signal, target } = this;
    await this.echoStart;
    // Give the echo's answers a moment when the IPv4 sweep was quicker than that.
    const left = this.echoStartedAt + ECHO_MIN_MS - port.mono();
    if (this.echoStart !== null && left > 0) await this.pause(left);
    await this.echo?.stop();
    if (this.echo && !this.echoAnswered && !signal.aborted) {
      this.push({
        type: 'warning',
        message: `no answer to the IPv6 all-nodes echo on ${target.iface} during the sweep: IPv6 neighbours come from the table only`,
      });
    }
    if (target.ipv6 && !signal.aborted) {
      // Whatever answered the echo is in the table by now.
      const read = await port.readTable(this.tableAtEnd);
      this.receiveReplies();
      if (this.tableAtEnd === 'all') {
        this.run({ type: 'table', records: read.records, epoch: port.now() });
      }
      this.tableV6(read.records);
    } else this.receiveReplies();
  }

  /** The IPv6 entries of a table read (the fold reads only IPv4 ones from a table). */
  private tableV6(records: readonly NeighbourRecord[]): void {
    const { iface, prefix } = this.target;
    for (const seen of tableSightings(records, iface, prefix, viaTable)) {
      if (!seen.ip.includes(':') || seen.mac === null) continue;
      const { ip, mac, state } = seen;
      this.run({ type: 'answer', ip, mac, state, at: this.port.mono(), epoch: seen.at });
    }
  }

  private finish(stopped: string | undefined): void {
    const { lostFrames } = this.state;
    if (lostFrames > 0) {
      this.push({
        type: 'warning',
        message: `this machine dropped ${lostFrames} received frames during the sweep (${SOFTNET_STAT_PATH}): waited for the kernel to ask the unanswered addresses once more`,
      });
    }
    if (this.errorCodes.size > 0) {
      const list = [...this.errorCodes].map(([c, n]) => `${c} x${n}`).join(', ');
      this.push({
        type: 'warning',
        message: `the kernel refused ${this.sendErrors} of ${this.sent} datagrams on ${this.target.iface}: ${list}`,
      });
    }
    this.push({
      type: 'finished',
      target: this.target,
      at: this.port.now(),
      sent: this.sent,
      sendErrors: this.sendErrors,
      ...(stopped !== undefined ? { stopped } : {}),
    });
  }

  /** Something arrived from the port: kept for the loop, which is woken. */
  private receive(input: SweepInput): void {
    this.inbox.push(input);
    this.port.wake();
    // While the set-up reads run, nothing else drains the inbox: the opening's answers go
    // on screen as they come, not once the first batch starts sending.
    if (this.settingUp) this.receiveReplies();
  }

  /** receive_replies: every input that arrived goes through the fold, in order. */
  private receiveReplies(): void {
    while (this.inbox.length > 0) this.run(this.inbox.shift()!);
  }

  /** One input through the fold, and its actions taken. */
  private run(input: SweepInput): void {
    const step = foldSweep(this.state, input);
    this.state = step.state;
    for (const action of step.actions) this.act(action);
  }

  private act(action: SweepAction): void {
    switch (action.type) {
      case 'sighting':
        this.push({ type: 'sighting', sighting: action.sighting });
        return;
      case 'ask-again':
        this.askingAgain.push(this.askAgain(action.ips, action.windowMs));
        this.answersIn();
        return;
      case 'read-drops':
        void this.port.readDrops().then((now) => {
          const before = this.dropsBefore;
          this.dropsBefore = now;
          const lost = before !== null && now !== null ? Math.max(0, now - before) : 0;
          this.receive({ type: 'drops', lost, at: this.port.mono() });
          this.answersIn();
        });
        return;
      case 'batch-done':
        this.batchDone = true;
        this.answersIn();
        return;
    }
  }

  /** Asks the batch's unanswered again, all at once; each comes back as `asked-again`. */
  private async askAgain(ips: readonly string[], windowMs: number): Promise<void> {
    const r = this.cannotAskAgain ? null : await this.port.askAgain(ips, windowMs);
    if (r !== null && 'cannot' in r) {
      this.cannotAskAgain = true;
      this.receive({ type: 'cannot-ask-again', at: this.port.mono() });
      return;
    }
    const at = this.port.mono();
    const epoch = this.port.now();
    for (const ip of ips) {
      this.receive({ type: 'asked-again', ip, macs: r?.byIp.get(ip) ?? [], at, epoch });
    }
  }
}
