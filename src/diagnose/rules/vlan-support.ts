/**
 * `vlan-support-missing`: VLANs are asked about, or the host is set up as if it had some,
 * and the kernel has no 802.1Q support loaded (no /proc/net/vlan). Quiet when the snapshot
 * never read /proc/net/vlan: not knowing is not a finding.
 */
import type { Finding } from '../finding.js';
import type { CodeDocs, DiagnoseContext, Rule } from '../rule.js';
import type { HostState } from '../../state/host-state.js';
import { VLAN_CONFIG } from '../../snapshot/sources.js';
import { addressEvidence, linkEvidence } from './vlan-evidence.js';
import type { Evidence } from '../finding.js';

/** Interfaces named `PARENT.N` and address labels `PARENT:N` (N a VLAN ID) of real parents. */
function vlanLike(host: HostState): { names: Evidence[]; labels: Evidence[] } {
  const names = new Set(host.interfaces.map((i) => i.name));
  const looksLike = (text: string, sep: string) => {
    const at = text.lastIndexOf(sep);
    if (at <= 0) return false;
    const n = text.slice(at + 1);
    return (
      names.has(text.slice(0, at)) && /^\d{1,4}$/.test(n) && Number(n) >= 1 && Number(n) <= 4094
    );
  };
  return {
    names: host.interfaces.filter((i) => looksLike(i.name, '.')).map(linkEvidence),
    labels: host.interfaces
      .flatMap((i) => i.addresses)
      .filter((a) => a.label !== null && looksLike(a.label, ':'))
      .map(addressEvidence),
  };
}

function run(ctx: DiagnoseContext): Finding[] {
  const host = ctx.host;
  if (!host || host.vlanProc.status !== 'absent') return [];
  const like = vlanLike(host);
  const likeVlans = [...like.names, ...like.labels];
  const asked = ctx.asked?.includes('vlan') ?? false;
  if (!asked && likeVlans.length === 0) return [];
  return [
    {
      code: 'vlan-support-missing',
      // An interface named PARENT.N on a kernel without 8021q: a VLAN was meant and cannot
      // exist here. An alias label (eth0:1) alone is common and harmless: only a warning.
      severity: like.names.length > 0 ? 'error' : 'warning',
      title: 'no 802.1Q VLAN support loaded: the 8021q module is not in the kernel',
      why:
        'There is no /proc/net/vlan, so the 8021q module is not loaded and this host has no VLAN ' +
        'interfaces: nothing here puts a VLAN tag on a frame or takes one off. A VLAN interface ' +
        "(the '.' in eth1.1234) is what sends tagged frames into VLAN 1234; without 8021q, " +
        "'ip link add link eth1 name eth1.1234 type vlan id 1234' fails unless the kernel can load " +
        'the module, and tagged frames that arrive on the parent are dropped. Load the module ' +
        'now, and list it in /etc/modules-load.d/ so it is loaded again after a reboot.' +
        (likeVlans.length > 0
          ? " Interfaces or address labels here are named like VLANs, but none of them is one: a ':' " +
            'label is an alias address on the untagged parent, and a name with a dot is only a name.'
          : ''),
      evidence: [
        {
          source: VLAN_CONFIG,
          text: `${host.vlanProc.error ?? 'ENOENT'}: /proc/net/vlan does not exist`,
        },
        ...likeVlans,
      ],
      fix: ['modprobe 8021q', 'echo 8021q > /etc/modules-load.d/8021q.conf'],
      subject: '8021q',
    },
  ];
}

const DOCS: CodeDocs = {
  'vlan-support-missing': {
    title: 'no 802.1Q VLAN support loaded: the 8021q module is not in the kernel',
    severity: {
      error: 'an interface is named PARENT.N: a VLAN was meant and cannot exist here',
      warning: 'VLANs were asked about, or only alias labels look like VLANs',
    },
    means:
      'There is no /proc/net/vlan, so the 8021q module is not loaded and this host has no VLAN interfaces.',
    matters:
      'Nothing here tags frames or takes tags off: traffic meant for a VLAN goes out untagged, into the native VLAN.',
    proof:
      'From the snapshot\'s read of /proc/net/vlan (absent is recorded, so "no 8021q" and "not collected" are told apart). Quiet when it was never read.',
    fix: '`modprobe 8021q`, and `8021q` in /etc/modules-load.d/8021q.conf to keep it.',
    box: 'this host',
  },
};

export const vlanSupportRule: Rule = {
  id: 'vlan-support',
  topic: 'vlan',
  codes: ['vlan-support-missing'],
  docs: DOCS,
  run,
};
