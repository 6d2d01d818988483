/**
 * `gateway-kept-old-mac`: after the ARP repair, the gateway answers ARP but not a ping from
 * the moved address. Its echo reply travels on its neighbour entry for that address, so the
 * silence means the entry still names another MAC (a static entry, which no ARP changes, or
 * a device that ignores updates for a long locktime). Proven (error) when the gateway answers
 * the same ping from another address of this host; a suspicion (a note) when it does not, or
 * there is no other address to compare: a gateway that drops pings is silent too.
 */
import type { Finding, FixBox } from '../finding.js';
import type { CodeDocs, GarpCheckResult, PingProbeResult, Rule } from '../rule.js';

/** What to run on the gateway: forget the stale entry (static too), or rewrite it. */
export function gatewayNeighFix(c: GarpCheckResult): string[] {
  return [
    `# on the gateway ${c.gateway}:`,
    `ip neigh flush to ${c.ip} nud all`,
    `# or keep a static entry, now with this server's MAC (<interface>: the one 'ip neigh show ${c.ip}' names there):`,
    `ip neigh replace ${c.ip} lladdr ${c.mac} dev <interface> nud permanent`,
    `# a gateway that is not a Linux box: ask its owner to replace its ARP entry for ${c.ip} with ${c.mac}`,
    `# then, on this server: netdoctor garp ${c.ip} --yes`,
  ];
}

function evidence(c: GarpCheckResult): Finding['evidence'] {
  const ping = (p: PingProbeResult) => p.lines.map((text) => ({ source: p.command, text }));
  return [
    ...c.arpLines.map((text) => ({ source: c.arpCommand, text })),
    ...ping(c.echo),
    ...(c.control ? ping(c.control) : []),
  ];
}

function keptOldMac(c: GarpCheckResult): Finding {
  const box: FixBox = {
    role: 'lan-gateway',
    words: `the gateway ${c.gateway}`,
    address: c.gateway,
  };
  const proven = c.control?.answered === true;
  const arp = `${c.gateway} answers ARP (at ${c.gatewayMac}), so it is on ${c.iface}'s segment`;
  const entry = `Its echo replies to ${c.ip} leave at the MAC its neighbour entry for ${c.ip} holds, and none came back to ${c.mac}`;
  const cause =
    `A static (permanent) entry never changes by ARP and must be replaced by hand on the gateway; ` +
    `some routers also ignore ARP updates for minutes (a long locktime). ` +
    `Until it changes, clients behind ${c.gateway} get no answer from ${c.ip}: their packets go to the old server.`;
  if (proven && c.control) {
    return {
      code: 'gateway-kept-old-mac',
      severity: 'error',
      title: `the gateway ${c.gateway} kept the old MAC for ${c.ip}: it does not send ${c.ip}'s traffic to this server`,
      why:
        `netdoctor announced ${c.ip} at ${c.mac}, then pinged ${c.gateway} from ${c.ip}. ${arp}, and it answers the same ping from ${c.control.source ?? 'this host'}. ` +
        `${entry}: it still sends ${c.ip}'s traffic to another MAC, the old server's. ${cause}`,
      evidence: evidence(c),
      fix: gatewayNeighFix(c),
      box,
      subject: c.ip,
    };
  }
  const compare = c.control
    ? `it did not answer the same ping from ${c.control.source ?? 'this host'} either`
    : `this host has no other address on ${c.iface} to ping it from`;
  return {
    code: 'gateway-kept-old-mac',
    severity: 'info',
    title: `the gateway ${c.gateway} does not answer a ping from ${c.ip}: it may have kept the old MAC`,
    why:
      `netdoctor announced ${c.ip} at ${c.mac}, then pinged ${c.gateway} from ${c.ip}. ${arp}, but ${compare}, ` +
      `so netdoctor cannot tell a gateway that kept the old MAC from one that drops pings. ` +
      `On the gateway, 'ip neigh show ${c.ip}' tells: if it names a MAC other than ${c.mac}, fix it as below. ${cause}`,
    evidence: evidence(c),
    fix: gatewayNeighFix(c),
    box,
    subject: c.ip,
  };
}

const DOCS: CodeDocs = {
  'gateway-kept-old-mac': {
    title: 'after the ARP repair, the gateway still sends the moved address to the old MAC',
    severity: {
      error:
        'the gateway answers the same ping from another address of this host: only its entry for the moved address is wrong',
      info: 'the gateway answers no ping at all, or there is no other address to compare: it may simply drop pings',
    },
    means:
      'After `garp` announced the moved address, the gateway answers ARP but not a ping sourced from the moved address. Its echo reply travels on its neighbour entry for that address, so the silence means the entry still names another MAC.',
    matters:
      "Everything routed through the gateway to the moved address still goes to the old machine (or nowhere) until the gateway's entry expires, which a static entry or a long ARP locktime never does.",
    proof:
      'The ARP repair pings the gateway from the moved address (`ping -I ADDR GATEWAY`) after an ARP ping showed the gateway on the segment; a control ping from another address of the interface tells a silent gateway from a wrong entry.',
    fix: "Flush the gateway's entry for the address (`ip neigh flush to ADDR nud all` on a Linux gateway), or replace it with `ip neigh replace ADDR lladdr MAC dev IF nud permanent` when it must stay static; on an appliance, clear its ARP entry.",
    box: "the LAN's gateway",
  },
};

export const gatewayKeptOldMacRule: Rule = {
  id: 'gateway-kept-old-mac',
  topic: 'l2',
  codes: ['gateway-kept-old-mac'],
  docs: DOCS,
  run: (ctx) => {
    const check = ctx.probes?.garpCheck;
    return check && !check.echo.answered ? [keptOldMac(check)] : [];
  },
};
