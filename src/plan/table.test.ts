import { describe, expect, it } from 'vitest';
import { ipText } from '../net/cidr.js';
import { resolveRoute } from '../net/resolve-route.js';
import { generatePlan, rng } from '../../test/lab/plan-generate.js';
import { parsePlan } from './parse.js';
import { simulate } from './simulate.js';
import { kernelView, lookupRoute, type RoutingTable } from './table.js';

/** What lookupRoute used to do: ask the route resolver over the kernel's view of the table. */
function resolved(table: RoutingTable, dst: string): string | null {
  const route = resolveRoute(kernelView(table), { dst }).route;
  if (!route) return null;
  return route.dst === 'default' ? (route.family === 'inet' ? '0.0.0.0/0' : '::/0') : route.dst;
}

describe('lookupRoute (the longest prefix, by index)', () => {
  it('picks what the route resolver picks, on 12 generated plans and random addresses', () => {
    let compared = 0;
    for (let seed = 0; seed < 12; seed++) {
      const plan = parsePlan(generatePlan(seed).yaml, `seed-${seed}.yaml`);
      const sim = simulate(plan);
      const r = rng(seed);
      // The hosts' addresses, every route's first and last address, and random ones nearby.
      const targets = sim.hosts.map((h) => h.address);
      for (const table of sim.tables.values()) {
        for (const route of table.routes) {
          const { family, first, last } = route.prefix;
          targets.push(ipText({ family, value: first }), ipText({ family, value: last }));
          const span = last - first + 1n;
          const pick = first + (BigInt(Math.floor(r() * 1e9)) % span);
          targets.push(ipText({ family, value: pick }));
        }
      }
      for (const table of sim.tables.values()) {
        for (const dst of targets) {
          expect(lookupRoute(table, dst)?.prefix.text ?? null, `seed ${seed} ${dst}`).toBe(
            resolved(table, dst),
          );
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(500);
  }, 60_000);
});
