import { describe, expect, it } from 'vitest';
import { ROUTER, ROUTER_NO_PROXY_ARP, VPN_SERVER, labHost } from '../../../test/doctor/load.js';
import { proxyArpNeededRule } from './proxy-arp-needed.js';

describe('proxy-arp-needed', () => {
  it('names the interface, the carved addresses and the sysctl', () => {
    const [f, ...rest] = proxyArpNeededRule.run({ host: labHost(ROUTER_NO_PROXY_ARP) });
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ code: 'proxy-arp-needed', severity: 'error', subject: 'eth0' });
    expect(f?.fix[0]).toBe('sysctl -w net.ipv4.conf.eth0.proxy_arp=1');
    expect(f?.evidence.map((e) => e.source)).toContain('/proc/sys/net/ipv4/conf/eth0/proxy_arp');
  });

  it.each([ROUTER, VPN_SERVER])('quiet when proxy ARP is on or nothing is carved (%s)', (p) => {
    expect(proxyArpNeededRule.run({ host: labHost(p) })).toEqual([]);
  });
});
