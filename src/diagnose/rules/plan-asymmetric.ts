/**
 * plan-asymmetric: packets from A arrive at B, but B's answers never make it back. A ping
 * times out, TCP never completes its handshake, and it looks like B is down.
 */
import type { Finding } from '../finding.js';
import type { CodeDocs, Rule } from '../rule.js';
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

const DOCS: CodeDocs = {
  'plan-asymmetric': {
    title: "packets reach B, but B's answers never make it back",
    severity: { error: 'always' },
    means:
      'In the route plan, a packet from network A reaches network B, but the answer from B to A has no way back (or takes one that dies).',
    matters:
      'A ping times out, a TCP handshake never completes, and it looks as if B were down, while B receives everything.',
    proof:
      "From the plan's simulation: every pair of networks is walked both ways, hop by hop, through each router's routes.",
    fix: 'Add the route the answer is missing (the finding names the router and the route, as a plan line and as `ip route add`).',
    box: 'the router named in the finding',
  },
};

export const planAsymmetricRule: Rule = {
  id: 'plan-asymmetric',
  topic: 'plan',
  codes: ['plan-asymmetric'],
  docs: DOCS,
  run: (ctx) => (ctx.plan ? run(ctx.plan) : []),
};
