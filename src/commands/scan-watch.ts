/**
 * `netdoctor scan --watch`: the LAN as it changes. A sweep every interval, the neighbour
 * table followed between sweeps, and one line per event (new, gone, moved, duplicate, and
 * each sweep's end) printed the moment it happens; with --json one JSON object a line, so
 * it pipes into jq. INT, TERM and HUP end it: the monitor and every sweep's children are
 * killed and waited for, and the exit code names the signal.
 */
import { findingLines } from '../report/findings.js';
import { diagnose } from '../diagnose/diagnose.js';
import type { Finding } from '../diagnose/finding.js';
import type { DuplicateSighting, MacChangeSighting } from '../diagnose/rule.js';
import { ScanFold } from '../probes/discover/scan-fold.js';
import {
  hostKey,
  targetContext,
  visibleHosts,
  type DuplicateEvidence,
} from '../probes/discover/hosts.js';
import { resolveTargets } from '../probes/discover/target.js';
import { DEFAULT_WATCH_INTERVAL_MS, watchLan } from '../probes/discover/watch-loop.js';
import type { WatchEvent } from '../probes/discover/watch.js';
import { lookupVendor, raspberryPiPrefixes } from '../net/mac.js';
import { hostOf } from '../wiring/host.js';
import { buildHostState, type HostState } from '../state/host-state.js';
import { safeText } from '../text/safe.js';
import { UsageError, type CliIo } from './context.js';
import { endReason, errorEnd, jsonDocument, type EndReason } from '../report/json-document.js';
import { readProblemLines, readProblems } from '../report/read-problems.js';
import { withSignals } from '../system/signals.js';
import { limitsOf } from '../probes/discover/discover.js';
import { parseWait, wantsNames, type ScanOptions, refuseRemoteSweep } from './scan-options.js';

/** `--interval` in seconds (fractions allowed, from 0.5 s: tests use 1 s) to milliseconds. */
export function parseInterval(text: string | undefined): number {
  if (text === undefined) return DEFAULT_WATCH_INTERVAL_MS;
  const s = Number(text.replace(/s$/, ''));
  if (!/^\d+(\.\d+)?s?$/.test(text) || !(s >= 0.5) || s > 86_400) {
    throw new UsageError(`--interval takes seconds from 0.5 to 86400, not ${JSON.stringify(text)}`);
  }
  return Math.round(s * 1000);
}

function vendorOf(mac: string): string | null {
  return lookupVendor(mac)?.name ?? null;
}

/** One event as its JSON line's object: ISO times, vendors beside MACs. */
export function watchEventJson(e: WatchEvent, findings: readonly Finding[]) {
  const base = { event: e.event, at: new Date(e.at).toISOString(), iface: e.iface, ip: e.ip };
  switch (e.event) {
    case 'new':
      return { ...base, mac: e.mac, vendor: vendorOf(e.mac), gateway: e.gateway };
    case 'gone':
      return { ...base, mac: e.mac, lastSeen: new Date(e.lastSeen).toISOString() };
    case 'moved':
      return {
        ...base,
        from: e.from,
        fromVendor: vendorOf(e.from),
        to: e.to,
        toVendor: vendorOf(e.to),
        gateway: e.gateway,
        findings,
      };
    case 'duplicate':
      return {
        ...base,
        macs: e.macs,
        vendors: e.macs.map(vendorOf),
        findings,
      };
  }
}

function clock(at: number): string {
  return new Date(at).toISOString().slice(11, 19);
}

/** One event as a line of text (made safe: vendors and MACs came from the network). */
export function watchEventText(e: WatchEvent): string {
  const v = (mac: string) => `${mac} (${vendorOf(mac) ?? 'vendor unknown'})`;
  const head = `${clock(e.at)}  ${e.event.padEnd(9)} ${e.ip} on ${e.iface}`;
  switch (e.event) {
    case 'new':
      return `${head}: ${v(e.mac)}${e.gateway ? ', the gateway' : ''}`;
    case 'gone':
      return `${head}: ${e.mac}, missed two sweeps, last seen ${clock(e.lastSeen)}`;
    case 'moved':
      return `${head}: ${v(e.from)} -> ${v(e.to)}${e.gateway ? ', THE GATEWAY' : ''}`;
    case 'duplicate':
      return `${head}: answered by ${e.macs.map(v).join(' and ')}`;
  }
}

