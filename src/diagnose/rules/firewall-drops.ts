/**
 * firewall-drops (path): this host's own packet filter drops the path's packets. The
 * request leaves by the output hook (forward when the source is not ours); its answer comes
 * back through input (forward). Each is walked through the rules (net/firewall-verdict.ts)
 * as a ping and its reply: a rule that certainly matches is an error, with the rule as
 * evidence and the command that deletes it; a rule that may match (a match the model cannot
 * read) is a note.
 */
import type { Finding } from '../finding.js';
import type { CodeDocs, PathQuestion, Rule } from '../rule.js';
import type { HostState } from '../../state/host-state.js';
import type { FirewallHook } from '../../parse/firewall-model.js';
import { isLocalAddress } from '../../net/role.js';
import {
  firewallVerdict,
  type FirewallPacket,
  type FirewallRuleRef,
  type PacketVerdict,
} from '../../net/firewall-verdict.js';
import { safeText } from '../../text/safe.js';
import { firewallFix, ruleWords } from './firewall-fix.js';

interface Leg {
  readonly hook: FirewallHook;
  readonly packet: FirewallPacket;
  /** "the requests to 203.0.113.9", in words. */
  readonly what: string;
  readonly answers: boolean;
}

/** The two legs of a ping through this host: the request out, the answer back. */
function legs(host: HostState, path: PathQuestion): Leg[] {
  const { query, decision } = path;
  if (decision.type !== 'unicast') return [];
  const forwarded = query.src !== undefined && !isLocalAddress(host, query.src);
  const src = query.src ?? decision.prefsrc;
  if (!src) return [];
  const dst = query.dst;
  const l4proto = dst.includes(':') ? 'ipv6-icmp' : 'icmp';
  // undefined: the interface is not known, so an interface match is "may".
  const out = decision.dev ?? undefined;
  const back = forwarded ? (query.iif ?? undefined) : null;
  return [
    {
      hook: forwarded ? 'forward' : 'output',
      packet: {
        src,
        dst,
        l4proto,
        icmpType: 'echo-request',
        iif: back,
        oif: out,
        ctState: 'new',
      },
      what: `the packets from ${src} to ${dst}`,
      answers: false,
    },
    {
      hook: forwarded ? 'forward' : 'input',
      packet: {
        src: dst,
        dst: src,
        l4proto,
        icmpType: 'echo-reply',
        iif: out,
        oif: back,
        ctState: 'established',
      },
      what: `the answers from ${dst} to ${src}`,
      answers: true,
    },
  ];
}

function where(ref: FirewallRuleRef): string {
  return `${ref.table.family} ${ref.table.name} ${ref.chain.name}`;
}

function evidenceOf(ref: FirewallRuleRef) {
  return { source: ref.table.source, text: safeText(`${where(ref)}: ${ruleWords(ref)}`) };
}

/** The matches of a rule that netdoctor cannot read, in words. */
function unreadMatches(ref: FirewallRuleRef): string {
  const texts = (ref.rule?.matches ?? []).flatMap((m) => (m.kind === 'unknown' ? [m.text] : []));
  return texts.length > 0 ? texts.map((t) => `"${t}"`).join(', ') : 'its verdict';
}

function finding(leg: Leg, v: Exclude<PacketVerdict, { verdict: 'accept' }>): Finding {
  const by = v.by;
  const certain = v.verdict !== 'unknown';
  const verb = v.verdict === 'reject' ? 'rejects' : certain ? 'drops' : 'may drop';
  const whose = by.rule
    ? `a rule in ${where(by)}`
    : `the ${by.chain.policy ?? ''} policy of ${where(by)}`;
  const because = v.verdict === 'unknown' ? (v.because ?? by) : null;
  const state = leg.answers
    ? 'answers (conntrack state established)'
    : 'the first packet of a connection (state new)';
  const effect = leg.answers
    ? 'The other side answers, and this host throws the answers away'
    : leg.hook === 'forward'
      ? 'This host does not pass them on'
      : 'Nothing leaves this host';
  const what = by.rule
    ? `The rule "${by.rule.text}" in ${where(by)} ${certain ? 'matches them and' : 'may match them; if it does, it'} ${v.verdict === 'reject' ? 'rejects' : 'drops'} them.`
    : `No rule of ${where(by)} accepts them, so its drop policy does.`;
  const unsure =
    because === by
      ? `netdoctor does not read its match ${unreadMatches(by)}`
      : because
        ? `netdoctor does not read ${unreadMatches(because)} of "${because.rule?.text ?? 'the policy'}" in ${where(because)}, which comes first`
        : '';
  const doubt = because
    ? ` Whether it does cannot be told from the rules alone: ${unsure}; its counter, watched while a ping runs, tells.`
    : ` ${effect}: the path fails here, whatever the routes say.`;
  return {
    code: 'firewall-drops',
    severity: certain ? 'error' : 'info',
    title: safeText(`this host's firewall ${verb} ${leg.what}: ${whose}`),
    why: safeText(
      `On their way through this host, ${leg.what} cross the ${leg.hook} hook of its packet ` +
        `filter as ${state}. ${what}${doubt}`,
    ),
    evidence: [evidenceOf(by), ...(because && because !== by ? [evidenceOf(because)] : [])],
    fix: firewallFix(by, leg.packet, leg.answers, certain),
    subject: safeText(
      `${where(by)}${by.rule?.handle !== undefined ? ` handle ${by.rule.handle}` : ''}` +
        `${by.rule?.position !== undefined ? ` rule ${by.rule.position}` : ''}`,
    ),
  };
}

const DOCS: CodeDocs = {
  'firewall-drops': {
    title: "this host's own firewall drops the path's packets or their answers",
    severity: {
      error: "a rule, or a chain's drop policy, certainly matches the ping or its answer",
      info: 'a rule may match but uses a match netdoctor cannot read (a rate limit, a set it did not see), so it may or may not drop',
    },
    means:
      "On `doctor --to`, the request (output or forward hook) or its answer (input or forward) is walked through this host's nftables or iptables rules as a ping, and a rule that drops or rejects it, or a drop policy, is reached first.",
    matters:
      'The route is right and the next hop answers, yet the packets die here: nothing on the wire explains it, and a packet capture on the far side shows nothing arriving.',
    proof:
      "From the ruleset read by `nft -j list ruleset`, `iptables-save -c` and `ip6tables-save -c` (reading needs CAP_NET_ADMIN; a snapshot taken without it says so), walked hook by hook with the packet's addresses, interfaces and state. The rule is the evidence.",
    fix: "Delete the rule (`nft delete rule FAMILY TABLE CHAIN handle N`, `iptables -D CHAIN …`), or against a drop policy insert an accept rule first in the chain; make it permanent in the firewall's own configuration.",
    box: 'this host',
  },
};

export const firewallDropsRule: Rule = {
  id: 'firewall-drops',
  topic: 'path',
  codes: ['firewall-drops'],
  docs: DOCS,
  run: ({ host, path, probes }) => {
    const tables = host?.firewall?.tables;
    if (!host || !path || !tables || tables.length === 0) return [];
    // A ping from here that got its answer proves both of this host's legs pass: the
    // probe beats the model of the rules.
    const ping = probes?.ping;
    const proven = ping?.answered === true && ping.target === path.query.dst;
    return legs(host, path).flatMap((leg) => {
      if (proven && leg.hook !== 'forward') return [];
      const v = firewallVerdict(tables, leg.hook, leg.packet);
      return v.verdict === 'accept' ? [] : [finding(leg, v)];
    });
  },
};
