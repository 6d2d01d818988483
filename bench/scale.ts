/**
 * `node --import tsx bench/scale.ts`: how long a snapshot of 5,000 and of 20,000 interfaces
 * takes from file text to the plain Overview (issue 8: it was 4 s and 31 s), and the ratio,
 * which is about 4 when the work is linear and 16 when it is quadratic. Sends nothing.
 */
import { performance } from 'node:perf_hooks';
import { parseSnapshotText } from '../src/snapshot/load.js';
import { buildHostState } from '../src/state/host-state.js';
import { overviewSections } from '../src/report/overview.js';
import { documentText } from '../src/report/document.js';
import { manyInterfacesSnapshotText } from '../test/helpers/many-interfaces.js';

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

function time(count: number, rounds = 3): number {
  const text = manyInterfacesSnapshotText(count);
  const runs: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    documentText(overviewSections(buildHostState(parseSnapshotText(text, 'many.json'))));
    runs.push(performance.now() - t0);
  }
  return median(runs);
}

const small = time(5_000);
const large = time(20_000);
process.stdout.write(
  `5,000 interfaces: ${small.toFixed(0)} ms; 20,000: ${large.toFixed(0)} ms; ratio ${(large / small).toFixed(2)} (linear 4, quadratic 16)\n`,
);