/** The findings an event raises: a gateway's MAC change, a duplicate IP. */
export function watchFindings(
  e: WatchEvent,
  host: HostState | null,
  evidence: ReadonlyMap<string, DuplicateEvidence>,
): Finding[] {
  if (e.event === 'moved') {
    const change: MacChangeSighting = {
      ip: e.ip,
      iface: e.iface,
      from: e.from,
      to: e.to,
      at: new Date(e.at).toISOString(),
      gateway: e.gateway,
      source:
        e.via === 'ip monitor neigh' ? 'ip monitor neigh' : `netdoctor scan --watch (${e.via})`,
      lines: [`${e.ip} ${e.from} -> ${e.to}`],
    };
    return diagnose({ host, probes: { macChanges: [change] } }, ['l2']);
  }
  if (e.event === 'duplicate') {
    const seen = evidence.get(hostKey(e.iface, e.ip));
    const dup: DuplicateSighting = {
      ip: e.ip,
      iface: e.iface,
      macs: e.macs,
      current: seen?.current ?? null,
      source: seen?.source ?? 'netdoctor scan --watch',
      lines: seen?.lines ?? e.macs.map((m) => `${e.ip}\t${m}`),
    };
    return diagnose({ host, probes: { duplicates: [dup] } }, ['l2']);
  }
  return [];
}

export async function runWatch(io: CliIo, opts: ScanOptions): Promise<number> {
  if (opts.csv) throw new UsageError('--watch prints events: --csv does not go with it');
  if (opts.pi) throw new UsageError('--watch reports every host: --pi does not go with it');
  const intervalMs = parseInterval(opts.interval);
  const waitMs = parseWait(opts.wait);
  refuseRemoteSweep(io);
  const facts = hostOf(io).readRoutingSnapshot().then(buildHostState);
  raspberryPiPrefixes();
  const host = await facts;
  const targets = resolveTargets(host, {
    ifaces: opts.iface,
    ...(opts.cidr !== undefined ? { cidr: opts.cidr } : {}),
    backend: opts.backend,
    force: Boolean(opts.force),
  });
  const ctx = targetContext(targets);
  const line = (value: unknown) => io.out(`${JSON.stringify(value)}\n`);
  const say = (text: string) => io.out(`${safeText(text)}\n`);
  const where = targets.map((t) => `${t.iface} ${t.prefix.cidr}`).join(', ');
  const read = readProblems(host, 'scan');
  // The stream opens with its schema and what is watched, and ends with why it ended.
  if (opts.json) {
    line(
      jsonDocument('scan-watch', {
        event: 'start',
        at: new Date().toISOString(),
        backend: opts.backend,
        intervalMs,
        targets: targets.map((t) => ({ iface: t.iface, cidr: t.prefix.cidr })),
        warnings: read,
      }),
    );
  } else {
    say(`watching ${where} (${opts.backend}) every ${intervalMs / 1000} s; Ctrl-C ends`);
    for (const l of limitsOf(opts.backend)) say(`note: ${l}`);
    for (const w of readProblemLines(read)) say(`warning: ${w}`);
  }
  // One fold per sweep (its table counts that sweep's hosts); limits and the duplicate
  // check's evidence are the watch's, kept across sweeps.
  const end = (e: EndReason) => {
    if (opts.json) return line({ event: 'end', at: new Date().toISOString(), ...e });
    const why = e.reason === 'interrupted' ? `interrupted by ${e.signal}` : e.reason;
    say(`${clock(Date.now())}  end: ${e.reason === 'error' ? `error: ${e.error}` : why}`);
  };
  const evidence = new Map<string, DuplicateEvidence>();
  const saidLimits = new Set<string>();
  let fold = new ScanFold(ctx);
  return withSignals(async (signal) => {
    try {
      await watchLan(
        targets,
        {
          backend: opts.backend,
          signal,
          intervalMs,
          names: wantsNames(opts),
          ...(waitMs !== undefined ? { waitMs } : {}),
          ctx,
        },
        {
          sweepStarted: () => {
            fold = new ScanFold(ctx);
          },
          scan: (event) => {
            fold.apply(event);
            if (event.type === 'duplicate') {
              const key = hostKey(event.iface, event.ip);
              const seen = fold.evidence.get(key);
              if (seen) evidence.set(key, seen);
            } else if (event.type === 'limit' && !saidLimits.has(event.message)) {
              saidLimits.add(event.message);
              if (opts.json) line({ event: 'limit', message: event.message });
              else say(`note: ${event.message}`);
            }
          },
          watch: (e) => {
            const findings = watchFindings(e, host, evidence);
            if (opts.json) return line(watchEventJson(e, findings));
            say(watchEventText(e));
            for (const f of findings) for (const l of findingLines(f)) io.out(`${l.text}\n`);
          },
          sweepEnded: ({ sweep, at, nextAt }) => {
            const hosts = visibleHosts(fold.table.hosts(), false).length;
            if (opts.json) {
              line({
                event: 'sweep',
                sweep,
                at: new Date(at).toISOString(),
                hosts,
                next: new Date(nextAt).toISOString(),
              });
            } else {
              say(`${clock(at)}  sweep ${sweep}: ${hosts} hosts; next at ${clock(nextAt)}`);
            }
          },
        },
      );
    } catch (err) {
      end(errorEnd(err));
      throw err;
    }
    end(endReason(signal));
    return 0;
  });
}
