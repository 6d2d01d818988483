/**
 * `--ssh` (issue 19), over the lab's real sshd (test/lab/ssh-lab.ts), alternating with the
 * anchors in one run, medians:
 *
 * 1. The TUI's first complete Overview frame of a far box (`netdoctor --ssh r1` in a pty:
 *    the master connection, the one-round-trip collector, the render) against `ssh r1 true`
 *    (a connection that does nothing).
 * 2. Collecting 20 boxes' whole snapshots (bench/ssh-collect-driver.ts: parallel, 8 at a
 *    time, one collector round trip each) against 20 sequential `ssh hN ip -j addr` (one
 *    source of each).
 *
 * Rounds: BENCH_SSH_ROUNDS (default 5). Run alone: BENCH_ONLY=ssh npm run bench (as root).
 */
import { performance } from 'node:perf_hooks';
import { Lab, NODE_TS, labAvailability } from '../test/lab/lab.js';
import { SshLab, type SshBox } from '../test/lab/ssh-lab.js';
import { inPty, OVERVIEW_FRAME } from './startup.js';
import { median, type BenchContext, type Row } from './table.js';

const ROUNDS = Number(process.env['BENCH_SSH_ROUNDS'] ?? 5);
const FLEET = 20;

function wall(ssh: SshLab, argv: readonly string[]): number {
  const t0 = performance.now();
  const r = ssh.exec(argv);
  if (r.status !== 0) throw new Error(`${argv.join(' ')}: exit ${r.status}: ${r.stderr}`);
  return performance.now() - t0;
}

/** A shell line for script -c: argv in the ops namespace with the lab's ssh on PATH. */
function inOps(ssh: SshLab, argv: readonly string[]): string {
  const words = ['ip', 'netns', 'exec', ssh.opsNs, 'env', `PATH=${ssh.env()['PATH']}`, ...argv];
  return words.map((w) => `'${w.replace(/'/g, `'\\''`)}'`).join(' ');
}

export async function rows(ctx: BenchContext): Promise<Row[]> {
  const available = labAvailability();
  if (!available.ok) {
    ctx.log(`ssh rows skipped: ${available.reason}`);
    return [];
  }
  const lab = new Lab();
  const ssh = new SshLab(lab, false);
  try {
    ctx.log(`ssh: ${FLEET} boxes with sshd`);
    const boxes: SshBox[] = [];
    for (let i = 1; i <= FLEET; i++) boxes.push(ssh.addBox(lab.addHost(`h${i}`)));
    const first = boxes[0]!;
    const frame: number[] = [];
    const bare: number[] = [];
    ctx.log(`ssh: ${ROUNDS} rounds of the remote first frame and ssh true`);
    for (let i = 0; i < ROUNDS; i++) {
      bare.push(wall(ssh, ['ssh', '-o', 'BatchMode=yes', first.target, 'true']));
      frame.push(
        await inPty(inOps(ssh, ['node', ctx.bundle, '--ssh', first.target]), OVERVIEW_FRAME),
      );
    }
    ctx.log(`ssh: ${ROUNDS} rounds of ${FLEET} collections and ${FLEET} sequential ssh ip -j addr`);
    const fleet: number[] = [];
    const sequential: number[] = [];
    const driver = new URL('./ssh-collect-driver.ts', import.meta.url).pathname;
    for (let i = 0; i < ROUNDS; i++) {
      const t0 = performance.now();
      for (const box of boxes) wall(ssh, ['ssh', '-o', 'BatchMode=yes', box.target, 'ip -j addr']);
      sequential.push(performance.now() - t0);
      const r = ssh.exec([...NODE_TS, driver, ...boxes.map((b) => b.target)], undefined, 300_000);
      const out = JSON.parse(r.stdout || '{}') as { ms?: number; hosts?: number };
      if (r.status !== 0 || out.hosts !== FLEET) {
        throw new Error(`the collection driver failed (${r.status}): ${r.stderr.slice(0, 500)}`);
      }
      fleet.push(out.ms ?? NaN);
    }
    return [
      {
        figure: `TUI over ssh: exec to the far box's first Overview frame, lab sshd (median of ${ROUNDS})`,
        unit: 'ms',
        ours: median(frame),
        anchor: { name: 'ssh HOST true (fresh connection)', value: median(bare) },
        target: { ratioAtMost: 4 },
        note: `per round (ours/anchor ms): ${frame.map((f, i) => `${f.toFixed(0)}/${bare[i]!.toFixed(0)}`).join(' ')}`,
      },
      {
        figure: `${FLEET} boxes' whole snapshots over ssh, 8 at a time (median of ${ROUNDS})`,
        unit: 'ms',
        ours: median(fleet),
        anchor: { name: `${FLEET} sequential ssh HOST ip -j addr`, value: median(sequential) },
        target: { ratioAtMost: 1 },
        note: `per round (ours/anchor ms): ${fleet.map((f, i) => `${f.toFixed(0)}/${sequential[i]!.toFixed(0)}`).join(' ')}`,
      },
    ];
  } finally {
    ssh.teardown();
    lab.teardown();
  }
}
