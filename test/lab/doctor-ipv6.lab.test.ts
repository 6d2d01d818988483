/**
 * The Doctor on IPv6 (issue 17): a path whose far router has no route back is proven broken
 * by the probes (ping -6 and the walk), never "no problems found"; and the router trap of
 * IPv6 forwarding with accept_ra = 1, fixed by netdoctor's own command.
 */
import { beforeAll, expect, it } from 'vitest';
import { describeLab, type Lab } from './lab.js';
import { fixArgv } from './doctor-lab.js';
import { codes, doctor, finding } from './doctor-json.js';

function ping6(lab: Lab, ns: string, dest: string): boolean {
  return lab.exec(ns, ['ping', '-n', '-c', '2', '-i', '0.2', '-W', '1', dest]).status === 0;
}

/** An address without duplicate address detection, usable at once. */
function addr6(lab: Lab, ns: string, cidr: string, dev: string): void {
  lab.ip(ns, '-6', 'addr', 'add', cidr, 'dev', dev, 'nodad');
}

describeLab('doctor on IPv6: a far router with no route back', (lab) => {
  let a = '';
  let r1 = '';
  let r2 = '';
  beforeAll(() => {
    a = lab.addHost('a6');
    r1 = lab.addHost('r16');
    r2 = lab.addHost('r26');
    const b = lab.addHost('b6');
    lab.wire(a, 'eth0', r1, 'eth0');
    lab.wire(r1, 'eth1', r2, 'eth0');
    lab.wire(r2, 'eth1', b, 'eth0');
    addr6(lab, a, 'fd01::10/64', 'eth0');
    // A static route for the far LAN, as a branch office has for the head office's.
    lab.ip(a, '-6', 'route', 'add', 'fd02::/64', 'via', 'fd01::1');
    addr6(lab, r1, 'fd01::1/64', 'eth0');
    addr6(lab, r1, 'fd12::1/64', 'eth1');
    lab.ip(r1, '-6', 'route', 'add', 'fd02::/64', 'via', 'fd12::2');
    lab.sysctl(r1, 'net.ipv6.conf.all.forwarding', 1);
    addr6(lab, r2, 'fd12::2/64', 'eth0');
    addr6(lab, r2, 'fd02::1/64', 'eth1');
    lab.sysctl(r2, 'net.ipv6.conf.all.forwarding', 1);
    addr6(lab, b, 'fd02::10/64', 'eth0');
    lab.ip(b, '-6', 'route', 'add', 'default', 'via', 'fd02::1');
  });

  it('from the far end the probes prove it: an error, exit 1, where answers stop', () => {
    expect(ping6(lab, a, 'fd02::10')).toBe(false);
    const { code, json } = doctor(lab, a, ['--to', 'fd02::10', '--probe']);
    expect(code).toBe(1);
    const f = finding(json, 'path-fails-beyond');
    expect(f.title).toContain('after fd01::1');
    expect(f.box?.role).toBe('lan-gateway');
    expect(f.fix.join('\n')).toContain('ip route add fd01::/64 via <');
  });

  it('the route back on the gateway of that LAN, as the fix says: the path works, nothing raised', () => {
    const { json } = doctor(lab, a, ['--to', 'fd02::10', '--probe']);
    const line = finding(json, 'path-fails-beyond').fix.find((l) => l.startsWith('ip route add'));
    if (!line) throw new Error('no route in the fix');
    // The one value the far end cannot know: r1's address on the link towards r2.
    lab.exec(r2, fixArgv(line.replace(/<[^>]*>/, 'fd12::1')));
    expect(ping6(lab, a, 'fd02::10')).toBe(true);
    const after = doctor(lab, a, ['--to', 'fd02::10', '--probe']);
    expect([after.code, codes(after.json)]).toEqual([0, []]);
  });
});

describeLab('doctor on IPv6: forwarding switched on where SLAAC configured the host', (lab) => {
  let h = '';
  beforeAll(() => {
    h = lab.addHost('ra6');
    const peer = lab.addHost('up6');
    lab.wire(h, 'eth0', peer, 'eth0');
    // What SLAAC leaves: an address with lifetimes and a default route `proto ra`.
    lab.ip(
      h,
      '-6',
      'addr',
      'add',
      'fd00:aa::5/64',
      'dev',
      'eth0',
      'nodad',
      'valid_lft',
      '1800',
      'preferred_lft',
      '900',
    );
    lab.ip(h, '-6', 'route', 'add', 'default', 'via', 'fe80::1', 'dev', 'eth0', 'proto', 'ra');
    lab.sysctl(h, 'net.ipv6.conf.eth0.accept_ra', 1);
    lab.sysctl(h, 'net.ipv6.conf.all.forwarding', 1);
  });

  it('ipv6-ra-ignored, fixed by its own command; the finding goes', () => {
    const { code, json } = doctor(lab, h, []);
    expect(code).toBe(0); // a warning: nothing is broken until the lifetimes run out
    const f = finding(json, 'ipv6-ra-ignored');
    expect(f.subject).toBe('eth0');
    const cmd = f.fix.find((l) => l.startsWith('sysctl -w'));
    if (!cmd) throw new Error('no sysctl in the fix');
    expect(lab.exec(h, fixArgv(cmd)).status).toBe(0);
    expect(codes(doctor(lab, h, []).json)).not.toContain('ipv6-ra-ignored');
  });

  it('a router with static addresses raises nothing', () => {
    lab.sysctl(h, 'net.ipv6.conf.eth0.accept_ra', 1);
    lab.ip(h, '-6', 'addr', 'del', 'fd00:aa::5/64', 'dev', 'eth0');
    lab.ip(h, '-6', 'route', 'del', 'default', 'via', 'fe80::1', 'dev', 'eth0');
    addr6(lab, h, 'fd00:aa::5/64', 'eth0');
    expect(codes(doctor(lab, h, []).json)).not.toContain('ipv6-ra-ignored');
  });
});
