/**
 * Start-up and memory of the built file against `node -e 0`, alternating in one run:
 * `--version`, `overview --plain`, and the TUI's first complete Overview frame in an 80x24
 * pseudo-terminal (util-linux `script`), with peak RSS (`/usr/bin/time -f %M`). Reads this
 * host only: starting netdoctor sends no packet.
 *
 * What runs is what the `netdoctor` command runs: `node bin/netdoctor.js`, which reads the
 * built file's header and sections as bytes (the file run as an ES module, as copied alone to
 * another box, is measured once more for `overview --plain`).
 *
 * The built file keeps V8's code cache in ~/.cache/netdoctor (scripts/launcher.mjs): warm-up
 * runs make it first, as any second start finds it; `overview --plain` is measured again
 * with NETDOCTOR_CODE_CACHE=0, the first start after an install, and from a snapshot file
 * (the start-up alone: no process run).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { median, type BenchContext, type Row } from './table.js';

const ROUNDS = Number(process.env['BENCH_STARTUP_ROUNDS'] ?? 15);
const ANCHOR = 'node -e 0';

function wall(argv: readonly string[]): number {
  const t0 = performance.now();
  const r = spawnSync(argv[0]!, argv.slice(1), { stdio: 'ignore' });
  const ms = performance.now() - t0;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${argv.join(' ')}: exit ${r.status}`);
  return ms;
}

/** Peak RSS in MB of argv (stdout and stderr ignored). */
function peakRss(argv: readonly string[]): number {
  const r = spawnSync('/usr/bin/time', ['-f', '%M', ...argv], { encoding: 'utf8' });
  const kb = Number(r.stderr.trim().split('\n').at(-1));
  if (!Number.isFinite(kb)) throw new Error(`/usr/bin/time ${argv.join(' ')}: ${r.stderr}`);
  return kb / 1024;
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[A-Za-z]|\u001b[()][0-9A-Za-z]|\u001b[=>]/g;

/**
 * Runs `command` (a shell line, for script -c) in an 80x24 pty; resolves with the time from
 * spawn to the first output that matches `done` (null: to exit), then presses Ctrl-C.
 */
export function inPty(command: string, done: RegExp | null): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn('script', ['-qfc', `stty cols 80 rows 24; exec ${command}`, '/dev/null'], {
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    let text = '';
    let at: number | null = null;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${command}: no frame matching ${String(done)} in 20 s:\n${text}`));
    }, 20_000);
    child.stdin.on('error', () => {}); // the pty may be gone when Ctrl-C arrives
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      if (at !== null || done === null) return;
      text += chunk.replace(ANSI, '');
      if (done.test(text)) {
        at = performance.now() - t0;
        child.stdin.write('\u0003'); // Ctrl-C: quits in raw mode and before it
      }
    });
    child.on('exit', () => {
      clearTimeout(timer);
      if (done === null) resolve(performance.now() - t0);
      else if (at !== null) resolve(at);
      else reject(new Error(`${command} exited before a frame matched:\n${text}`));
    });
  });
}

/** The Overview's interface list, drawn: the first complete frame. */
export const OVERVIEW_FRAME = /Interfaces \(\d+\)[\s\S]*\bIF\b[\s\S]*\blo\b/;

export async function rows(ctx: BenchContext): Promise<Row[]> {
  const bin = path.join(path.dirname(ctx.bundle), '..', 'bin', 'netdoctor.js');
  const nd = ['node', bin];
  const fileAlone = ['node', ctx.bundle, 'overview', '--plain'];
  const anchor = ['node', '-e', '0'];
  const version: number[] = [];
  const plain: number[] = [];
  const snapshot: number[] = [];
  const base: number[] = [];
  // The same Overview from a snapshot file: no process run, the start-up alone.
  const fixture = path.join(
    path.dirname(ctx.bundle),
    '..',
    'test',
    'fixtures',
    'lab-router',
    'snapshot.json',
  );
  const fromFile = [...nd, 'overview', '--plain', '--snapshot', fixture];
  ctx.log(`startup: ${ROUNDS} rounds of node -e 0, --version, overview --plain`);
  const uncached: number[] = [];
  const alone: number[] = [];
  const noCache = ['env', 'NETDOCTOR_CODE_CACHE=0', ...nd];
  wall(anchor); // warm the page cache
  wall([...nd, '--version']);
  wall([...nd, 'overview', '--plain']); // and the code cache, of plain commands and the TUI
  wall(fromFile);
  wall(fileAlone);
  await inPty(`node ${bin}`, OVERVIEW_FRAME);
  for (let i = 0; i < ROUNDS; i++) {
    base.push(wall(anchor));
    version.push(wall([...nd, '--version']));
    plain.push(wall([...nd, 'overview', '--plain']));
    snapshot.push(wall(fromFile));
    uncached.push(wall([...noCache, 'overview', '--plain']));
    alone.push(wall(fileAlone));
  }
  ctx.log('startup: TUI first frame in a pty');
  const tui: number[] = [];
  const tuiBase: number[] = [];
  for (let i = 0; i < Math.ceil(ROUNDS / 2); i++) {
    tuiBase.push(await inPty('node -e 0', null));
    tui.push(await inPty(`node ${bin}`, OVERVIEW_FRAME));
  }
  ctx.log('memory: peak RSS');
  const dir = mkdtempSync(path.join(tmpdir(), 'netdoctor-bench-'));
  const rssBase: number[] = [];
  const rssPlain: number[] = [];
  const rssTui: number[] = [];
  const rssUncached: number[] = [];
  try {
    for (let i = 0; i < 3; i++) {
      rssBase.push(peakRss(anchor));
      rssPlain.push(peakRss([...nd, 'overview', '--plain']));
      rssUncached.push(peakRss([...noCache, 'overview', '--plain']));
      const out = path.join(dir, `tui-${i}`);
      await inPty(`/usr/bin/time -f %M -o ${out} node ${bin}`, OVERVIEW_FRAME);
      rssTui.push(Number(readFileSync(out, 'utf8').trim().split('\n').at(-1)) / 1024);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const a = { name: ANCHOR, value: median(base) };
  return [
    {
      figure: `netdoctor --version (wall, median of ${ROUNDS})`,
      unit: 'ms',
      ours: median(version),
      anchor: a,
      target: { ratioAtMost: 1.2 },
    },
    {
      figure: `netdoctor overview --plain (wall, median of ${ROUNDS})`,
      unit: 'ms',
      ours: median(plain),
      anchor: a,
      target: { ratioAtMost: 2 },
    },
    {
      figure: `same, without the code cache (NETDOCTOR_CODE_CACHE=0; median of ${ROUNDS})`,
      unit: 'ms',
      ours: median(uncached),
      anchor: a,
      target: null,
    },
    {
      figure: `same, the file alone as an ES module (node dist/netdoctor.mjs; median of ${ROUNDS})`,
      unit: 'ms',
      ours: median(alone),
      anchor: a,
      target: null,
    },
    {
      figure: `overview --plain --snapshot FILE: no process run (wall, median of ${ROUNDS})`,
      unit: 'ms',
      ours: median(snapshot),
      anchor: a,
      target: null,
    },
    {
      figure: `TUI: exec to first Overview frame, 80x24 pty (median of ${tui.length})`,
      unit: 'ms',
      ours: median(tui),
      anchor: { name: `${ANCHOR} in the same pty, to exit`, value: median(tuiBase) },
      target: { ratioAtMost: 2.5 },
    },
    {
      figure: 'TUI on the Overview: peak RSS (median of 3)',
      unit: 'MB',
      ours: median(rssTui),
      anchor: { name: ANCHOR, value: median(rssBase) },
      target: { ratioAtMost: 1.8 },
    },
    {
      figure: 'overview --plain: peak RSS (median of 3)',
      unit: 'MB',
      ours: median(rssPlain),
      anchor: { name: ANCHOR, value: median(rssBase) },
      target: { ratioAtMost: 1.5 },
    },
    {
      figure: 'same, without the code cache: peak RSS (median of 3)',
      unit: 'MB',
      ours: median(rssUncached),
      anchor: { name: ANCHOR, value: median(rssBase) },
      target: null,
    },
  ];
}
