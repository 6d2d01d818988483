/**
 * ipv6-ra-ignored (host): IPv6 forwarding is on for an interface whose address or default
 * route came from a router advertisement, and its accept_ra is 1. A forwarding interface is a
 * router's, and a router ignores router advertisements unless accept_ra is 2: the address
 * and the default route it took by SLAAC are never renewed and go when their lifetime ends.
 * The classic trap of turning a host into a router.
 */
import type { Evidence, Finding } from '../finding.js';
import type { CodeDocs, Rule } from '../rule.js';
import type { HostState } from '../../state/host-state.js';
import { IP_SOURCES, commandKey, ipv6SysctlPath } from '../../snapshot/sources.js';
import { routeEvidence } from '../../net/role-evidence.js';
import { safeText } from '../../text/safe.js';

/** What this interface learnt from router advertisements: dynamic addresses, `proto ra` routes. */
function learntFromRa(host: HostState, ifname: string): Evidence[] {
  const iface = host.interfaces.find((i) => i.name === ifname);
  const addresses = (iface?.addresses ?? [])
    .filter((a) => a.family === 'inet6' && a.scope === 'global' && a.flags.includes('dynamic'))
    .map((a) => ({
      source: commandKey(IP_SOURCES.addr),
      text: safeText(`${ifname}: inet6 ${a.local}/${a.prefixlen} ${a.flags.join(' ')}`),
    }));
  const routes = host.routes
    .filter((r) => r.family === 'inet6' && r.dev === ifname && r.protocol === 'ra')
    .map(routeEvidence);
  return [...addresses, ...routes];
}

const DOCS: CodeDocs = {
  'ipv6-ra-ignored': {
    title:
      'IPv6 forwarding is on where the address came from router advertisements, with accept_ra 1',
    severity: {
      warning: 'always: nothing is broken yet, it breaks when the advertised lifetimes end',
    },
    means:
      "An interface forwards IPv6 (forwarding = 1) and its address or default route came from a router advertisement (SLAAC), while its accept_ra is 1. A forwarding interface is a router's, and a router ignores advertisements unless accept_ra is 2.",
    matters:
      'The address and the default route taken by SLAAC are never renewed and disappear when their lifetime ends: IPv6 stops hours or days after forwarding was turned on, the classic trap of turning a host into a router.',
    proof:
      'From /proc/sys/net/ipv6/conf/IF/{forwarding,accept_ra} and the addresses and routes of that interface whose protocol is `ra` (`ip -6 route`, `ip -6 addr`).',
    fix: '`sysctl -w net.ipv6.conf.IF.accept_ra=2`, kept in /etc/sysctl.d/, or give the interface a static address and default route.',
    box: 'this host',
  },
};

export const ipv6RaIgnoredRule: Rule = {
  id: 'ipv6-ra-ignored',
  topic: 'host',
  codes: ['ipv6-ra-ignored'],
  docs: DOCS,
  run: ({ host }) => {
    const v6 = host?.sysctls.ipv6Interfaces;
    if (!host || !v6) return [];
    const findings: Finding[] = [];
    for (const [ifname, values] of Object.entries(v6)) {
      if (ifname === 'all' || ifname === 'default' || ifname === 'lo') continue;
      if (values.forwarding !== 1 || values.accept_ra !== 1) continue;
      const learnt = learntFromRa(host, ifname);
      if (learnt.length === 0) continue;
      findings.push({
        code: 'ipv6-ra-ignored',
        severity: 'warning',
        title: safeText(
          `${ifname} forwards IPv6 and took its address or route from router advertisements, which it now ignores (accept_ra = 1)`,
        ),
        why: safeText(
          `With IPv6 forwarding on, ${ifname} counts as a router's interface, and the kernel ` +
            `ignores router advertisements on it unless accept_ra is 2. What it learnt from them ` +
            `(the addresses and routes below) is no longer renewed: when their lifetime runs ` +
            `out, ${ifname} loses its address and this host its default route, and every path ` +
            `through it breaks, hours after forwarding was switched on.`,
        ),
        evidence: [
          { source: ipv6SysctlPath(ifname, 'forwarding'), text: '1' },
          { source: ipv6SysctlPath(ifname, 'accept_ra'), text: '1' },
          ...learnt,
        ],
        fix: [
          `sysctl -w net.ipv6.conf.${ifname}.accept_ra=2`,
          '# and to keep it after a reboot:',
          `echo 'net.ipv6.conf.${ifname}.accept_ra = 2' > /etc/sysctl.d/90-accept-ra.conf`,
        ],
        subject: safeText(ifname),
      });
    }
    return findings;
  },
};
