/** Asks the kernel a route question: `ip -j -d route get …`. Reads only; sends no packet. */
import { routeGetArgv } from '../parse/ip-route-get.js';
import type { RouteQuery } from '../net/route-decision.js';
import { runCommand, type CommandOutput } from './run.js';

export async function askKernelRoute(q: RouteQuery, signal?: AbortSignal): Promise<CommandOutput> {
  return runCommand(routeGetArgv(q), { timeoutMs: 5_000, ...(signal ? { signal } : {}) });
}
