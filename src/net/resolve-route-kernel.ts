/**
 * The resolver's answer side by side with the kernel's (`ip -j -d route get`): where they
 * differ, netdoctor has a bug or the host uses a feature it does not model. Pure.
 */
import type { KernelAnswer } from '../parse/ip-route-get.js';
import type { RouteDecision } from './route-decision.js';
import { ROUTE_ERRORS } from './resolve-route-fib.js';

export interface KernelComparison {
  readonly agrees: boolean;
  /** One line per field that differs: "gateway: kernel 192.0.2.1, netdoctor 192.0.2.254". */
  readonly differences: readonly string[];
}

interface Fields {
  readonly error: string | null;
  readonly type: string | null;
  readonly table: string | null;
  readonly dev: string | null;
  readonly gateway: string | null;
  readonly prefsrc: string | null;
}

function kernelFields(a: KernelAnswer): Fields {
  if (a.kind === 'error') {
    return { error: a.error, type: null, table: null, dev: null, gateway: null, prefsrc: null };
  }
  const r = a.route;
  // Given `from`, IPv4 prints it instead of a prefsrc.
  return {
    error: null,
    type: r.type,
    table: r.table,
    dev: r.dev,
    gateway: r.gateway,
    prefsrc: r.prefsrc ?? r.from,
  };
}

function decisionFields(d: RouteDecision, kernel: Fields): Fields {
  if (d.error) {
    return { error: d.error, type: null, table: null, dev: null, gateway: null, prefsrc: null };
  }
  // Multipath: the kernel hashes the flow onto one next hop; any of ours agrees.
  const hop = d.nexthops?.find((h) => h.gateway === kernel.gateway && h.dev === kernel.dev) ?? {
    gateway: d.gateway,
    dev: d.dev,
    prefsrc: d.prefsrc,
  };
  return {
    error: null,
    type: d.type,
    table: d.table,
    dev: hop.dev,
    gateway: hop.gateway,
    prefsrc: hop.prefsrc,
  };
}

/**
 * Kernels before 6.13 answer a forwarded packet that rp_filter refuses with EXDEV ("Invalid
 * cross-device link"); since then with EINVAL, as the resolver does. Both are the refusal.
 */
function sameRefusal(d: RouteDecision, k: Fields): Fields {
  const refused = d.sourceCheck && !d.sourceCheck.passed;
  return refused && k.error === ROUTE_ERRORS.EXDEV ? { ...k, error: ROUTE_ERRORS.EINVAL } : k;
}

export function compareWithKernel(d: RouteDecision, answer: KernelAnswer): KernelComparison {
  const k = sameRefusal(d, kernelFields(answer));
  const ours = decisionFields(d, k);
  const differences: string[] = [];
  for (const key of ['error', 'type', 'table', 'dev', 'gateway', 'prefsrc'] as const) {
    if (k[key] !== ours[key]) {
      differences.push(`${key}: kernel ${k[key] ?? 'none'}, netdoctor ${ours[key] ?? 'none'}`);
    }
  }
  return { agrees: differences.length === 0, differences };
}
