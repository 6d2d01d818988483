/**
 * The soak (issue 21, "And a soak"): a watch left running must stay flat. A bench row, not a
 * timed test: it runs for SOAK_MINUTES (default 10) on a lab LAN of 60 hosts, as root.
 *
 * 1. `scan --watch --interval 1 --json --no-names` as nobody in the scanner's namespace. The
 *    node process's VmRSS is sampled every 2 s; halfway one host is plugged in and one taken
 *    away (its veth deleted). Then SIGINT: exit 130, nothing left in the namespace.
 * 2. The TUI in a pty (as root) on Discover with `w` watching (a sweep every 30 s), sampled
 *    the same way; `q` quits with 0 and leaves nothing.
 *
 * Growth: the peak RSS of the last fifth of the time against the peak of the fifth after
 * warm-up (the first fifth is warm-up and not counted), target < 15 %.
 */
import { readFileSync } from 'node:fs';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import {
  Lab,
  labAvailability,
  leftoverNamespaces,
  spawnNetdoctorAsNobody,
} from '../test/lab/lab.js';
import { addLanHost, buildLan, type DiscoverLan } from '../test/lab/discover-lab.js';
import { processesIn, startTuiInPty } from '../test/lab/tui-pty.js';
import type { BenchContext, Row } from './table.js';

const MINUTES = Number(process.env['SOAK_MINUTES'] ?? 10);
const SAMPLE_MS = 2000;
const GROWTH_TARGET = 15;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** VmRSS of `pid` in kB, or null once it is gone. */
function rssKb(pid: number): number | null {
  try {
    const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

interface Sample {
  readonly t: number;
  readonly kb: number;
}

/** Samples `pid`'s RSS for `ms`, calling `halfway` once at half time. */
async function sampleRss(pid: number, ms: number, halfway?: () => void): Promise<Sample[]> {
  const start = Date.now();
  const samples: Sample[] = [];
  let half = halfway;
  for (let t = 0; t <= ms; t = Date.now() - start) {
    const kb = rssKb(pid);
    if (kb === null) throw new Error(`process ${pid} ended during the soak`);
    samples.push({ t, kb });
    if (half && t >= ms / 2) {
      half();
      half = undefined;
    }
    await sleep(SAMPLE_MS);
  }
  return samples;
}

interface Growth {
  readonly percent: number;
  readonly note: string;
}

/** Peak of the last fifth against the peak of the fifth after warm-up. */
function growth(samples: readonly Sample[], ms: number): Growth {
  const peak = (from: number, to: number) =>
    Math.max(...samples.filter((s) => s.t >= from * ms && s.t <= to * ms).map((s) => s.kb));
  const base = peak(0.2, 0.4);
  const end = peak(0.8, 1);
  const mb = (kb: number) => (kb / 1024).toFixed(1);
  return {
    percent: (end / base - 1) * 100,
    note:
      `peak RSS ${mb(base)} MB after warm-up (20–40 % of the time), ${mb(end)} MB at the end ` +
      `(last 20 %), highest ${mb(Math.max(...samples.map((s) => s.kb)))} MB; ` +
      `${samples.length} samples every ${SAMPLE_MS / 1000} s`,
  };
}

/** Resolves with the exit code, or null if it has not ended within `ms`. */
function exitWithin(child: ChildProcessWithoutNullStreams, ms: number): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), ms);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

/** The watch's JSON lines, as they come. */
function readLines(child: ChildProcessWithoutNullStreams, into: { event: string; ip?: string }[]) {
  let rest = '';
  child.stdout.on('data', (chunk: Buffer) => {
    rest += chunk.toString();
    const parts = rest.split('\n');
    rest = parts.pop() ?? '';
    for (const p of parts) if (p.trim()) into.push(JSON.parse(p) as { event: string });
  });
}

async function until(what: string, check: () => boolean, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`${what}: not within ${ms / 1000} s`);
    await sleep(100);
  }
}

const ADDED = { name: 'hsoak', mac: '02:00:5e:00:53:c8', offset: 200 };

