/**
 * `vlan-alias-confusion`: an address label `PARENT:N` where N reads as a VLAN ID and the
 * parent has no VLAN N. The ':' makes an alias address on the untagged parent; a VLAN is
 * `PARENT.N`, a device of its own that tags frames. `eth0:web` is a label, not a mistake.
 */
import type { Finding } from '../finding.js';
import type { CodeDocs, DiagnoseContext, Rule } from '../rule.js';
import type { AddressRecord } from '../../parse/ip-addr.js';
import { vlanLinks } from '../../net/vlan.js';
import { addressEvidence } from './vlan-evidence.js';

function run(ctx: DiagnoseContext): Finding[] {
  const host = ctx.host;
  if (!host) return [];
  const vlans = vlanLinks(host);
  const byLabel = new Map<string, { ifname: string; n: number; addrs: AddressRecord[] }>();
  for (const a of host.interfaces.flatMap((i) => i.addresses)) {
    if (a.label === null || !a.label.startsWith(`${a.ifname}:`)) continue;
    const tail = a.label.slice(a.ifname.length + 1);
    if (!/^\d{1,4}$/.test(tail)) continue;
    const n = Number(tail);
    if (n < 1 || n > 4094) continue;
    if (vlans.some((v) => v.parent === a.ifname && v.id === n)) continue;
    const entry = byLabel.get(a.label) ?? { ifname: a.ifname, n, addrs: [] };
    entry.addrs.push(a);
    byLabel.set(a.label, entry);
  }
  return [...byLabel.entries()].map(([label, { ifname, n, addrs }]) => {
    const vlan = `${ifname}.${n}`;
    return {
      code: 'vlan-alias-confusion',
      severity: 'warning',
      title: `${label} is an alias address on untagged ${ifname}, not VLAN ${n}`,
      why:
        `The label ${label} has a ':', which makes an alias: one more address on ${ifname} itself, ` +
        `sent and received in untagged frames on the parent's LAN. VLAN ${n} would be ${vlan} (a '.'), ` +
        `its own interface that puts tag ${n} on every frame, and ${ifname} has none. If the switch ` +
        `or cloud carries this network as VLAN ${n}, these addresses are on the wrong LAN and nothing ` +
        `answers them; if an alias was meant, a name like ${ifname}:web avoids the doubt.`,
      evidence: addrs.map(addressEvidence),
      fix: [
        ...addrs.map((a) => `ip addr del ${a.local}/${a.prefixlen} dev ${ifname} label ${label}`),
        `ip link add link ${ifname} name ${vlan} type vlan id ${n}`,
        ...addrs.map((a) => `ip addr add ${a.local}/${a.prefixlen} dev ${vlan}`),
        `ip link set ${vlan} up`,
      ],
      subject: label,
    };
  });
}

const DOCS: CodeDocs = {
  'vlan-alias-confusion': {
    title: 'an address label PARENT:N looks like VLAN N, but it is an untagged alias',
    severity: { warning: 'always' },
    means:
      'An address label `PARENT:N` where N reads as a VLAN ID and the parent has no VLAN N. The colon makes an alias address on the untagged parent; a VLAN is `PARENT.N`, a device of its own that tags frames.',
    matters:
      'Whoever configured it expects tagged VLAN traffic; the switch port sees untagged frames and puts them in the native VLAN.',
    proof:
      'From the address labels of `ip -j addr` and the VLAN devices of `ip -d link` and /proc/net/vlan. `eth0:web` is a label, not a mistake.',
    fix: 'Make the VLAN (`ip link add link PARENT name PARENT.N type vlan id N`, with the address on it) and remove the alias, if a VLAN was meant (`netdoctor vlan --make PARENT N ADDR/LEN`).',
    box: 'this host',
  },
};

export const vlanAliasRule: Rule = {
  id: 'vlan-alias',
  topic: 'vlan',
  codes: ['vlan-alias-confusion'],
  docs: DOCS,
  run,
};
