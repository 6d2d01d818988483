/**
 * plan-asymmetric: packets from A arrive at B, but B's answers never make it back. A ping
 * times out, TCP never completes its handshake, and it looks like B is down.
 */
import type { Finding } from '../finding.js';
import type { Rule } from '../rule.js';
import type { PlanQuestion } from '../../plan/question.js';
import { delivered, expectedPairs, pathOf } from '../../plan/simulate.js';
import { expectEvidence } from './plan-evidence.js';

function run(q: PlanQuestion): Finding[] {
  const { plan, simulation } = q;
  const out: Finding[] = [];
  const seen = new Set<string>();
  // The expected pairs, and every pair between networks whose hosts have a gateway.
  const withGateway = new Set(simulation.hosts.filter((h) => h.gateway).map((h) => h.network));
  const pairs = [
    ...expectedPairs(plan, simulation),
    ...simulation.paths.filter((p) => withGateway.has(p.from) && withGateway.has(p.to)),
  ];
  for (const pair of pairs) {
    for (const [a, b] of [
      [pair.from, pair.to],
      [pair.to, pair.from],
    ] as const) {
      // Only one-way pairs get a key: a big plan has a million pairs that are fine.
      if (!delivered(simulation, a, b) || delivered(simulation, b, a) || seen.has(`${a}>${b}`))
        continue;
      seen.add(`${a}>${b}`);
      const back = pathOf(simulation, b, a);
      out.push({
        code: 'plan-asymmetric',
        severity: 'error',
        title: `${a} reaches ${b}, but ${b}'s answers cannot come back`,
        why:
          `A packet from ${a} arrives on ${b}, so the way there is fine; the answer from ${b} to ${a} ` +
          `is lost: ${back?.reason ?? 'it never arrives'}. Pings time out and connections hang, from either side.`,
        evidence: [
          ...('text' in pair ? expectEvidence(plan, pair) : []),
          ...(back
            ? [
                {
                  source: 'netdoctor plan (simulated)',
                  text: `${b} -> ${a}: ${back.hops.map((h) => h.node).join(' -> ')}: ${back.reason}`,
                },
              ]
            : []),
        ],
        fix: [],
        subject: `${a} <-> ${b}`,
      });
    }
  }
  return out;
}

export const planAsymmetricRule: Rule = {
  id: 'plan-asymmetric',
  topic: 'plan',
  codes: ['plan-asymmetric'],
  run: (ctx) => (ctx.plan ? run(ctx.plan) : []),
};