async function scanSoak(lab: Lab, lan: DiscoverLan, ms: number, log: (l: string) => void) {
  const lines: { event: string; ip?: string }[] = [];
  const child = spawnNetdoctorAsNobody(lan.scanner, [
    'scan',
    '--watch',
    '--json',
    '--interval',
    '1',
    '--no-names',
  ]);
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  readLines(child, lines);
  const prefix = lan.cidr.split('/')[1];
  const added = lan.scannerIp.replace(/\d+$/, String(ADDED.offset));
  const removedIndex = 5;
  const removed = lan.hosts[removedIndex]!.ip;
  try {
    await until('the first sweep', () => lines.some((l) => l.event === 'sweep'));
    // ip netns exec and setpriv exec: the child's pid is node's.
    const comm = readFileSync(`/proc/${child.pid}/comm`, 'utf8').trim();
    if (comm !== 'node') throw new Error(`pid ${child.pid} is ${comm}, not node`);
    const samples = await sampleRss(child.pid!, ms, () => {
      log(`scan soak: halfway, ${added} plugged in, ${removed} taken away`);
      addLanHost(lab, lan, ADDED.name, ADDED.mac, `${added}/${prefix}`);
      lab.ip(lan.hostsNs, 'link', 'del', `h${removedIndex}`);
    });
    child.kill('SIGINT');
    const code = await exitWithin(child, 15_000);
    const left = processesIn(lan.scanner, /./);
    const count = (event: string, ip?: string) =>
      lines.filter((l) => l.event === event && (ip === undefined || l.ip === ip)).length;
    const isNew = count('new', added);
    const isGone = count('gone', removed);
    const expected = (l: { event: string; ip?: string }) =>
      l.event === 'sweep' ||
      l.event === 'limit' ||
      (l.event === 'new' && l.ip === added) ||
      (l.event === 'gone' && l.ip === removed);
    const others = lines.filter((l) => !expected(l));
    const g = growth(samples, ms);
    return {
      growth: g,
      eventsOff: Math.abs(isNew - 1) + Math.abs(isGone - 1) + others.length,
      eventsNote:
        `new for the added host ${isNew}, gone for the removed ${isGone}, other events ` +
        `${others.length}${others.length ? ` (${others.map((o) => `${o.event} ${o.ip}`).join(', ')})` : ''}; ` +
        `${count('sweep')} sweeps`,
      code,
      left,
      stderr: stderr.trim(),
    };
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

async function tuiSoak(lan: DiscoverLan, ms: number) {
  const tui = startTuiInPty(lan.scanner);
  try {
    await tui.waitFor(/Interfaces \(\d+\)/, 30_000);
    await tui.keys('2');
    await tui.waitFor(/w watch/);
    await tui.keys('w');
    await until(
      'ip monitor running',
      () => processesIn(lan.scanner, /ip monitor neigh/).length > 0,
    );
    const samples = await sampleRss(tui.nodePid(), ms);
    await tui.keys('q');
    const code = await Promise.race([tui.exited, sleep(15_000).then(() => null)]);
    return { growth: growth(samples, ms), code, left: processesIn(lan.scanner, /./) };
  } finally {
    tui.kill();
  }
}

/** Exit code and what was left, as one count (a wrong exit code counts one). */
function leftRow(
  figure: string,
  want: number,
  code: number | null,
  left: string[],
  ns: string[],
): Row {
  return {
    figure,
    unit: 'count',
    ours: (code === want ? 0 : 1) + left.length + ns.length,
    target: { atMost: 0 },
    note:
      `exit ${code ?? 'none within 15 s'} (want ${want}), processes left in the namespace: ` +
      `${left.length ? left.join('; ') : 'none'}, lab namespaces left after teardown: ${ns.length}`,
  };
}

function failed(figure: string, err: unknown): Row {
  return {
    figure,
    unit: '%',
    ours: NaN,
    target: { atMost: GROWTH_TARGET },
    note: `failed: ${err instanceof Error ? err.message : String(err)}`,
  };
}

export async function rows(ctx: BenchContext): Promise<Row[]> {
  const scanFigure = `soak, scan --watch --interval 1 --json as nobody, 60 hosts, ${MINUTES} min: peak RSS growth after warm-up`;
  const tuiFigure = `soak, TUI on Discover watching (a sweep every 30 s), 60 hosts, ${MINUTES} min: peak RSS growth after warm-up`;
  const available = labAvailability();
  if (!available.ok) {
    return [scanFigure, tuiFigure].map((f) => failed(f, `not run: ${available.reason}`));
  }
  const ms = MINUTES * 60_000;
  const out: Row[] = [];
  const lab = new Lab();
  let scan: Awaited<ReturnType<typeof scanSoak>> | null = null;
  let tui: Awaited<ReturnType<typeof tuiSoak>> | null = null;
  try {
    const lan = buildLan(lab, {
      cidr: '198.18.12.0/24',
      offsets: Array.from({ length: 60 }, (_, i) => 2 + i),
      piEvery: 4,
    });
    ctx.log(`scan soak: ${MINUTES} min`);
    try {
      scan = await scanSoak(lab, lan, ms, ctx.log);
    } catch (err) {
      out.push(failed(scanFigure, err));
    }
    ctx.log(`TUI soak: ${MINUTES} min`);
    try {
      tui = await tuiSoak(lan, ms);
    } catch (err) {
      out.push(failed(tuiFigure, err));
    }
  } finally {
    lab.teardown();
  }
  const ns = leftoverNamespaces(lab);
  if (scan) {
    out.push(
      {
        figure: scanFigure,
        unit: '%',
        ours: scan.growth.percent,
        target: { atMost: GROWTH_TARGET },
        note: scan.growth.note,
      },
      {
        figure:
          'soak, scan --watch: events beyond one new (host added halfway) and one gone (host removed)',
        unit: 'count',
        ours: scan.eventsOff,
        target: { atMost: 0 },
        note: scan.eventsNote + (scan.stderr ? `; stderr: ${scan.stderr}` : ''),
      },
      leftRow(
        'soak, scan --watch: SIGINT, then left behind (wrong exit code counts 1)',
        130,
        scan.code,
        scan.left,
        ns,
      ),
    );
  }
  if (tui) {
    out.push(
      {
        figure: tuiFigure,
        unit: '%',
        ours: tui.growth.percent,
        target: { atMost: GROWTH_TARGET },
        note: tui.growth.note,
      },
      leftRow(
        'soak, TUI: q, then left behind (wrong exit code counts 1)',
        0,
        tui.code,
        tui.left,
        ns,
      ),
    );
  }
  return out;
}
