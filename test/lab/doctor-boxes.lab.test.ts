/**
 * The VPN return-route story seen from every box on the path (issue 17): the VPN client, the
 * LAN's gateway, the LAN host and the VPN server, each running netdoctor inside its own
 * namespace. Each says what it can prove from where it stands, names the box the fix belongs
 * on, and the fix applied on that box makes the path work and the finding go.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeLab } from './lab.js';
import { apply, codes, doctor, finding } from './doctor-json.js';
import { buildVpnStory, pings, removeEtc, type VpnStory } from './doctor-lab.js';
import type { Finding } from '../../src/diagnose/finding.js';

/** The one value a box cannot know from where it stands, filled in as the fix's note says. */
function fillIn(line: string, placeholder: RegExp, value: string): string {
  if (!placeholder.test(line)) throw new Error(`no placeholder in ${line}`);
  return line.replace(placeholder, value);
}

describeLab('doctor from every box: the VPN return route', (lab) => {
  let v: VpnStory;
  let isp = '';
  beforeAll(() => {
    v = buildVpnStory(lab);
    // The LAN's gateway has its own way out, to an ISP, as LAN gateways do.
    isp = lab.addHost('isp');
    lab.wire(v.r, 'eth1', isp, 'eth0');
    lab.ip(v.r, 'addr', 'add', '198.51.100.2/24', 'dev', 'eth1');
    lab.ip(v.r, 'route', 'add', 'default', 'via', '198.51.100.1');
    lab.ip(isp, 'addr', 'add', '198.51.100.1/24', 'dev', 'eth0');
    // The gateway's ICMP redirect would teach the LAN host a way to the VPN server that
    // outlives the gateway's route, and the tests delete that route: hardened, as servers are.
    lab.sysctl(v.l, 'net.ipv4.conf.all.accept_redirects', 0);
    lab.sysctl(v.l, 'net.ipv4.conf.eth0.accept_redirects', 0);
  });
  afterAll(() => removeEtc(v));

  it('from the VPN client: the probe fails, so an error names where answers stop and the box of the fix', () => {
    expect(pings(lab, v.c, '192.168.50.10')).toBe(false);
    const { code, json } = doctor(lab, v.c, ['--to', '192.168.50.10', '--probe']);
    expect(code).toBe(1);
    const f = finding(json, 'path-fails-beyond');
    expect(f.severity).toBe('error');
    // The walk ran and found the last box that answers: the VPN server's end.
    expect(json.probes?.outcomes.map((o) => [o.kind, o.answered])).toContainEqual(['trace', false]);
    expect(f.title).toContain('after 10.8.0.1');
    expect(f.box?.role).toBe('lan-gateway');
    expect(f.fix.join('\n')).toMatch(/ip route add 10\.8\.0\.0\/24 via </);
    // It says what to run on the VPN server to tell the causes apart.
    expect(f.why).toContain('on 10.8.0.1, run "netdoctor doctor --to 192.168.50.10 --probe"');
  });

  let fromServer: Finding;
  it('on the box it names (the VPN server), the probe proves the missing return route', () => {
    const { code, json } = doctor(lab, v.s, ['--to', '192.168.50.10', '--probe']);
    expect(code).toBe(1);
    fromServer = finding(json, 'return-route-missing');
    expect(fromServer.box).toMatchObject({ role: 'lan-gateway', address: '192.168.50.1' });
  });

  it("from the LAN's gateway: the route belongs on this box, and it works there", () => {
    const { code, json } = doctor(lab, v.r, ['--to', '10.8.0.6']);
    expect(json.role.gatewayOf.map((n) => n.cidr)).toEqual(['192.168.50.0/24']);
    const f = finding(json, 'private-via-default-gateway');
    // Without a probe it is a suspicion: a note, exit 0.
    expect([f.severity, code]).toEqual(['info', 0]);
    expect(f.box?.role).toBe('lan-gateway');
    expect(f.box?.words).toMatch(/^this host/);
    const route = f.fix.find((l) => l.startsWith('ip route add'));
    if (!route) throw new Error(`no route in ${JSON.stringify(f.fix)}`);
    expect(route).toMatch(/^ip route add 10\.8\.0\.0\/24 via <.*> dev eth0$/);
    // The VPN server's LAN address is the one value the gateway cannot know.
    apply(lab, v.r, fillIn(route, /<[^>]*>/, '192.168.50.5'));
    expect(pings(lab, v.c, '192.168.50.10')).toBe(true);
    expect(codes(doctor(lab, v.r, ['--to', '10.8.0.6']).json)).toEqual([]);
  });

  it('healthy now: the client, the server and the LAN host raise nothing above a note', () => {
    const client = doctor(lab, v.c, ['--to', '192.168.50.10', '--probe']);
    expect([client.code, codes(client.json)]).toEqual([0, []]);
    const server = doctor(lab, v.s, ['--to', '192.168.50.10', '--probe']);
    expect([server.code, codes(server.json)]).toEqual([0, []]);
    const host = doctor(lab, v.l, ['--to', '10.8.0.6']);
    expect(host.code).toBe(0);
    expect(host.json.findings.every((f) => f.severity === 'info')).toBe(true);
    // With the proof, not even the note.
    const probed = doctor(lab, v.l, ['--to', '10.8.0.6', '--probe']);
    expect([probed.code, codes(probed.json)]).toEqual([0, []]);
  });

  it('the best fix from the server works too: on the gateway it names', () => {
    lab.ip(v.r, 'route', 'del', '10.8.0.0/24');
    expect(pings(lab, v.c, '192.168.50.10')).toBe(false);
    const line = fromServer.fix.find((l) => l.startsWith('ip route add'));
    if (!line) throw new Error('no route in the fix');
    apply(lab, v.r, line);
    expect(pings(lab, v.c, '192.168.50.10')).toBe(true);
  });

  it('the LAN host drops the VPN in its firewall: the server names both causes, not one as fact', () => {
    lab.exec(v.l, ['iptables', '-A', 'INPUT', '-s', '10.8.0.0/24', '-j', 'DROP']);
    try {
      const { code, json } = doctor(lab, v.s, ['--to', '192.168.50.10', '--probe']);
      expect(code).toBe(1);
      const f = finding(json, 'return-route-missing');
      expect(f.title).toContain('or a firewall drops it');
      expect(f.why).toContain('nft list ruleset');
    } finally {
      lab.exec(v.l, ['iptables', '-D', 'INPUT', '-s', '10.8.0.0/24', '-j', 'DROP']);
    }
  });

  it('the LAN host rejects the VPN with a word: the server says a firewall, and where', () => {
    const rule = ['INPUT', '-s', '10.8.0.0/24', '-p', 'icmp', '-j', 'REJECT'];
    lab.exec(v.l, ['iptables', '-A', ...rule, '--reject-with', 'icmp-host-prohibited']);
    try {
      const { code, json } = doctor(lab, v.s, ['--to', '192.168.50.10', '--probe']);
      expect(code).toBe(1);
      const f = finding(json, 'return-route-missing');
      expect(f.title).toContain('a firewall there rejects 10.8.0.0/24');
      expect(f.box).toMatchObject({ role: 'destination', address: '192.168.50.10' });
    } finally {
      lab.exec(v.l, ['iptables', '-D', ...rule, '--reject-with', 'icmp-host-prohibited']);
    }
    expect(pings(lab, v.c, '192.168.50.10')).toBe(true);
  });
});
