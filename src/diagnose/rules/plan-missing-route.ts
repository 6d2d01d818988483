/**
 * plan-missing-route: a packet the plan should carry reaches a router with no route for it
 * (or a host whose network names no gateway). Names the router and the route to add, as a
 * plan line and as `ip route add`, with a next hop that is known to carry it onwards.
 */
import type { Finding } from '../finding.js';
import type { CodeDocs, Rule } from '../rule.js';
import type { PlanQuestion } from '../../plan/question.js';
import {
  expectedPairs,
  pathFromRouter,
  pathOf,
  reachesFromRouter,
  type ExpectedPair,
  type PairPath,
} from '../../plan/simulate.js';
import { expectEvidence, ipRouteAdd, routerEvidence, planLine } from './plan-evidence.js';

/** A neighbour of `router` (on a shared network) that delivers to `to`: its address there. */
function nextHopTowards(
  q: PlanQuestion,
  router: string,
  to: string,
): { via: string; name: string } | null {
  const { plan, simulation } = q;
  const self = plan.routers.find((r) => r.name === router);
  if (!self) return null;
  const candidates: { via: string; name: string; direct: boolean }[] = [];
  for (const f of self.interfaces) {
    for (const other of plan.routers) {
      if (other.name === router) continue;
      const there = other.interfaces.find((g) => g.network === f.network);
      if (!there) continue;
      const direct = other.interfaces.some((g) => g.network === to);
      if (direct || reachesFromRouter(plan, simulation, other.name, to)) {
        candidates.push({ via: there.address, name: other.name, direct });
      }
    }
  }
  // A router on the destination network first: one hop, nothing else to go wrong.
  candidates.sort((a, b) => Number(b.direct) - Number(a.direct));
  return candidates[0] ?? null;
}

function missingAtRouter(
  q: PlanQuestion,
  path: PairPath,
  router: string,
  because: string,
): Finding {
  const { plan } = q;
  const net = plan.networks.find((n) => n.name === path.to);
  const prefix = net?.cidr.text ?? path.dst;
  const hop = nextHopTowards(q, router, path.to);
  const r = plan.routers.find((x) => x.name === router);
  const fix = hop
    ? [
        `# plan: under routers.${router}.routes add:  - ${prefix} via ${hop.via}`,
        `${ipRouteAdd(prefix, `via ${hop.via}`)}   # on ${router}`,
      ]
    : [];
  return {
    code: 'plan-missing-route',
    severity: 'error',
    title: `${router} has no route to ${path.to} (${prefix})`,
    why:
      `Packets for ${path.to} (${path.dst}) that reach ${router} find no route there: ` +
      `${router} drops them and answers "network unreachable". ${because}` +
      (hop
        ? `Add a route on ${router} to ${prefix} via ${hop.via} (${hop.name}), which carries it on to ${path.to}.`
        : `No router next to ${router} carries it on to ${path.to}: the plan needs routes there first.`),
    evidence: r ? routerEvidence(plan, r) : [],
    fix,
    subject: `${router} -> ${prefix}`,
  };
}

/**
 * Every router should reach every network of the plan (of its family): a packet for that
 * network's test host, handed to the router, must arrive. Where it stops for want of a route,
 * the router that lacks it gets the finding, once per destination network.
 */
function run(q: PlanQuestion): Finding[] {
  const { plan, simulation } = q;
  const out: Finding[] = [];
  const seen = new Set<string>();
  const expected = expectedPairs(plan, simulation);
  // Which expected pairs stop at a router for want of a route, by router and destination.
  const stoppedAt = new Map<string, ExpectedPair[]>();
  for (const e of expected) {
    const p = pathOf(simulation, e.from, e.to);
    if (p?.stop.kind !== 'no-route') continue;
    const key = `${p.stop.router}>${e.to}`;
    const list = stoppedAt.get(key) ?? [];
    list.push(e);
    stoppedAt.set(key, list);
  }
  for (const router of plan.routers) {
    for (const net of plan.networks) {
      const path = pathFromRouter(plan, simulation, router.name, net.name);
      if (!path || path.stop.kind !== 'no-route') continue;
      const at = path.stop.router;
      const key = `${at}>${net.name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      // Which expected pairs this breaks: their packets reach `at` and stop there.
      const broken = stoppedAt.get(key) ?? [];
      const because = broken.length
        ? `It breaks ${broken.map((b) => `${b.from} -> ${b.to}`).join(', ')} (expected: ${[...new Set(broken.map((b) => b.text))].join('; ')}). `
        : '';
      const f = missingAtRouter(q, { ...path, from: router.name }, at, because);
      out.push({
        ...f,
        evidence: [...f.evidence, ...broken.flatMap((b) => expectEvidence(plan, b))],
      });
    }
  }
  for (const pair of expected) {
    const path = pathOf(simulation, pair.from, pair.to);
    if (path?.stop.kind !== 'no-gateway') continue;
    const stop = path.stop;
    const key = `gw>${stop.network}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const net = plan.networks.find((n) => n.name === stop.network);
    const attached = plan.routers.filter((r) =>
      r.interfaces.some((i) => i.network === stop.network),
    );
    const first = attached[0];
    out.push({
      code: 'plan-missing-route',
      severity: 'error',
      title: `hosts on ${stop.network} have no default route`,
      why:
        `Hosts on ${stop.network} send off-network traffic to the network's gateway, and ${stop.network} has none: ` +
        (attached.length === 0
          ? `no router of the plan is attached to it, so ${path.to} cannot be reached from there.`
          : `${attached.length} routers are attached and none is named as the gateway. Name one.`),
      evidence: [...(net ? planLine(plan, net.pos) : []), ...expectEvidence(plan, pair)],
      fix:
        first && net
          ? [
              `# plan: under networks:  ${net.name}: {cidr: ${net.cidr.text}, gateway: ${first.name}}`,
            ]
          : [],
      subject: stop.network,
    });
  }
  return out;
}

const DOCS: CodeDocs = {
  'plan-missing-route': {
    title: 'a router on the way has no route for a packet the plan should carry',
    severity: { error: 'always' },
    means:
      'A packet the plan should carry reaches a router with no route for its destination, or a host whose network names no gateway.',
    matters:
      'The router drops the packet (or sends it to its default, away from the destination): the pair cannot talk.',
    proof: "From the plan's simulation of every pair of networks.",
    fix: 'Add the route: the finding gives it as a plan line and as `ip route add`, with a next hop known to carry it onwards.',
    box: 'the router named in the finding',
  },
};

export const planMissingRouteRule: Rule = {
  id: 'plan-missing-route',
  topic: 'plan',
  codes: ['plan-missing-route'],
  docs: DOCS,
  run: (ctx) => (ctx.plan ? run(ctx.plan) : []),
};
