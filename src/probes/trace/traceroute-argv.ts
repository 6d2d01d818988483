/**
 * The traceroute fallback, one probe at a time: `traceroute -n -q 1 -f TTL -m TTL` sends a
 * single probe at one TTL and prints one hop line, so our scheduler keeps its say over
 * TTLs, timeouts and rounds even without mtr-packet. Pure: argv and line → outcome.
 */
import { annotationWords, parseTracerouteLine } from '../../parse/traceroute.js';
import type { ProbeOutcome, TraceConfig } from './types.js';

/**
 * traceroute's methods: its default (UDP) works for anyone; ICMP (-I) and TCP (-T) need
 * CAP_NET_RAW. Without it, ICMP falls back to UDP.
 */
export function tracerouteArgv(
  config: TraceConfig,
  ttl: number,
  timeoutMs: number,
  privileged: boolean,
): string[] {
  const argv = ['traceroute', '-n', '-q', '1', '-f', String(ttl), '-m', String(ttl)];
  argv.push('-w', (Math.max(100, timeoutMs) / 1000).toFixed(1));
  if (config.target.family === 6) argv.push('-6');
  if (config.protocol === 'icmp' && privileged) argv.push('-I');
  if (config.protocol === 'tcp') argv.push('-T');
  if (config.source !== undefined) argv.push('-s', config.source);
  argv.push(config.target.address);
  return argv;
}

/** The outcome in one traceroute line, or null when the line is not its hop line. */
export function tracerouteOutcome(
  line: string,
  token: number,
  ttl: number,
  target: string,
): ProbeOutcome | null {
  const parsed = parseTracerouteLine(line);
  if (parsed.type !== 'hop' || parsed.hop.ttl !== ttl) return null;
  const probe = parsed.hop.probes[0];
  if (!probe || probe.address === null || probe.rttMs === null) return { token, kind: 'no-reply' };
  if (probe.annotation !== undefined) {
    return {
      token,
      kind: 'unreachable',
      address: probe.address,
      rttMs: probe.rttMs,
      words: annotationWords(probe.annotation),
      code: probe.annotation,
    };
  }
  return {
    token,
    kind: probe.address === target ? 'reply' : 'ttl-expired',
    address: probe.address,
    rttMs: probe.rttMs,
  };
}
