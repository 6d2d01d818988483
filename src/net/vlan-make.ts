/**
 * `vlan --make PARENT ID ADDR/LEN`: the commands that make a VLAN interface and the files
 * that keep it over a reboot (ifupdown, systemd-networkd, netplan). Pure: it shows, it runs
 * nothing. Input is checked here so nothing odd reaches a command line or a file.
 */
import { parseCidr } from './cidr.js';

/** The kernel's IFNAMSIZ is 16 with the NUL: 15 characters at most. */
export const IFNAME_MAX = 15;

export interface VlanMakeRequest {
  readonly parent: string;
  readonly id: number;
  /** `A/LEN`, or null to make the VLAN without an address. */
  readonly address: string | null;
}

export interface VlanPlan {
  readonly name: string;
  readonly parent: string;
  readonly id: number;
  readonly address: string | null;
  readonly commands: readonly string[];
  /** Each persistent form: its file and the text to put in it. */
  readonly persistent: readonly {
    readonly tool: string;
    readonly file: string;
    readonly text: string;
  }[];
}

/** A name the kernel accepts (dev_valid_name): no '/', ':' or whitespace, not '.' or '..'. */
export function validIfname(name: string): boolean {
  return (
    name.length > 0 &&
    name.length <= IFNAME_MAX &&
    name !== '.' &&
    name !== '..' &&
    /^[A-Za-z0-9_.@+-]+$/.test(name)
  );
}

/** The reason a request is refused, in one line; null when it is good. */
export function checkVlanRequest(
  parent: string,
  idText: string,
  address: string | null,
): string | null {
  if (!validIfname(parent)) return `'${parent}' is not an interface name`;
  if (!/^\d{1,5}$/.test(idText)) return `VLAN ID '${idText}' is not a number`;
  const id = Number(idText);
  if (id < 1 || id > 4094) {
    return `VLAN ID ${id} is outside 1-4094 (0 means priority-tagged, no VLAN; 4095 is reserved)`;
  }
  const name = `${parent}.${id}`;
  if (name.length > IFNAME_MAX) {
    return `the VLAN's name ${name} would be ${name.length} characters; interface names hold ${IFNAME_MAX} (IFNAMSIZ): rename ${parent} or pick a shorter name with 'ip link add link ${parent} name NAME type vlan id ${id}'`;
  }
  if (address !== null) {
    const cidr = address.includes('/') ? parseCidr(address) : null;
    if (!cidr) return `'${address}' is not an address with a prefix length (like 10.0.0.2/24)`;
  }
  return null;
}

/** The plan for a request that passed checkVlanRequest. */
export function vlanPlan(req: VlanMakeRequest): VlanPlan {
  const name = `${req.parent}.${req.id}`;
  const commands = [
    `ip link add link ${req.parent} name ${name} type vlan id ${req.id}`,
    ...(req.address ? [`ip addr add ${req.address} dev ${name}`] : []),
    `ip link set ${name} up`,
  ];
  const v6 = req.address?.includes(':') ?? false;
  const ifupdown = [
    `auto ${name}`,
    req.address ? `iface ${name} ${v6 ? 'inet6' : 'inet'} static` : `iface ${name} inet manual`,
    ...(req.address ? [`    address ${req.address}`] : []),
    `    vlan-raw-device ${req.parent}`,
    '',
  ].join('\n');
  const netdev = ['[NetDev]', `Name=${name}`, 'Kind=vlan', '', '[VLAN]', `Id=${req.id}`, ''].join(
    '\n',
  );
  const vlanNetwork = [
    '[Match]',
    `Name=${name}`,
    '',
    '[Network]',
    ...(req.address ? [`Address=${req.address}`] : ['LinkLocalAddressing=no']),
    '',
  ].join('\n');
  const parentNetwork = ['[Match]', `Name=${req.parent}`, '', '[Network]', `VLAN=${name}`, ''].join(
    '\n',
  );
  const netplan = [
    'network:',
    '  version: 2',
    '  ethernets:',
    `    ${req.parent}: {}`,
    '  vlans:',
    `    ${name}:`,
    `      id: ${req.id}`,
    `      link: ${req.parent}`,
    ...(req.address ? [`      addresses: [${req.address}]`] : []),
    '',
  ].join('\n');
  return {
    name,
    parent: req.parent,
    id: req.id,
    address: req.address,
    commands,
    persistent: [
      {
        tool: 'ifupdown (needs the vlan package)',
        file: `/etc/network/interfaces.d/${name}`,
        text: ifupdown,
      },
      { tool: 'systemd-networkd', file: `/etc/systemd/network/${name}.netdev`, text: netdev },
      { tool: 'systemd-networkd', file: `/etc/systemd/network/${name}.network`, text: vlanNetwork },
      {
        tool: "systemd-networkd (add VLAN= to the parent's existing .network file)",
        file: `/etc/systemd/network/${req.parent}.network`,
        text: parentNetwork,
      },
      {
        tool: 'netplan (then: netplan apply)',
        file: `/etc/netplan/60-${name}.yaml`,
        text: netplan,
      },
    ],
  };
}
