/**
 * The rp_filter stories' shared pieces: the lines of a finding's symmetric-routing fix, and
 * the kernel's own answer to a route question asked inside a namespace.
 */
import type { Lab } from './lab.js';
import { parseIpRouteGet, routeGetArgv, type KernelAnswer } from '../../src/parse/ip-route-get.js';
import type { RouteQuery } from '../../src/net/route-decision.js';

/** Every command of the fix's "make the path symmetric" alternative, in order. */
export function symmetricFix(fix: readonly string[]): string[] {
  const start = fix.findIndex((l) => l.startsWith('#') && l.includes('make the path symmetric'));
  if (start < 0) throw new Error(`no symmetric-routing fix in ${JSON.stringify(fix)}`);
  const rest = fix.slice(start + 1);
  const end = rest.findIndex((l) => l.startsWith('#'));
  return end < 0 ? rest : rest.slice(0, end);
}

/** `ip -j -d route get …` in the namespace, read. */
export function kernelRouteGet(lab: Lab, ns: string, q: RouteQuery): KernelAnswer {
  const r = lab.exec(ns, routeGetArgv(q));
  const { answer, warnings } = parseIpRouteGet(r.stdout, r.stderr, r.status ?? -1);
  if (!answer) throw new Error(`unreadable answer: ${JSON.stringify(warnings)}`);
  return answer;
}
