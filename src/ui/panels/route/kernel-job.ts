/**
 * The kernel's own answer to the panel's question, live only: `ip -j -d route get …` through
 * the route port (reads only, sends no packet), as a short job of the app so the panel never
 * owns it. The reply is kept raw and parsed here, with the captured-output parser.
 */
import { parseIpRouteGet, routeGetArgv, type KernelAnswer } from '../../../parse/ip-route-get.js';
import type { RouteQuery } from '../../../net/route-decision.js';
import type { JobStatus, JobStore } from '../../jobs.js';
import type { UiPorts } from '../../ports.js';

export const KERNEL_JOB = 'route-kernel';

export interface KernelState {
  readonly status: JobStatus;
  /** Which answer of the panel this is for (RouteView.asked). */
  readonly asked: number;
  readonly argv: readonly string[];
  /** Null while asking, or when the reply could not be read. */
  readonly answer: KernelAnswer | null;
  /** What it printed (or why it did not run) when unreadable. */
  readonly raw: string;
  readonly error: string | null;
}

export function kernelOf(jobs: JobStore): KernelState | null {
  return jobs.get<KernelState>(KERNEL_JOB)?.snapshot() ?? null;
}

export function askKernel(jobs: JobStore, ports: UiPorts, query: RouteQuery, asked: number): void {
  const initial: KernelState = {
    status: 'running',
    asked,
    argv: routeGetArgv(query),
    answer: null,
    raw: '',
    error: null,
  };
  jobs.start<KernelState>(
    KERNEL_JOB,
    'ip route get',
    initial,
    async (ctl) => {
      const out = await ports.route.routeGet(query, ctl.signal);
      const parsed = parseIpRouteGet(out.stdout, out.stderr, out.status ?? -1);
      const raw = (out.error ?? out.stderr.trim()) || out.stdout.trim();
      ctl.update((s) => ({
        ...s,
        argv: out.argv,
        answer: parsed.answer,
        raw: raw.split('\n')[0] ?? '',
      }));
    },
    (s, end) => ({ ...s, status: end.status, error: end.error }),
  );
}
