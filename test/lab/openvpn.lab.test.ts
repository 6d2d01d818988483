/**
 * OpenVPN end to end, with a real openvpn in namespaces: a snapshot of a box with inline
 * keys holds none of them; a site behind a client that the server routes without an
 * iroute; a client whose server lies inside a pushed route. Each story runs netdoctor on
 * the box the trouble is on, applies netdoctor's own fix, and shows the path works and the
 * finding is gone.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeLab, type Lab } from './lab.js';
import { fixArgv, netdoctor, pings } from './doctor-lab.js';
import {
  OpenVpnDaemons,
  buildIrouteStory,
  buildRemoteStory,
  makePki,
  newEtc,
  removeEtcMade,
  writeNetnsFile,
  type EtcMade,
  type IrouteStory,
  type Pki,
  type RemoteStory,
} from './openvpn-lab.js';
import { KEY_LINE } from '../openvpn/key-line.js';
import type { Finding } from '../../src/diagnose/finding.js';

interface DoctorJson {
  readonly findings: Finding[];
  readonly role: { vpnClient: boolean; vpnServer: boolean; router: boolean };
}

function doctor(lab: Lab, ns: string): { code: number | null; json: DoctorJson } {
  const r = netdoctor(lab, ns, ['doctor', '--json']);
  if (r.status === 2) throw new Error(`doctor failed: ${r.stderr}`);
  return { code: r.status, json: JSON.parse(r.stdout) as DoctorJson };
}

function finding(j: DoctorJson, code: string): Finding {
  const f = j.findings.find((x) => x.code === code);
  if (!f) throw new Error(`no ${code} in ${JSON.stringify(j.findings.map((x) => x.code))}`);
  return f;
}

function apply(lab: Lab, ns: string, line: string): void {
  const r = lab.exec(ns, fixArgv(line));
  if (r.status !== 0) throw new Error(`${line}: ${r.stderr}`);
}

describeLab('openvpn: a site behind a client, routed by the server without an iroute', (lab) => {
  let etc: EtcMade;
  let pki: Pki;
  let v: IrouteStory;
  let vpn: OpenVpnDaemons;
  let out: string;
  beforeAll(async () => {
    etc = newEtc();
    pki = makePki(['site1']);
    v = buildIrouteStory(lab, etc, pki, 'site1');
    vpn = new OpenVpnDaemons(lab);
    out = mkdtempSync(join(tmpdir(), 'nd-ovpn-snap-'));
    await vpn.connect(
      { ns: v.s, config: v.serverConfig },
      { ns: v.c, config: '/etc/openvpn/client/site.conf' },
    );
  }, 60_000);
  afterAll(() => {
    vpn.dispose();
    removeEtcMade(etc);
    rmSync(out, { recursive: true, force: true });
  });

  it('a snapshot of the server (every key inline in its config) holds no key, and is 0600', () => {
    const file = join(out, 'server.snapshot.json');
    const r = netdoctor(lab, v.s, ['snapshot', '-o', file]);
    expect(r.status, r.stderr).toBe(0);
    const text = readFileSync(file, 'utf8');
    const sources = (JSON.parse(text) as { sources: Record<string, { stdout: string }> }).sources;
    const config = sources['/etc/openvpn/server.conf']?.stdout;
    // The config is there, its keys are not: a marker stands where each block was.
    expect(config).toContain('route 192.168.77.0 255.255.255.0');
    expect(config).toMatch(/<key>\n\[netdoctor removed the private key: \d+ lines\]\n<\/key>/);
    for (const [key, record] of Object.entries(sources)) {
      expect(record.stdout, key).not.toMatch(KEY_LINE);
    }
    expect(text).not.toContain('PRIVATE KEY');
    expect(text).not.toContain('BEGIN OpenVPN Static key');
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('the tunnel is up, but the site behind the client is not reached', () => {
    expect(pings(lab, v.s, '10.8.0.2')).toBe(true);
    expect(pings(lab, v.s, v.siteHost)).toBe(false);
  });

  it('the site router itself is a VPN client, not "router and VPN server"', () => {
    const { json } = doctor(lab, v.c);
    expect(json.role).toMatchObject({ vpnClient: true, vpnServer: false, router: true });
  });

  let missing: Finding;
  it('from the VPN server: openvpn-iroute-missing, an error, fixed on this box', () => {
    const { code, json } = doctor(lab, v.s);
    expect(code).toBe(1);
    missing = finding(json, 'openvpn-iroute-missing');
    expect(missing.severity).toBe('error');
    expect(missing.subject).toBe(v.site);
    expect(missing.box?.role).toBe('vpn-server');
    expect(missing.fix).toContain('mkdir -p /etc/openvpn/ccd');
    expect(missing.fix).toContain(
      '# add this line to /etc/openvpn/server.conf: client-config-dir /etc/openvpn/ccd',
    );
  });

  it('applying the fix (the directory, the config line, the iroute file) makes the site reachable', async () => {
    apply(lab, v.s, missing.fix[0] ?? '');
    const configLine = /^# add this line to (\S+): (.*)$/.exec(missing.fix[1] ?? '');
    const irouteLine = /^# in (\S+)\/CLIENT add the line: (iroute .*)$/.exec(missing.fix[2] ?? '');
    expect(configLine?.[1]).toBe(v.serverConfig);
    expect(irouteLine?.[2]).toBe('iroute 192.168.77.0 255.255.255.0');
    const serverConfig = readFileSync(`/etc/netns/${v.s}/openvpn/server.conf`, 'utf8');
    writeNetnsFile(etc, v.s, 'server.conf', `${configLine?.[2] ?? ''}\n${serverConfig}`);
    // CLIENT is the client's common name: the lab knows it, the fix said how to find it.
    const ccd = (irouteLine?.[1] ?? '').replace(/^\/etc\/openvpn\//, '');
    writeNetnsFile(etc, v.s, `${ccd}/${v.clientName}`, `${irouteLine?.[2] ?? ''}\n`);
    vpn.stopAll();
    await vpn.connect(
      { ns: v.s, config: v.serverConfig },
      { ns: v.c, config: '/etc/openvpn/client/site.conf' },
    );
    expect(pings(lab, v.s, v.siteHost)).toBe(true);
    const { json } = doctor(lab, v.s);
    expect(json.findings.map((f) => f.code)).not.toContain('openvpn-iroute-missing');
  }, 40_000);
});

describeLab('openvpn: a client whose server lies inside a pushed route', (lab) => {
  let etc: EtcMade;
  let v: RemoteStory;
  let vpn: OpenVpnDaemons;
  beforeAll(async () => {
    etc = newEtc();
    const pki = makePki(['office1']);
    v = buildRemoteStory(lab, etc, pki, 'office1');
    vpn = new OpenVpnDaemons(lab);
    await vpn.connect(
      { ns: v.s, config: '/etc/openvpn/server/lan.conf' },
      { ns: v.c, config: '/etc/openvpn/client/office.conf' },
    );
  }, 60_000);
  afterAll(() => {
    vpn.dispose();
    removeEtcMade(etc);
  });

  it('the pushed route is in, and nothing crosses the tunnel', () => {
    const route = lab.exec(v.c, ['ip', 'route', 'show', '198.51.100.0/24']).stdout;
    expect(route).toContain('dev tun0');
    expect(pings(lab, v.c, v.serverTun)).toBe(false);
  });

  let f: Finding;
  it('from the client: vpn-remote-via-tunnel, an error, fixed on this box with the pre-tunnel gateway', () => {
    const { code, json } = doctor(lab, v.c);
    expect(code).toBe(1);
    expect(json.role).toMatchObject({ vpnClient: true, vpnServer: false, router: false });
    f = finding(json, 'vpn-remote-via-tunnel');
    expect(f.severity).toBe('error');
    expect(f.box?.role).toBe('vpn-client');
    expect(f.fix[0]).toBe(`ip route add ${v.remote}/32 via ${v.gateway} dev eth0`);
    expect(f.fix).toContain(`# route ${v.remote} 255.255.255.255 net_gateway`);
  });

  it('applying the fix: the tunnel carries packets again and the finding is gone', () => {
    apply(lab, v.c, f.fix[0] ?? '');
    expect(pings(lab, v.c, v.serverTun)).toBe(true);
    const { json } = doctor(lab, v.c);
    expect(json.findings.map((x) => x.code)).not.toContain('vpn-remote-via-tunnel');
  });
});
