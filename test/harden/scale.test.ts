/**
 * Issue 8: a snapshot with 5,000 interfaces took 4 s to show and 20,000 took 31 s. The
 * quadratic steps were cli-table3's layout (every table) and addresses filtered per link in
 * buildHostState. Counted here, not timed: the array work (elements visited by filter, find,
 * some, map, includes...) from snapshot to plain text must grow like the input, so 4x the
 * interfaces may cost about 4x the work, never 16x. bench/scale.ts times 5,000 and 20,000.
 */
import { describe, expect, it } from 'vitest';
import { parseSnapshotText } from '../../src/snapshot/load.js';
import { buildHostState } from '../../src/state/host-state.js';
import { overviewSections } from '../../src/report/overview.js';
import { documentText } from '../../src/report/document.js';
import { manyInterfacesSnapshotText } from '../helpers/many-interfaces.js';

const WALKERS = ['filter', 'find', 'some', 'every', 'map', 'forEach', 'flatMap', 'findIndex'];
const SCANNERS = ['includes', 'indexOf'];

/** Elements visited by array methods while `run` runs. */
function arrayWork(run: () => void): number {
  const proto = Array.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
  const saved = new Map<string, (...args: unknown[]) => unknown>();
  let visited = 0;
  for (const name of [...WALKERS, ...SCANNERS]) {
    const original = proto[name];
    if (!original) continue;
    saved.set(name, original);
    proto[name] = function (this: unknown[], ...args: unknown[]) {
      visited += this.length;
      return original.apply(this, args);
    };
  }
  try {
    run();
  } finally {
    for (const [name, original] of saved) proto[name] = original;
  }
  return visited;
}

function overviewWork(count: number): number {
  const text = manyInterfacesSnapshotText(count);
  return arrayWork(() => {
    const host = buildHostState(parseSnapshotText(text, 'many.json'));
    documentText(overviewSections(host));
  });
}

describe('the Overview of a host with many interfaces', () => {
  it('costs work in proportion to its interfaces, not to their square', () => {
    const small = overviewWork(500);
    const large = overviewWork(2000);
    expect(large / small).toBeLessThan(5);
  });
});
