/**
 * The question "how does a packet to TO (from FROM) go" as Doctor asks it: a source that is
 * not this host's is a packet being forwarded, so it comes in on the interface the way back
 * to FROM leaves by. Shared by `netdoctor doctor --to` and the Doctor panel.
 */
import type { HostState } from '../state/host-state.js';
import type { PathQuestion } from '../diagnose/rule.js';
import type { RouteQuery } from './route-decision.js';
import { resolveRoute } from './resolve-route.js';
import { isLocalAddress } from './role.js';

export function pathQuestion(host: HostState, to: string, from?: string | null): PathQuestion {
  let query: RouteQuery = { dst: to, ...(from ? { src: from } : {}) };
  if (from && !isLocalAddress(host, from)) {
    const back = resolveRoute(host, { dst: from });
    if (back.dev) query = { ...query, iif: back.dev };
  }
  return { query, decision: resolveRoute(host, query) };
}
