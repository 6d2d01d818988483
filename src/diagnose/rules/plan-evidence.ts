/**
 * Evidence for plan findings: the plan's own lines, each with `FILE:LINE` as its source, so
 * the person sees the line to change and where it is.
 */
import type { Evidence } from '../finding.js';
import type { ExpectedPair } from '../../plan/simulate.js';
import type { Plan, PlanPos, PlanRouter } from '../../plan/types.js';

export function planLine(plan: Plan, pos: PlanPos | null): Evidence[] {
  if (!pos) return [];
  const text = plan.lines[pos.line - 1]?.trim() ?? '';
  return text ? [{ source: `${plan.file}:${pos.line}`, text }] : [];
}

/** The lines that say what a router has: its name, interfaces and routes (each line once). */
export function routerEvidence(plan: Plan, router: PlanRouter): Evidence[] {
  const seen = new Set<number>();
  const out: Evidence[] = [];
  for (const pos of [
    router.pos,
    ...router.interfaces.map((f) => f.pos),
    ...router.routes.map((r) => r.pos),
  ]) {
    if (seen.has(pos.line)) continue;
    seen.add(pos.line);
    out.push(...planLine(plan, pos));
  }
  return out;
}

/** The expect line behind a pair, or nothing for the default. */
export function expectEvidence(plan: Plan, pair: ExpectedPair): Evidence[] {
  const e = plan.expect.find((x) => x.text === pair.text);
  return e ? planLine(plan, e.pos) : [];
}

/** `ip route add …` for a prefix, with -6 for IPv6 so it reads unambiguously. */
export function ipRouteAdd(prefix: string, rest: string): string {
  return `ip ${prefix.includes(':') ? '-6 ' : ''}route add ${prefix} ${rest}`;
}
