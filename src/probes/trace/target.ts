/**
 * A trace's target in words, before anything is sent: refused when it names no one host,
 * picked from `getent ahosts`, and why `ip route get` says this host cannot send there. Pure:
 * `netdoctor trace`, the Route panel and a host's trace port (src/wiring/host.ts) share it.
 */
import { ipValue } from '../../net/cidr.js';
import { notOneHost } from '../../net/special-address.js';
import { safeText } from '../../text/safe.js';
import type { TraceTarget } from './types.js';

/**
 * Why a trace to this target is refused before anything is sent (it names no one host:
 * 0.0.0.0, multicast, the limited broadcast), as a sentence; null when it may be traced.
 */
export function refusedTarget(target: TraceTarget): string | null {
  const v = ipValue(target.address);
  const what = v ? notOneHost(v) : null;
  if (what === null) return null;
  const named =
    target.input === target.address
      ? safeText(target.address)
      : `'${safeText(target.input)}' resolves to ${target.address}, which`;
  return `${named} is ${what}: a trace follows the path to one host`;
}

/** `getent ahosts` lines: ADDRESS TYPE [NAME]. IPv4 first, as traceroute and mtr do. */
export function pickAddress(getentText: string): { address: string; family: 4 | 6 } | null {
  const found = getentText
    .split('\n')
    .map((l) => l.trim().split(/\s+/)[0] ?? '')
    .map((a) => ({ a, v: ipValue(a) }))
    .filter((x) => x.v !== null);
  const v4 = found.find((x) => x.v?.family === 'inet');
  const pick = v4 ?? found[0];
  if (!pick?.v) return null;
  return { address: pick.a, family: pick.v.family === 'inet' ? 4 : 6 };
}

/** `ip route get` failing says why this host cannot send there; in words. */
export function localRouteWords(stderr: string, dest: string): string {
  const d = safeText(dest);
  if (/Network is unreachable/i.test(stderr))
    return `this host has no route to ${d} (ip route get ${d}: Network is unreachable)`;
  if (/No route to host/i.test(stderr))
    return `an unreachable route on this host refuses ${d} (ip route get ${d}: No route to host)`;
  if (/Invalid argument/i.test(stderr))
    return `a blackhole route on this host drops packets to ${d} (ip route get ${d}: Invalid argument)`;
  if (/Permission denied/i.test(stderr))
    return `a prohibit route on this host refuses ${d} (ip route get ${d}: Permission denied)`;
  const first = stderr.trim().split('\n')[0] ?? '';
  return `ip route get ${d} failed: ${safeText(first)}`;
}
