/**
 * `netdoctor plan` on a big plan (issue 21 item 8): 1,000 networks and 50 routers (999,000
 * pairs, about 49,000 static routes), against the anchor of the same shape with 317
 * networks (99,540 pairs), alternating in one run. The work should grow with pairs × hops:
 * ten times the pairs should cost about ten times the CPU (a quadratic walk costs a hundred).
 * CPU time (user + system, /usr/bin/time) rather than wall: the machine is shared.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { bigPlanText } from '../test/helpers/big-plan.js';
import { median, type BenchContext, type Row } from './table.js';

const ROUNDS = Number(process.env['BENCH_PLAN_ROUNDS'] ?? 3);

/** CPU ms and peak RSS MB of `netdoctor plan FILE` (exit 0 or 1: the plan's verdict). */
function run(bundle: string, file: string): { cpu: number; mb: number } {
  const r = spawnSync('/usr/bin/time', ['-f', '%U %S %M', 'node', bundle, 'plan', file], {
    encoding: 'utf8',
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 1 << 20,
  });
  const [user, sys, kb] = (r.stderr.trim().split('\n').at(-1) ?? '').split(' ').map(Number);
  if ((r.status !== 0 && r.status !== 1) || user === undefined || !Number.isFinite(kb)) {
    throw new Error(`netdoctor plan ${file}: exit ${r.status}: ${r.stderr}`);
  }
  return { cpu: (user + (sys ?? 0)) * 1000, mb: (kb ?? NaN) / 1024 };
}

export async function rows(ctx: BenchContext): Promise<Row[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'netdoctor-bench-plan-'));
  try {
    const big = path.join(dir, 'big.yaml');
    const small = path.join(dir, 'small.yaml');
    writeFileSync(big, bigPlanText(1_000, 50));
    writeFileSync(small, bigPlanText(317, 50));
    const ours: { cpu: number; mb: number }[] = [];
    const anchor: { cpu: number; mb: number }[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      ctx.log(`plan: round ${i + 1} of ${ROUNDS}`);
      anchor.push(run(ctx.bundle, small));
      ours.push(run(ctx.bundle, big));
    }
    const cpu = (xs: typeof ours) => median(xs.map((x) => x.cpu));
    return [
      {
        figure: `plan, 1,000 networks and 50 routers (999,000 pairs; CPU, median of ${ROUNDS})`,
        unit: 'ms',
        ours: cpu(ours),
        anchor: { name: 'plan, 317 networks, 50 routers (99,540 pairs)', value: cpu(anchor) },
        // Ten times the pairs: linear is 10 ×, and start-up makes it less; quadratic is 100 ×.
        target: { ratioAtMost: 15 },
        note: `CPU ms per round ${ours.map((x) => x.cpu.toFixed(0)).join(', ')} against ${anchor.map((x) => x.cpu.toFixed(0)).join(', ')}`,
      },
      {
        figure: 'plan, 1,000 networks and 50 routers (peak RSS)',
        unit: 'MB',
        ours: median(ours.map((x) => x.mb)),
        anchor: { name: 'plan, 317 networks, 50 routers', value: median(anchor.map((x) => x.mb)) },
        target: { ratioAtMost: 15 },
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
