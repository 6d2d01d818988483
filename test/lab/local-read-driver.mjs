/* global process */
// Reads the namespace it runs in twice, as src/snapshot/collect.ts does: once the old way
// (each command its own child of node, `ip netns identify` run) and once through this
// machine's access (run-all.ts: every command through one sh; the namespace's name read
// in-process). Prints both snapshots as one JSON object: { before, after }.
// Usage: node --import tsx local-read-driver.mjs (the lab's NODE_TS)
import { takeSnapshot } from '../../src/snapshot/collect.ts';
import { LOCAL_ACCESS } from '../../src/system/access.ts';
import { startOverviewReadAhead } from '../../src/commands/overview-ahead.ts';
import { waitingAhead } from '../../src/system/run-all.ts';

// The access as it was before issue 20: no runAll, no in-process netnsName.
const perCommand = { ...LOCAL_ACCESS, runAll: undefined, netnsName: undefined };
const before = await takeSnapshot(perCommand);
const after = await takeSnapshot(LOCAL_ACCESS);
startOverviewReadAhead(['overview', '--plain'], false);
if (waitingAhead() !== 1) throw new Error('the read-ahead did not start');
const ahead = await takeSnapshot(LOCAL_ACCESS);
if (waitingAhead() !== 0) throw new Error('the snapshot did not take the read-ahead over');
process.stdout.write(`${JSON.stringify({ before, after, ahead })}\n`);
