/**
 * The question "how does a packet to TO (from FROM) go" as Doctor asks it: a source that is
 * not this host's is a packet being forwarded, so it comes in on the interface the way back
 * to FROM leaves by. Shared by `netdoctor doctor --to` and the Doctor panel.
 */
import type { HostState } from '../state/host-state.js';
import type { RouteDecision, RouteQuery } from './route-decision.js';
import { resolveRoute } from './resolve-route.js';
import { isLocalAddress } from './role.js';

/**
 * A question about one packet, and the resolver's answer for it (the rules read it as
 * DiagnoseContext.path; it lives here so net/ needs nothing from diagnose/).
 */
export interface PathQuestion {
  readonly query: RouteQuery;
  readonly decision: RouteDecision;
}

export function pathQuestion(host: HostState, to: string, from?: string | null): PathQuestion {
  let query: RouteQuery = { dst: to, ...(from ? { src: from } : {}) };
  if (from && !isLocalAddress(host, from)) {
    const back = resolveRoute(host, { dst: from });
    if (back.dev) query = { ...query, iif: back.dev };
  }
  return { query, decision: resolveRoute(host, query) };
}
