/**
 * The mtr-packet backend: our probes as send-probe requests, its replies (matched by token)
 * as outcomes. mtr-packet 0.95 says `no-route` for every ICMP destination unreachable except
 * port unreachable (which it counts as the destination's reply), so which refusal it was (!H,
 * !N, !X) is not known here: traceroute tells them apart.
 */
import {
  mtrPacketProblem,
  parseMtrPacketLine,
  sendProbeLine,
  type MtrPacketReply,
} from '../../parse/mtr-packet.js';
import type { OpenPacketChannel } from '../../system/mtr-packet.js';
import type { OpenBackend, ProbeOutcome } from './types.js';

const UNREACHABLE_WORDS: Readonly<Record<string, string>> = {
  'no-route': 'destination unreachable (no route there, or refused)',
  'no-route-host': 'host unreachable',
  'no-route-network': 'network unreachable',
  'host-down': 'host down',
};

/** One reply as an outcome; null for a reply that is not about a probe. */
export function outcomeOf(r: MtrPacketReply): ProbeOutcome | null {
  const token = r.token;
  if (r.kind === 'feature-support') return null;
  if (r.kind === 'no-reply') return { token, kind: 'no-reply' };
  if ((r.kind === 'reply' || r.kind === 'ttl-expired') && r.address && r.rttUs !== undefined) {
    return { token, kind: r.kind, address: r.address, rttMs: r.rttUs / 1000 };
  }
  const words = UNREACHABLE_WORDS[r.kind];
  if (words !== undefined && r.address && r.rttUs !== undefined) {
    return {
      token,
      kind: 'unreachable',
      address: r.address,
      rttMs: r.rttUs / 1000,
      words,
      code: r.name,
    };
  }
  // no-route without an address: this host could not send it.
  const problem =
    words !== undefined
      ? 'this host has no route to the destination'
      : (mtrPacketProblem(r) ?? `mtr-packet answered ${r.name}`);
  return { token, kind: 'error', problem };
}

export function exitWords(code: number | null, signal: string | null): string {
  if (signal === 'SIGSEGV') {
    return 'mtr-packet crashed (SIGSEGV): mtr 0.95 does that when this host has no route to the destination (an unreachable or prohibit route here)';
  }
  return `mtr-packet stopped (${signal ?? `exit ${code ?? '?'}`})`;
}

/** The backend over an mtr-packet channel: a host's (HostAccess.openChannel), or a fake in tests. */
export function mtrPacketBackend(open: OpenPacketChannel): OpenBackend {
  return async (config, sink) => {
    let closing = false;
    const channel = await open(
      (line) => {
        const reply = parseMtrPacketLine(line);
        if (reply === null) return;
        if (reply.token === 0) {
          sink.fatal(mtrPacketProblem(reply) ?? `mtr-packet: ${line}`);
          return;
        }
        const outcome = outcomeOf(reply);
        if (outcome) sink.outcome(outcome);
      },
      (exit) => {
        if (!closing) sink.fatal(exitWords(exit.code, exit.signal));
      },
    );
    const { target, protocol, source } = config;
    return {
      name: 'mtr-packet',
      send: (p) =>
        channel.send(
          sendProbeLine({
            token: p.token,
            family: target.family,
            address: target.address,
            ttl: p.ttl,
            protocol,
            ...(protocol === 'tcp' ? { port: 80 } : {}),
            ...(source !== undefined ? { localAddress: source } : {}),
            timeoutS: p.timeoutMs / 1000,
          }),
        ),
      close: () => {
        closing = true;
        return channel.close();
      },
    };
  };
}
