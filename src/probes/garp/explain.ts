/**
 * The words of the repair, in the voice of the seed post: what each packet does, and who
 * holds the stale entry. Kept apart from the probe so the CLI, the TUI and the tests read
 * the same sentences.
 */
import type { GarpCheckResult } from '../../diagnose/rule.js';
import type { GarpPlan, GarpStepId } from './types.js';

/** Why the repair exists at all: the seed's story in two sentences. */
export function storyLines(plan: GarpPlan): string[] {
  const holder = plan.gateway ? `the gateway ${plan.gateway}` : 'the hosts on this segment';
  return [
    `When ${plan.ip} moves to a new server, ${holder} still holds the old server's MAC for it in its ARP cache, and keeps sending there for 1 to 15 minutes until the entry expires.`,
    `An unsolicited ARP from ${plan.ip} at ${plan.mac} tells it to update the entry now instead.`,
  ];
}

export function dadLines(plan: GarpPlan): string[] {
  return [
    `First netdoctor asks "who has ${plan.ip}?" from 0.0.0.0 (duplicate address detection). Asking from 0.0.0.0 changes nobody's cache, and any host that answers still has ${plan.ip} configured.`,
  ];
}

export function dadFreeLines(plan: GarpPlan): string[] {
  return [
    `Nobody else answered for ${plan.ip}: the old server no longer claims it, so announcing it here will stick.`,
  ];
}

/** What the announcements do, for the mode and target in the plan. */
export function sendLines(plan: GarpPlan): string[] {
  const lines: string[] = [];
  if (plan.gateway === null) {
    lines.push(
      `Each packet is a gratuitous ARP request from ${plan.ip} at ${plan.mac} asking for ${plan.ip} itself, broadcast to every host on ${plan.iface}'s segment. Hosts that already have an entry for ${plan.ip} replace the MAC with ${plan.mac}.`,
    );
  } else if (plan.mode === 'request') {
    lines.push(
      `Each packet is an ARP request from ${plan.ip} at ${plan.mac} asking for ${plan.gateway}, broadcast to every host on the segment (arping -U, the seed's command). ${plan.gateway} sees a request for its own address and writes ${plan.mac} into its entry for ${plan.ip} at once; other hosts that have an entry for ${plan.ip} update it too.`,
    );
  } else {
    lines.push(
      `Each packet is an unsolicited ARP reply "${plan.ip} is at ${plan.mac}" (arping -A), for routers and firewalls that learn only from replies. A Linux host takes such a reply only if its entry for ${plan.ip} has not changed within locktime.`,
    );
  }
  lines.push(
    `Switches learn which port a MAC sits behind from the source of every frame, these broadcasts included: the same frames move ${plan.mac} to this server's port in every switch on the way.`,
  );
  return lines;
}

/**
 * The locktime caveat, for the packets the plan sends. Measured in the lab (kernel 6.x): an
 * ARP request addressed to the gateway, and a gratuitous ARP (sender = target), replace the
 * entry even within locktime; an unsolicited reply within locktime is ignored.
 */
export function locktimeLine(plan: GarpPlan): string {
  const rule = `A Linux host ignores a changed MAC for an entry updated less than locktime ago (net.ipv4.neigh.<interface>.locktime, 1 s by default), so that the first of two competing answers wins.`;
  if (plan.mode === 'reply') {
    return `${rule} That applies to these replies: if the old server answered an ARP for ${plan.ip} within the last second, they can be dropped; run the repair again after a second if the check fails.`;
  }
  if (plan.gateway === null) {
    return `${rule} Current kernels make an exception for a gratuitous ARP like this one; older kernels and other devices may not, so run the repair again after a second if traffic does not follow.`;
  }
  return `${rule} A request that asks for the gateway's own address is an exception: the gateway takes the new MAC at once. Other hosts and non-Linux devices may still wait out their locktime.`;
}

/** `n thing` or `n things`. */
export function plural(n: number, thing: string): string {
  return `${n} ${thing}${n === 1 ? '' : 's'}`;
}

export function verifiedLines(plan: GarpPlan, gatewayMac: string): string[] {
  return [
    `${plan.gateway} answers ARP at ${gatewayMac}, and it answered pings from ${plan.ip}. Its replies to ${plan.ip} leave at the MAC its neighbour entry for ${plan.ip} holds, so their coming back here proves the entry says ${plan.mac}: ${plan.gateway} now sends ${plan.ip}'s traffic to this server.`,
    `An ARP ping alone would not prove it: ${plan.gateway} answers an ARP request at the MAC the request came from, whatever its cache holds for ${plan.ip}.`,
    locktimeLine(plan),
  ];
}

/**
 * The gateway answers ARP but not a ping from the moved address: what that means, as sure as
 * the comparison from another address makes it.
 */
export function keptLines(check: GarpCheckResult): string[] {
  const { gateway, ip, mac } = check;
  const other = check.control?.source ?? 'this host';
  const proven = check.control?.answered === true;
  const kept = `it kept the old server's MAC (a static entry, which no ARP changes, or a long locktime)`;
  const compare =
    check.control === null
      ? `This host has no other address on ${check.iface} to compare from, so a gateway that drops pings would look the same.`
      : proven
        ? `It answers the same ping from ${other}: only its replies to ${ip} go astray.`
        : `It does not answer the same ping from ${other} either: it may drop pings, so this is not proof.`;
  return [
    `${gateway} answers ARP at ${check.gatewayMac}, but no reply to a ping from ${ip} came back. Its replies to ${ip} leave at the MAC its neighbour entry for ${ip} holds, so ${
      proven
        ? `that entry does not say ${mac}: ${kept}.`
        : `either that entry does not say ${mac} (${kept}), or it drops pings.`
    }`,
    compare,
  ];
}

export function unverifiedLines(plan: GarpPlan): string[] {
  return [
    `${plan.gateway} did not answer an ARP ping from ${plan.ip}. The announcements went out, but netdoctor cannot tell whether ${plan.gateway} took them: it may not be on this segment, may filter ARP, or may not be the router that holds the stale entry.`,
    locktimeLine(plan),
  ];
}

export function noGatewayLines(plan: GarpPlan): string[] {
  return [
    `There is no gateway to ask, so nothing can confirm the announcement; hosts on ${plan.iface}'s segment that had an entry for ${plan.ip} were told ${plan.mac}.`,
    `Name the router with --gateway to have it checked.`,
  ];
}

/** What the person is about to do to other hosts' caches: the confirmation text. */
export function confirmLines(plan: GarpPlan): string[] {
  const kind = plural(plan.count, `unsolicited ARP ${plan.mode}`);
  const to = plan.gateway ? ` to ${plan.gateway}` : '';
  return [
    `About to send ${kind}${to} on ${plan.iface}, saying ${plan.ip} is at ${plan.mac}.`,
    `This changes the ARP cache of the gateway and of every host on the segment that knows ${plan.ip}.`,
  ];
}

/** The steps' names, as the panel and the CLI show them. */
export const STEP_TITLES: Readonly<Record<GarpStepId, string>> = {
  where: 'Where',
  dad: 'Anyone else holding it?',
  send: 'Tell the network',
  verify: 'Check it took',
};
