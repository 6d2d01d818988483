/**
 * The foundation's lab test: a two-host LAN; a snapshot taken inside one host's namespace
 * and loaded in the root namespace shows that host (its interface, address, route, and the
 * neighbour learned by a ping), not this machine.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { describeLab, NETDOCTOR, type Lab } from './lab.js';
import { parseSnapshotText } from '../../src/snapshot/load.js';
import { buildHostState } from '../../src/state/host-state.js';
import { documentText } from '../../src/report/document.js';
import { overviewSections } from '../../src/report/overview.js';
import { spawnSync } from 'node:child_process';

describeLab('overview of a lab host from its snapshot', (lab: Lab) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'netdoctor-lab-'));
  const file = path.join(dir, 'a.json');
  let a = '';

  beforeAll(() => {
    const sw = lab.addSwitch('sw');
    a = lab.addHost('a');
    const b = lab.addHost('b');
    lab.plug(a, 'lan0', sw, '02:00:5e:00:00:0a');
    lab.plug(b, 'lan0', sw, 'b8:27:eb:00:00:0b');
    lab.ip(a, 'addr', 'add', '198.51.100.10/24', 'dev', 'lan0');
    lab.ip(b, 'addr', 'add', '198.51.100.20/24', 'dev', 'lan0');
    lab.ip(a, 'route', 'add', '203.0.113.0/24', 'via', '198.51.100.20');
    lab.sysctl(a, 'net.ipv4.conf.lan0.rp_filter', 1);
    const ping = lab.exec(a, ['ping', '-c1', '-W2', '198.51.100.20']);
    expect(ping.status, ping.stderr).toBe(0);
    const snap = lab.exec(a, [...NETDOCTOR, 'snapshot', '-o', file]);
    expect(snap.status, snap.stderr).toBe(0);
    return () => rmSync(dir, { recursive: true, force: true });
  });

  it('records the namespace it was taken in, with raw sources keyed by command', () => {
    const snapshot = parseSnapshotText(readFileSync(file, 'utf8'), file);
    expect(snapshot.host.netns).toBe(a);
    expect(snapshot.sources['ip -j -d link show']?.exitCode).toBe(0);
    expect(snapshot.sources['/proc/sys/net/ipv4/conf/lan0/rp_filter']?.stdout.trim()).toBe('1');
  });

  it('parses to the lab host: interface, address, route, neighbour after the ping', () => {
    const host = buildHostState(parseSnapshotText(readFileSync(file, 'utf8'), file));
    const lan0 = host.interfaces.find((i) => i.name === 'lan0');
    expect(lan0?.mac).toBe('02:00:5e:00:00:0a');
    expect(lan0?.kind).toBe('veth');
    expect(lan0?.addresses.map((x) => `${x.local}/${x.prefixlen}`)).toContain('198.51.100.10/24');
    expect(host.routes).toContainEqual(
      expect.objectContaining({
        dst: '203.0.113.0/24',
        gateway: '198.51.100.20',
        dev: 'lan0',
        table: 'main',
      }),
    );
    const neighbour = host.neighbours.find((n) => n.dst === '198.51.100.20');
    expect(neighbour?.lladdr).toBe('b8:27:eb:00:00:0b');
    expect(neighbour?.states).toContain('REACHABLE');
    expect(host.sysctls.interfaces['lan0']?.rp_filter).toBe(1);
    // This machine's own interfaces are not in it.
    expect(host.interfaces.map((i) => i.name).sort()).toEqual(['lan0', 'lo']);
  });

  it('shows the lab host when loaded in the root namespace by the CLI', () => {
    const r = spawnSync(NETDOCTOR[0]!, [...NETDOCTOR.slice(1), 'overview', '--snapshot', file], {
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(`(netns ${a})`);
    expect(r.stdout).toMatch(/lan0 +UP +1500 +02:00:5e:00:00:0a/);
    expect(r.stdout).toContain('198.51.100.10/24');
    expect(r.stdout).toMatch(/203\.0\.113\.0\/24 +198\.51\.100\.20 +lan0/);
    expect(r.stdout).toMatch(
      /198\.51\.100\.20 +b8:27:eb:00:00:0b +Raspberry Pi F\S* +lan0 +REACHABLE/,
    );
    // The same text the library builds from the file.
    const host = buildHostState(parseSnapshotText(readFileSync(file, 'utf8'), file));
    expect(r.stdout).toBe(documentText(overviewSections(host)));
  });
});
