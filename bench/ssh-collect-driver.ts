/**
 * Reads every host named on the command line over ssh, in parallel (at most CONCURRENCY at a
 * time), as `netdoctor path` will: one master connection and one collector round trip each.
 * Prints one JSON line: the wall time and how many snapshots came back whole. Run inside the
 * bench's ops namespace, with the lab's ssh wrapper first on PATH (bench/ssh.ts).
 */
import { performance } from 'node:perf_hooks';
import { takeSnapshotWith } from '../src/snapshot/collect-remote.js';
import { SshHost, closeAllSshHosts } from '../src/system/ssh.js';
import { parseSshTarget } from '../src/system/ssh-target.js';

const CONCURRENCY = 8;

async function collect(target: string): Promise<number> {
  const host = await SshHost.open(parseSshTarget(target), { interactive: false });
  const snapshot = await takeSnapshotWith((script) => host.runScript(script));
  return Object.keys(snapshot.sources).length;
}

const targets = process.argv.slice(2);
const t0 = performance.now();
const sources: number[] = [];
let next = 0;
await Promise.all(
  Array.from({ length: Math.min(CONCURRENCY, targets.length) }, async () => {
    while (next < targets.length) sources.push(await collect(targets[next++]!));
  }),
);
const ms = performance.now() - t0;
closeAllSshHosts();
process.stdout.write(`${JSON.stringify({ ms, hosts: sources.length, sources })}\n`);
