/**
 * Scan rows of `npm run bench` (bench/index.ts): Discover against arp-scan on lab LANs, in one run, alternating so that
 * neither side gets a warmer machine. Run as root (it builds namespaces); netdoctor runs as
 * user nobody with no capabilities, arp-scan as root, both inside the scanner's namespace.
 *
 * 1. 200 hosts on a /24: wall time of `netdoctor scan --json` vs `arp-scan --localnet`,
 *    recall against arp-scan's set, time from the sweep's start to the first host.
 * 2. A sparse /20 (4094 addresses, 64 hosts) against arp-scan with its defaults.
 *
 * The scanner's neighbour table is flushed before each netdoctor run: the cold case (the
 * new Pi nobody has talked to yet) is the one that matters.
 */
import { performance } from 'node:perf_hooks';
import { Lab, NETDOCTOR, labAvailability, type ExecResult } from '../test/lab/lab.js';
import { buildLan, type DiscoverLan } from '../test/lab/discover-lab.js';
import { median, type BenchContext, type Row } from './table.js';

interface Round {
  readonly oursMs: number;
  readonly arpScanMs: number;
  readonly recall: number;
  readonly firstHostMs: number | null;
  readonly found: number;
  readonly arpScanFound: number;
}

/** Runs `run` and how long it took, ms. */
export function timed(run: () => ExecResult): { ms: number; r: ExecResult } {
  const t0 = performance.now();
  const r = run();
  return { ms: performance.now() - t0, r };
}

/** `arp-scan --localnet` as root on the lab LAN: how long it took and the addresses it found. */
export function arpScanSet(lab: Lab, lan: DiscoverLan): { ms: number; ips: Set<string> } {
  const { ms, r } = timed(() =>
    lab.exec(lan.scanner, [
      'arp-scan',
      '--plain',
      '--format=${ip}',
      `--interface=${lan.iface}`,
      '--localnet',
    ]),
  );
  if (r.status !== 0) throw new Error(`arp-scan failed: ${r.stderr.trim()}`);
  return { ms, ips: new Set(r.stdout.split('\n').filter(Boolean)) };
}

function oursSet(lab: Lab, lan: DiscoverLan) {
  lab.ip(lan.scanner, 'neigh', 'flush', 'dev', lan.iface);
  const { ms, r } = timed(() => lab.execAsNobody(lan.scanner, [...NETDOCTOR, 'scan', '--json']));
  if (r.status !== 0 && r.status !== 1)
    throw new Error(`netdoctor scan failed: ${r.stderr.trim()}`);
  const json = JSON.parse(r.stdout) as {
    hosts: { ip: string; flags: string[] }[];
    stats: { firstHostMs: number | null };
  };
  const ips = new Set(
    json.hosts.filter((h) => !h.flags.includes('self') && !h.ip.includes(':')).map((h) => h.ip),
  );
  return { ms, ips, firstHostMs: json.stats.firstHostMs };
}

function rounds(lab: Lab, lan: DiscoverLan, n: number): Round[] {
  const out: Round[] = [];
  for (let i = 0; i < n; i++) {
    // Alternate who goes first.
    const a = i % 2 === 0 ? arpScanSet(lab, lan) : null;
    const ours = oursSet(lab, lan);
    const b = a ?? arpScanSet(lab, lan);
    const hit = [...b.ips].filter((ip) => ours.ips.has(ip)).length;
    out.push({
      oursMs: ours.ms,
      arpScanMs: b.ms,
      recall: b.ips.size === 0 ? 1 : hit / b.ips.size,
      firstHostMs: ours.firstHostMs,
      found: ours.ips.size,
      arpScanFound: b.ips.size,
    });
    process.stderr.write('.');
  }
  process.stderr.write('\n');
  return out;
}

/** A lab's rounds as rows: wall time against arp-scan, recall, first host. */
function report(
  title: string,
  rs: readonly Round[],
  log: (line: string) => void,
  target: Row['target'],
): Row[] {
  const ours = median(rs.map((r) => r.oursMs));
  const arp = median(rs.map((r) => r.arpScanMs));
  const first = median(rs.flatMap((r) => (r.firstHostMs === null ? [] : [r.firstHostMs])));
  const recall = Math.min(...rs.map((r) => r.recall));
  log(
    `${title}: per round (ours/arp-scan ms) ${rs.map((r) => `${r.oursMs.toFixed(0)}/${r.arpScanMs.toFixed(0)}`).join('  ')}`,
  );
  return [
    {
      figure: `scan, ${title}: netdoctor scan --json as nobody (median of ${rs.length})`,
      unit: 'ms',
      ours,
      anchor: { name: 'arp-scan --localnet (root)', value: arp },
      target,
    },
    {
      figure: `scan, ${title}: recall against arp-scan, worst round`,
      unit: '%',
      ours: recall * 100,
      target: { atLeast: 100 },
      note: rs.map((r) => `${r.found}/${r.arpScanFound}`).join(', '),
    },
    {
      figure: `scan, ${title}: first host from the sweep's start (median)`,
      unit: 'ms',
      ours: first,
      // On screen within 50 ms of the sweep's start (issue 20).
      target: { atMost: 50 },
    },
  ];
}

/** Rounds per lab: BENCH_DENSE_ROUNDS (default 6), BENCH_SPARSE_ROUNDS (default 3, 0 skips). */
const DENSE_ROUNDS = Number(process.env['BENCH_DENSE_ROUNDS'] ?? 6);
const SPARSE_ROUNDS = Number(process.env['BENCH_SPARSE_ROUNDS'] ?? 3);

/** Skipped rows when no lab can be built here (not root, no ip netns). */
function skipped(reason: string): Row[] {
  return [
    {
      figure: 'scan, 200 hosts on a /24: netdoctor scan --json as nobody',
      unit: 'ms',
      ours: NaN,
      target: { ratioAtMost: 0.35 },
      note: `not run: ${reason}`,
    },
  ];
}

export async function rows(ctx: BenchContext): Promise<Row[]> {
  const available = labAvailability();
  if (!available.ok) return skipped(available.reason);
  const out: Row[] = [];
  const dense = new Lab();
  try {
    const t0 = performance.now();
    const lan = buildLan(dense, {
      cidr: '198.18.0.0/24',
      offsets: Array.from({ length: 200 }, (_, i) => 2 + i),
      piEvery: 4,
    });
    ctx.log(`200-host /24 lab built in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    arpScanSet(dense, lan); // warm-up: page cache, ARP of the bridge
    out.push(
      ...report('200 hosts on a /24', rounds(dense, lan, DENSE_ROUNDS), ctx.log, {
        ratioAtMost: 0.35,
      }),
    );
  } finally {
    dense.teardown();
  }
  if (SPARSE_ROUNDS === 0) return out;
  const sparse = new Lab();
  try {
    const lan = buildLan(sparse, {
      cidr: '198.19.0.0/20',
      offsets: Array.from({ length: 64 }, (_, i) => 3 + i * 63),
      piEvery: 4,
    });
    out.push(
      ...report('64 hosts on a sparse /20', rounds(sparse, lan, SPARSE_ROUNDS), ctx.log, null),
    );
  } finally {
    sparse.teardown();
  }
  return out;
}
