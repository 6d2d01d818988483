/**
 * The lab project's global setup: the lab tests must leave this machine as they found it.
 * Each run gets a TMPDIR of its own, so whatever a test or a tool it starts leaves in the
 * temporary directory (tsx's cache, a test's work directory) is seen there, and no other
 * process on the machine can be blamed or confused. At the end, the run fails on anything
 * left: files in that TMPDIR, an /etc/netns or /etc/openvpn the run created and left empty,
 * or an /etc/netns/<lab namespace> whose namespace is gone.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** What labs make under /etc when the machine has none (lab.ts etcDir). */
const MOUNT_TARGETS = ['/etc/netns', '/etc/openvpn'];

/** A lab namespace's name (lab.ts: `nd` and 6 hex digits, a dash, the host). */
const LAB_NAMESPACE = /^nd[0-9a-f]{6}-/;

function namespaces(): Set<string> {
  try {
    const listed = execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' });
    return new Set(listed.split('\n').map((l) => l.split(' ')[0] ?? ''));
  } catch {
    return new Set();
  }
}

/** What the lab tests left behind, in words; empty when nothing. */
export function leftovers(runTmp: string, hadEtc: ReadonlySet<string>): string[] {
  const left = readdirSync(runTmp).map((name) => `${name} in TMPDIR`);
  for (const dir of MOUNT_TARGETS) {
    if (!hadEtc.has(dir) && existsSync(dir) && readdirSync(dir).length === 0) {
      left.push(`an empty ${dir} it created`);
    }
  }
  if (existsSync('/etc/netns')) {
    const entries = readdirSync('/etc/netns');
    const live = namespaces();
    for (const name of entries) {
      if (LAB_NAMESPACE.test(name) && !live.has(name)) left.push(`/etc/netns/${name}`);
    }
  }
  return left;
}

export default function setup(): () => void {
  const runTmp = mkdtempSync(path.join(tmpdir(), 'netdoctor-lab-run-'));
  // Labs run some commands as nobody, who must be able to make files here too.
  chmodSync(runTmp, 0o1777);
  const outerTmp = process.env['TMPDIR'];
  process.env['TMPDIR'] = runTmp;
  const hadEtc = new Set(MOUNT_TARGETS.filter((dir) => existsSync(dir)));
  return () => {
    const left = leftovers(runTmp, hadEtc);
    rmSync(runTmp, { recursive: true, force: true });
    if (outerTmp === undefined) delete process.env['TMPDIR'];
    else process.env['TMPDIR'] = outerTmp;
    if (left.length > 0) {
      // vitest prints an error thrown here but exits 0 all the same: the exit code says it.
      process.exitCode = 1;
      throw new Error(`the lab tests left behind: ${left.join(', ')}`);
    }
  };
}
