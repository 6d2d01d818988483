/**
 * The trace benchmarks (issue 9), in the four-namespace chain of test/lab/trace-lab.ts,
 * everything as user nobody, alternating who goes first, medians of the rounds:
 *
 * 1. `netdoctor trace --once --no-names` to the server against `mtr -n -r -c 1` (the same
 *    mtr-packet underneath; mtr waits out its grace period). Target: at most 0.3 x.
 *    Also checks that the hops are traceroute's.
 * 2. To a destination dropped silently after hop 1 (a blackhole on R2): `netdoctor trace
 *    --once --no-names` naming the last hop that answered, against `traceroute -n` (which
 *    walks on to hop 30). Target: at most 0.3 x.
 *
 * Rounds: BENCH_TRACE_ROUNDS (default 3; a traceroute into the blackhole takes 30 s).
 * Run alone: npm run build && BENCH_ONLY=trace npm run bench (as root).
 */
import { performance } from 'node:perf_hooks';
import { Lab, NETDOCTOR, labAvailability, type ExecResult } from '../test/lab/lab.js';
import { buildTraceLab, TRACE_LAB as L, tracerouteHops } from '../test/lab/trace-lab.js';
import { median, type BenchContext, type Row } from './table.js';

const ROUNDS = Number(process.env['BENCH_TRACE_ROUNDS'] ?? 3);

function timed(run: () => ExecResult): { ms: number; r: ExecResult } {
  const t0 = performance.now();
  const r = run();
  return { ms: performance.now() - t0, r };
}

interface Pair {
  readonly ours: number;
  readonly anchor: number;
}

/** Alternates ours and the anchor, `ROUNDS` times; `check` validates our output each time. */
function alternate(
  ours: () => ExecResult,
  anchor: () => ExecResult,
  check: (r: ExecResult) => void,
): Pair[] {
  const out: Pair[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const first = i % 2 === 0 ? timed(anchor) : null;
    const o = timed(ours);
    check(o.r);
    const a = first ?? timed(anchor);
    out.push({ ours: o.ms, anchor: a.ms });
  }
  return out;
}

/** One table row from alternating pairs: medians, the rounds in the note. */
function row(figure: string, anchorName: string, pairs: readonly Pair[]): Row {
  return {
    figure: `${figure} (${pairs.length} alternating rounds, medians)`,
    unit: 'ms',
    ours: median(pairs.map((p) => p.ours)),
    anchor: { name: anchorName, value: median(pairs.map((p) => p.anchor)) },
    target: { ratioAtMost: 0.3 },
    note: `per round (ours/anchor ms): ${pairs.map((p) => `${p.ours.toFixed(0)}/${p.anchor.toFixed(0)}`).join(' ')}`,
  };
}

export async function rows(ctx: BenchContext): Promise<Row[]> {
  const available = labAvailability();
  if (!available.ok) {
    ctx.log(`trace rows skipped: ${available.reason}`);
    return [];
  }
  const lab = new Lab();
  try {
    const h = buildTraceLab(lab);
    const ping = lab.exec(h.c, ['ping', '-c1', '-w5', L.server]);
    if (ping.status !== 0) throw new Error(`the trace lab does not route: ${ping.stderr}`);
    const tr = lab.execAsNobody(h.c, ['traceroute', '-n', L.server]);
    const want = tracerouteHops(tr.stdout);
    const ours = (dest: string) => () =>
      lab.execAsNobody(h.c, [...NETDOCTOR, 'trace', '--once', '--no-names', '--json', dest]);
    const hopsOf = (r: ExecResult) =>
      (JSON.parse(r.stdout) as { hops: { address: string | null }[] }).hops.map(
        (x) => x.address ?? '*',
      );

    const reach = alternate(
      ours(L.server),
      () => lab.execAsNobody(h.c, ['mtr', '-n', '-r', '-c', '1', L.server]),
      (r) => {
        if (r.status !== 0 || hopsOf(r).join(' ') !== want.join(' ')) {
          throw new Error(
            `trace --once listed ${hopsOf(r).join(' ')}, traceroute ${want.join(' ')}`,
          );
        }
      },
    );
    const reachRow = row(
      `trace --once to ${L.server} (3 hops; hops equal traceroute -n's), as nobody`,
      'mtr -n -r -c 1',
      reach,
    );
    const dies = alternate(
      ours(L.blackholed),
      () => lab.execAsNobody(h.c, ['traceroute', '-n', L.blackholed]),
      (r) => {
        const v = (
          JSON.parse(r.stdout) as { verdict: { kind: string; after?: { address: string } } }
        ).verdict;
        if (v.kind !== 'dies' || v.after?.address !== L.r1) {
          throw new Error(`trace --once to the blackhole said ${JSON.stringify(v)}`);
        }
      },
    );
    return [
      reachRow,
      row(
        `trace --once to ${L.blackholed}, dropped silently after hop 1, as nobody`,
        'traceroute -n',
        dies,
      ),
    ];
  } finally {
    lab.teardown();
  }
}
