/**
 * The stories of `netdoctor path`, in namespaces: the seed's VPN story (client, VPN server,
 * LAN host, LAN gateway; doctor-lab.ts builds it), the three VPCs joined by their routers
 * on one private network, and the Linux router that proxies ARP for a VM. Each box is
 * snapshotted inside its namespace (`netdoctor snapshot -o`), named as a user would name
 * the file. RFC 1918 and documentation addresses live only inside these namespaces.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Lab } from './lab.js';
import { netdoctor } from './doctor-lab.js';

export interface VpcStory {
  /** Routers vpc1..3 on 172.16.0.0/24 (.11, .12, .13); hosts h2 10.2.1.10 and h3 10.3.1.10. */
  readonly vpc1: string;
  readonly vpc2: string;
  readonly vpc3: string;
  readonly h2: string;
  readonly h3: string;
}

/** examples/plans/three-vpcs-broken.yaml built for real: vpc3 has no route to vpc2. */
export function buildVpcStory(lab: Lab): VpcStory {
  const sw = lab.addSwitch('priv');
  const routers = [1, 2, 3].map((n) => {
    const ns = lab.addHost(`vpc${n}`);
    lab.plug(ns, 'eth0', sw);
    lab.ip(ns, 'addr', 'add', `172.16.0.1${n}/24`, 'dev', 'eth0');
    lab.sysctl(ns, 'net.ipv4.ip_forward', 1);
    return ns;
  });
  const [vpc1, vpc2, vpc3] = routers as [string, string, string];
  const host = (n: number, router: string) => {
    const ns = lab.addHost(`h${n}`);
    lab.wire(router, 'eth1', ns, 'eth0');
    lab.ip(router, 'addr', 'add', `10.${n}.1.1/24`, 'dev', 'eth1');
    lab.ip(ns, 'addr', 'add', `10.${n}.1.10/24`, 'dev', 'eth0');
    lab.ip(ns, 'route', 'add', 'default', 'via', `10.${n}.1.1`);
    return ns;
  };
  const h2 = host(2, vpc2);
  const h3 = host(3, vpc3);
  lab.ip(vpc1, 'route', 'add', '10.2.0.0/16', 'via', '172.16.0.12');
  lab.ip(vpc1, 'route', 'add', '10.3.0.0/16', 'via', '172.16.0.13');
  lab.ip(vpc2, 'route', 'add', '10.1.0.0/16', 'via', '172.16.0.11');
  lab.ip(vpc2, 'route', 'add', '10.3.0.0/16', 'via', '172.16.0.13');
  lab.ip(vpc3, 'route', 'add', '10.1.0.0/16', 'via', '172.16.0.11');
  return { vpc1, vpc2, vpc3, h2, h3 };
}

/** `netdoctor snapshot -o DIR/NAME.json` inside each namespace; returns the files. */
export function snapshotEach(
  lab: Lab,
  dir: string,
  boxes: Readonly<Record<string, string>>,
): string[] {
  mkdirSync(dir, { recursive: true });
  return Object.entries(boxes).map(([name, ns]) => {
    const file = join(dir, `${name}.json`);
    const r = netdoctor(lab, ns, ['snapshot', '-o', file]);
    if (r.status !== 0) throw new Error(`snapshot of ${name} in ${ns}: ${r.stderr}`);
    return file;
  });
}
