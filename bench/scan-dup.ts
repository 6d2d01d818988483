/**
 * Discover's scan with its duplicate check, against arp-scan, in one run (as root: it builds
 * namespaces). A /24 with 120 hosts, one address claimed by two of them; the scanner's
 * neighbour table flushed before every netdoctor run (the cold case). Alternating rounds,
 * medians of BENCH_SCAN_DUP_ROUNDS (default 5).
 *
 * - the default scan as nobody (kernel sweep + arping duplicate check) against
 *   `arp-scan --localnet` as root: wall time ratio (target 0.35), recall, the duplicate named;
 * - as root, the two ways to the same answer: the default scan (arping) and
 *   `--backend arp-scan` (its DUP lines), each against arp-scan itself.
 */
import { Lab, NETDOCTOR, labAvailability } from '../test/lab/lab.js';
import { buildLan, type DiscoverLan } from '../test/lab/discover-lab.js';
import { median, type BenchContext, type Row } from './table.js';
import { arpScanSet, timed } from './run.js';

const ROUNDS = Number(process.env['BENCH_SCAN_DUP_ROUNDS'] ?? 5);
const TARGET_RATIO = 0.35;
/** The first host on screen within this long of the sweep's start (issue 20). */
const FIRST_HOST_MS = 50;

const arpScan = arpScanSet;

interface Ours {
  readonly ms: number;
  readonly ips: Set<string>;
  readonly duplicates: string[];
  /** From the sweep's start to the first other host's answer (the scan's own stats). */
  readonly firstHostMs: number | null;
}

function ours(lab: Lab, lan: DiscoverLan, asRoot: boolean, extra: readonly string[]): Ours {
  lab.ip(lan.scanner, 'neigh', 'flush', 'dev', lan.iface);
  const argv = [...NETDOCTOR, 'scan', '--json', ...extra];
  const { ms, r } = timed(() =>
    asRoot ? lab.exec(lan.scanner, argv) : lab.execAsNobody(lan.scanner, argv),
  );
  if (r.status !== 0 && r.status !== 1) throw new Error(`netdoctor scan: ${r.stderr.trim()}`);
  const json = JSON.parse(r.stdout) as {
    hosts: { ip: string; flags: string[] }[];
    findings: { code: string; subject: string }[];
    stats: { firstHostMs: number | null };
  };
  return {
    ms,
    ips: new Set(
      json.hosts.filter((h) => !h.flags.includes('self') && !h.ip.includes(':')).map((h) => h.ip),
    ),
    duplicates: json.findings.filter((f) => f.code === 'duplicate-ip').map((f) => f.subject),
    firstHostMs: json.stats.firstHostMs,
  };
}

interface Series {
  readonly ours: number[];
  readonly anchor: number[];
  readonly firstHost: number[];
  recall: number;
  dupNamed: boolean;
}

function series(): Series {
  return { ours: [], anchor: [], firstHost: [], recall: 1, dupNamed: true };
}

function record(s: Series, o: Ours, a: { ms: number; ips: Set<string> }, dup: string): void {
  s.ours.push(o.ms);
  s.anchor.push(a.ms);
  if (o.firstHostMs !== null) s.firstHost.push(o.firstHostMs);
  const hit = [...a.ips].filter((ip) => o.ips.has(ip)).length;
  s.recall = Math.min(s.recall, a.ips.size === 0 ? 1 : hit / a.ips.size);
  s.dupNamed &&= o.duplicates.length === 1 && o.duplicates[0] === dup;
}

/**
 * One table row: medians against arp-scan's; recall and the duplicate in the note. Without
 * 100 % recall and the duplicate named, the figure is not the same answer: it cannot hold.
 */
function row(figure: string, s: Series, target: number | null): Row {
  const answered = s.recall === 1 && s.dupNamed;
  return {
    figure: `${figure} (median of ${s.ours.length})`,
    unit: 'ms',
    ours: answered ? median(s.ours) : NaN,
    anchor: { name: 'arp-scan --localnet (root)', value: median(s.anchor) },
    target: target === null ? null : { ratioAtMost: target },
    note: `recall ${(s.recall * 100).toFixed(0)} %, duplicate ${s.dupNamed ? 'named' : 'MISSED'}; ours ${median(s.ours).toFixed(0)} ms`,
  };
}

export async function rows(ctx: BenchContext): Promise<Row[]> {
  const available = labAvailability();
  if (!available.ok) {
    ctx.log(`scan-dup rows skipped: ${available.reason}`);
    return [];
  }
  const lab = new Lab();
  try {
    const lan = buildLan(lab, {
      cidr: '198.18.8.0/24',
      offsets: Array.from({ length: 120 }, (_, i) => 2 + i * 2),
      piEvery: 4,
      duplicateOf: 5,
    });
    const dup = lan.duplicate!.ip;
    arpScan(lab, lan); // warm-up
    const nobody = series();
    const rootArping = series();
    const rootArpScan = series();
    for (let i = 0; i < ROUNDS; i++) {
      // Alternate who goes first, so neither side always gets the warmer machine.
      const first = i % 2 === 0 ? arpScan(lab, lan) : null;
      const mine = ours(lab, lan, false, []);
      const anchor = first ?? arpScan(lab, lan);
      record(nobody, mine, anchor, dup);
      const a2 = arpScan(lab, lan);
      record(rootArping, ours(lab, lan, true, []), a2, dup);
      const a3 = arpScan(lab, lan);
      record(rootArpScan, ours(lab, lan, true, ['--backend', 'arp-scan']), a3, dup);
    }
    return [
      row(
        'scan /24, 120 hosts + 1 duplicate: default scan as nobody (sweep + arping check)',
        nobody,
        TARGET_RATIO,
      ),
      {
        figure: `same, as nobody: first host from the sweep's start (median of ${nobody.firstHost.length})`,
        unit: 'ms',
        ours: median(nobody.firstHost),
        target: { atMost: FIRST_HOST_MS },
        note: `per round ${nobody.firstHost.map((ms) => ms.toFixed(0)).join(', ')} ms`,
      },
      row('same, as root: default scan (arping check)', rootArping, null),
      row('same, as root: --backend arp-scan (DUP lines)', rootArpScan, null),
    ];
  } finally {
    lab.teardown();
  }
}
