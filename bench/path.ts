/**
 * `netdoctor path` over a generated fleet of 1,000 host snapshots (test/helpers/path-fleet.ts:
 * a core, edge routers, two hosts per edge; the path crosses edge, core, edge both ways).
 * Rows: the walk itself (both directions, in process, over the parsed states: under a second),
 * the whole command from the folder of files (CPU), and its memory against the snapshots'
 * size on disk (a small multiple: each raw text is dropped once parsed). Sends nothing.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathFleet } from '../test/helpers/path-fleet.js';
import { buildHostState } from '../src/state/host-state.js';
import { answerPath } from '../src/diagnose/path-answer.js';
import { median, type BenchContext, type Row } from './table.js';

const COUNT = 1000;
const ROUNDS = Number(process.env['BENCH_PATH_ROUNDS'] ?? 5);

function cli(bundle: string, dir: string, src: string, dst: string) {
  const r = spawnSync(
    '/usr/bin/time',
    ['-f', '%e %U %S %M', 'node', bundle, 'path', src, dst, '--snapshots', dir, '--json'],
    { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 20 },
  );
  const [wall, user, sys, kb] = (r.stderr.trim().split('\n').at(-1) ?? '').split(' ').map(Number);
  if (r.status !== 0 || user === undefined || !Number.isFinite(kb)) {
    throw new Error(`netdoctor path: exit ${r.status}: ${r.stderr}`);
  }
  return { wall: (wall ?? NaN) * 1000, cpu: (user + (sys ?? 0)) * 1000, mb: (kb ?? NaN) / 1024 };
}

/** Writes the fleet's snapshots into `dir`; returns their size in MB. */
function writeFleet(dir: string, fleet: ReturnType<typeof pathFleet>): number {
  let bytes = 0;
  for (const h of fleet.hosts) {
    const file = path.join(dir, `${h.name}.json`);
    writeFileSync(file, JSON.stringify(h.snapshot));
    bytes += statSync(file).size;
  }
  return bytes / 2 ** 20;
}

export async function rows(ctx: BenchContext): Promise<Row[]> {
  const fleet = pathFleet(COUNT);
  const small = pathFleet(10);
  const dir = mkdtempSync(path.join(tmpdir(), 'netdoctor-bench-path-'));
  const smallDir = mkdtempSync(path.join(tmpdir(), 'netdoctor-bench-path-10-'));
  try {
    const mb = writeFleet(dir, fleet);
    const smallMb = writeFleet(smallDir, small);
    const states = fleet.hosts.map((h) => ({
      name: h.name,
      state: buildHostState(h.snapshot),
      error: null,
    }));
    const walks: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const t0 = performance.now();
      const a = answerPath(states, fleet.src, fleet.dst);
      walks.push(performance.now() - t0);
      if (a.forward.verdict !== 'ok' || a.back.verdict !== 'ok')
        throw new Error('the fleet walk failed');
    }
    const runs: ReturnType<typeof cli>[] = [];
    const base: ReturnType<typeof cli>[] = [];
    for (let i = 0; i < 3; i++) {
      ctx.log(`path: command round ${i + 1} of 3`);
      base.push(cli(ctx.bundle, smallDir, small.src, small.dst));
      runs.push(cli(ctx.bundle, dir, fleet.src, fleet.dst));
    }
    // What 990 more snapshots cost: the same command over 10 files is Node and netdoctor.
    const grown = median(runs.map((r) => r.mb)) - median(base.map((r) => r.mb));
    return [
      {
        figure: `path, both walks over ${COUNT.toLocaleString('en')} generated host snapshots (in process, median of ${ROUNDS})`,
        unit: 'ms',
        ours: median(walks),
        target: { atMost: 1000 },
        note: `per round ${walks.map((w) => w.toFixed(1)).join(', ')} ms`,
      },
      {
        figure: `path --snapshots DIR, ${COUNT.toLocaleString('en')} files, read to answer (wall, median of 3)`,
        unit: 'ms',
        ours: median(runs.map((r) => r.wall)),
        target: null,
        note: `CPU ${runs.map((r) => r.cpu.toFixed(0)).join(', ')} ms`,
      },
      {
        figure: `path --snapshots DIR: peak RSS of ${COUNT.toLocaleString('en')} files above that of 10, against their size on disk`,
        unit: 'MB',
        ours: grown,
        anchor: { name: `the ${COUNT - 10} more snapshots on disk`, value: mb - smallMb },
        target: { ratioAtMost: 8 },
        note: `peak RSS per round ${runs.map((r) => r.mb.toFixed(0)).join(', ')} MB against ${base.map((r) => r.mb.toFixed(0)).join(', ')} MB over 10 files`,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(smallDir, { recursive: true, force: true });
  }
}
