/**
 * `netdoctor path` over snapshots each box took of itself inside its namespace: the seed's
 * VPN story (the LAN gateway's missing return route, then a firewall on the LAN host) and
 * the three VPC routers. Each break is named on its host, netdoctor's own fix is applied
 * there as argv, the box is snapshotted again, and both walks then work, as pings prove.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { describeLab, type Lab } from './lab.js';
import { buildVpnStory, fixArgv, netdoctor, pings, removeEtc } from './doctor-lab.js';
import { buildVpcStory, snapshotEach } from './path-lab.js';

interface PathJson {
  schema: string;
  forward: { verdict: string; hops: { host: string }[] };
  return: { verdict: string; hops: { host: string }[]; words: string };
  findings: { code: string; host: string; severity: string; fix: string[] }[];
}

function path(lab: Lab, ns: string, dir: string, src: string, dst: string) {
  const r = netdoctor(lab, ns, ['path', src, dst, '--snapshots', dir, '--json']);
  if (r.status !== 0 && r.status !== 1) throw new Error(`path: exit ${r.status}: ${r.stderr}`);
  return { status: r.status, json: JSON.parse(r.stdout) as PathJson };
}

/** Applies a finding's fix (its first command) inside the namespace of the host it names. */
function applyFix(lab: Lab, ns: string, fix: readonly string[]): void {
  const command = fix.find((l) => !l.startsWith('#'));
  if (!command) throw new Error(`no command in ${JSON.stringify(fix)}`);
  const r = lab.exec(ns, fixArgv(command));
  if (r.status !== 0) throw new Error(`${command}: ${r.stderr}`);
}

const dir = mkdtempSync(join(tmpdir(), 'netdoctor-path-lab-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeLab('path across the VPN story', (lab) => {
  let story: ReturnType<typeof buildVpnStory> | undefined;
  afterAll(() => {
    if (story) removeEtc(story);
  });

  it("names the gateway's missing return route; its fix there makes both walks work", () => {
    story = buildVpnStory(lab);
    const v = story;
    const boxes = { client: v.c, 'vpn-server': v.s, 'lan-host': v.l, gateway: v.r };
    const snaps = join(dir, 'vpn');
    snapshotEach(lab, snaps, boxes);
    expect(pings(lab, v.c, '192.168.50.10')).toBe(false);

    const before = path(lab, v.c, snaps, '10.8.0.6', 'lan-host');
    expect(before.status).toBe(1);
    expect(before.json.schema).toBe('netdoctor.path/1');
    expect(before.json.forward.verdict).toBe('ok');
    expect(before.json.return.verdict).toBe('failed');
    const f = before.json.findings.find((x) => x.severity === 'error');
    expect(f).toMatchObject({ code: 'return-route-missing', host: 'gateway' });
    applyFix(lab, v.r, f!.fix);
    snapshotEach(lab, snaps, { gateway: v.r });

    const after = path(lab, v.c, snaps, '10.8.0.6', 'lan-host');
    expect(after.status).toBe(0);
    expect([after.json.forward.verdict, after.json.return.verdict]).toEqual(['ok', 'ok']);
    expect(after.json.return.hops.map((h) => h.host)).toEqual([
      'lan-host',
      'gateway',
      'vpn-server',
      'client',
    ]);
    expect(pings(lab, v.c, '192.168.50.10')).toBe(true);
  });

  it.each([
    [
      'nft input',
      ['nft', 'add', 'rule', 'inet', 'guard', 'input', 'ip', 'saddr', '10.8.0.0/24', 'drop'],
    ],
    ['iptables INPUT', ['iptables', '-A', 'INPUT', '-s', '10.8.0.0/24', '-j', 'DROP']],
  ])("a drop in the LAN host's firewall (%s) is named as that host's firewall", (_kind, argv) => {
    const v = story!;
    if (argv[0] === 'nft') {
      lab.exec(v.l, ['nft', 'add', 'table', 'inet', 'guard']);
      lab.exec(v.l, [
        'nft',
        'add chain inet guard input { type filter hook input priority filter; policy accept; }',
      ]);
    }
    expect(lab.exec(v.l, argv).status).toBe(0);
    const snaps = join(dir, 'vpn');
    snapshotEach(lab, snaps, { 'lan-host': v.l });
    expect(pings(lab, v.c, '192.168.50.10')).toBe(false);

    const dropped = path(lab, v.c, snaps, '10.8.0.6', '192.168.50.10');
    expect(dropped.status).toBe(1);
    expect(dropped.json.forward.verdict).toBe('failed');
    const f = dropped.json.findings.find((x) => x.severity === 'error');
    expect(f).toMatchObject({ code: 'firewall-drops', host: 'lan-host' });
    applyFix(lab, v.l, f!.fix);
    snapshotEach(lab, snaps, { 'lan-host': v.l });
    expect(path(lab, v.c, snaps, '10.8.0.6', '192.168.50.10').status).toBe(0);
    expect(pings(lab, v.c, '192.168.50.10')).toBe(true);
  });
});

describeLab('path across three VPC routers', (lab) => {
  it('names the route vpc3 lacks back to vpc2, on vpc3; with it both walks work', () => {
    const p = buildVpcStory(lab);
    const snaps = join(dir, 'vpc');
    snapshotEach(lab, snaps, { vpc1: p.vpc1, vpc2: p.vpc2, vpc3: p.vpc3, h2: p.h2, h3: p.h3 });
    expect(pings(lab, p.h2, '10.3.1.10')).toBe(false);

    const before = path(lab, p.h2, snaps, 'h2', 'h3');
    expect(before.status).toBe(1);
    expect(before.json.forward.hops.map((h) => h.host)).toEqual(['h2', 'vpc2', 'vpc3', 'h3']);
    const f = before.json.findings.find((x) => x.severity === 'error');
    expect(f).toMatchObject({ code: 'return-route-missing', host: 'vpc3' });
    applyFix(lab, p.vpc3, f!.fix);
    snapshotEach(lab, snaps, { vpc3: p.vpc3 });

    const after = path(lab, p.h2, snaps, 'h2', 'h3');
    expect(after.status).toBe(0);
    expect(after.json.return.hops.map((h) => h.host)).toEqual(['h3', 'vpc3', 'vpc2', 'h2']);
    expect(pings(lab, p.h2, '10.3.1.10')).toBe(true);
  });
});
