/**
 * The test that keeps the plan simulator honest: generated plans (seeded), each built by
 * `netdoctor plan --prove` in namespaces of its own, where the kernel must agree with the
 * simulation on every pair (no plan-kernel-disagrees) and on every route it accepts or
 * refuses. The command deletes its namespaces; the test checks none is left.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { describeLab, NETDOCTOR } from './lab.js';
import { generatePlan } from './plan-generate.js';
import { execFileSync } from 'node:child_process';

const SEEDS = Array.from({ length: 24 }, (_, i) => 1000 + i);
/** Plus one written by hand: the corners where the kernel's own rules decide. */
const CORNERS = new URL('../fixtures/plan/kernel-corners.yaml', import.meta.url).pathname;
/** And a /31 between two routers: no test host on it may take a router's address. */
const P2P = new URL('../fixtures/plan/point-to-point-31.yaml', import.meta.url).pathname;
/** The hand-written plans, by their seed (0 and below). */
const HAND: Readonly<Record<number, string>> = { 0: CORNERS, [-1]: P2P };
/** Plans proved at once: each waits on one-second ping timeouts, not on the CPU. */
const PARALLEL = 4;

interface Outcome {
  readonly seed: number;
  readonly code: number | null;
  readonly stderr: string;
  readonly json: {
    readonly paths: readonly unknown[];
    readonly prove?: { readonly pairs: readonly unknown[] };
    readonly findings: readonly {
      readonly code: string;
      readonly title: string;
      readonly why: string;
    }[];
  } | null;
  readonly yaml: string;
}

function prove(file: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const [node, script] = NETDOCTOR;
  return new Promise((resolve) => {
    execFile(
      node ?? 'node',
      [script ?? '', 'plan', '--prove', '--json', file],
      { maxBuffer: 16 << 20 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : null) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

function ourNamespaces(): string[] {
  return execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' })
    .split('\n')
    .map((l) => l.split(' ')[0] ?? '')
    .filter((n) => n.startsWith('ndp'));
}

describeLab('plan --prove agrees with the simulation', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'netdoctor-plan-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(`on ${SEEDS.length} generated plans`, async () => {
    const before = new Set(ourNamespaces());
    const outcomes: Outcome[] = [];
    const queue: number[] = [0, -1, ...SEEDS];
    await Promise.all(
      Array.from({ length: PARALLEL }, async () => {
        for (let seed = queue.shift(); seed !== undefined; seed = queue.shift()) {
          const hand = HAND[seed];
          const plan = hand ? { yaml: readFileSync(hand, 'utf8') } : generatePlan(seed);
          const file = hand ?? path.join(dir, `seed-${seed}.yaml`);
          if (!hand) writeFileSync(file, plan.yaml);
          const run = await prove(file);
          let json: Outcome['json'] = null;
          try {
            json = JSON.parse(run.stdout) as Outcome['json'];
          } catch {
            json = null;
          }
          outcomes.push({ seed, code: run.code, stderr: run.stderr, json, yaml: plan.yaml });
        }
      }),
    );
    expect(outcomes).toHaveLength(SEEDS.length + Object.keys(HAND).length);
    const problems = outcomes.flatMap((o) => {
      if (!o.json || (o.code !== 0 && o.code !== 1))
        return [`seed ${o.seed}: exit ${o.code}: ${o.stderr.trim()}\n${o.yaml}`];
      const disagree = o.json.findings.filter((f) => f.code === 'plan-kernel-disagrees');
      const pairs = o.json.prove?.pairs.length ?? -1;
      return [
        ...(pairs !== o.json.paths.length
          ? [`seed ${o.seed}: ${pairs} pairs proved, ${o.json.paths.length} simulated`]
          : []),
        ...disagree.map((f) => `seed ${o.seed}: ${f.title}: ${f.why}\n${o.yaml}`),
      ];
    });
    expect(problems).toEqual([]);
    // The plans were not all trivial: some pairs failed, some loops or refusals were met.
    const codes = new Set(outcomes.flatMap((o) => o.json?.findings.map((f) => f.code) ?? []));
    expect([...codes].sort()).toEqual(
      expect.arrayContaining([
        'plan-missing-route',
        'plan-asymmetric',
        'plan-loop',
        'plan-next-hop-not-on-link',
      ]),
    );
    expect(ourNamespaces().filter((n) => !before.has(n))).toEqual([]);
  });
});
