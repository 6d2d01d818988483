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
 * Run alone: npm run build && node --import tsx bench/trace.ts (as root).
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { Lab, NETDOCTOR, labAvailability, type ExecResult } from '../test/lab/lab.js';
import { buildTraceLab, TRACE_LAB as L, tracerouteHops } from '../test/lab/trace-lab.js';

const ROUNDS = Number(process.env['BENCH_TRACE_ROUNDS'] ?? 3);

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0
    ? NaN
    : (s[Math.floor((s.length - 1) / 2)]! + s[Math.ceil((s.length - 1) / 2)]!) / 2;
};

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
    process.stderr.write('.');
  }
  process.stderr.write('\n');
  return out;
}

function report(
  title: string,
  oursLabel: string,
  anchorLabel: string,
  pairs: readonly Pair[],
): void {
  const ours = median(pairs.map((p) => p.ours));
  const anchor = median(pairs.map((p) => p.anchor));
  process.stdout.write(
    [
      `## ${title} (${pairs.length} alternating rounds, medians)`,
      `${oursLabel}: ${ours.toFixed(0)} ms wall`,
      `${anchorLabel}: ${anchor.toFixed(0)} ms wall`,
      `ratio: ${(ours / anchor).toFixed(3)} (target <= 0.3)`,
      `per round (ours/anchor ms): ${pairs.map((p) => `${p.ours.toFixed(0)}/${p.anchor.toFixed(0)}`).join('  ')}`,
      '',
    ].join('\n'),
  );
}

export function runTraceBench(): void {
  const available = labAvailability();
  if (!available.ok) throw new Error(`bench needs the lab: ${available.reason}`);
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
    report(
      `trace --once to ${L.server} (3 hops) vs mtr -n -r -c 1; hops equal traceroute -n's`,
      'netdoctor trace --once --no-names (nobody)',
      'mtr -n -r -c 1 (nobody)            ',
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
    report(
      `trace --once to ${L.blackholed}, dropped silently after hop 1, vs traceroute -n`,
      'netdoctor trace --once --no-names (nobody)',
      'traceroute -n (nobody)             ',
      dies,
    );
  } finally {
    lab.teardown();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) runTraceBench();
