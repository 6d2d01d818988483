import { describe, expect, it } from 'vitest';
import { ROUTER, ROUTER_NO_PROXY_ARP, VPN_SERVER, labHost } from '../../../test/doctor/load.js';
import { proxyArpNeededRule } from './proxy-arp-needed.js';

const CONNECTED_ROUTER = 'findings/proxy-arp-needed/raise/connected-subnet-router';
const CONNECTED_ROUTER_FIXED = 'findings/proxy-arp-needed/clear/connected-subnet-router-fixed';

describe('proxy-arp-needed', () => {
  it('names the interface, the carved addresses and the sysctl', () => {
    const [f, ...rest] = proxyArpNeededRule.run({ host: labHost(ROUTER_NO_PROXY_ARP) });
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ code: 'proxy-arp-needed', severity: 'error', subject: 'eth0' });
    expect(f?.fix[0]).toBe('sysctl -w net.ipv4.conf.eth0.proxy_arp=1');
    expect(f?.evidence.map((e) => e.source)).toContain('/proc/sys/net/ipv4/conf/eth0/proxy_arp');
  });

  it('a connected /26 carved out of the upstream /24: asks for an address of the /26 that is not ours', () => {
    const [f, ...rest] = proxyArpNeededRule.run({ host: labHost(CONNECTED_ROUTER) });
    expect(rest).toEqual([]);
    expect(f?.title).toBe(
      '192.0.2.64/26 is routed out of eth1 but lies in 192.0.2.0/24 on eth0: turn on proxy ARP on eth0',
    );
    expect(f?.why).toContain('"who has 192.0.2.66?"');
    expect(f?.evidence.map((e) => e.text)).toContain(
      '192.0.2.64/26 dev eth1 proto kernel scope link src 192.0.2.65',
    );
  });

  it.each([ROUTER, VPN_SERVER, CONNECTED_ROUTER_FIXED])(
    'quiet when proxy ARP is on or nothing is carved (%s)',
    (p) => {
      expect(proxyArpNeededRule.run({ host: labHost(p) })).toEqual([]);
    },
  );
});
