/**
 * Issue 8 in a lab that counts what leaves: the scanner namespace S has a LAN (lan), an
 * uplink to a router R with the default route (the "other interface" a sweep must never
 * use), a down interface and one without carrier. IPv6 is off in S, so every packet its
 * interfaces transmit is ours (LAB.md). Interface names carry the lab's id, so the pgrep
 * checks see only this run's processes.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeLab, NETDOCTOR, spawnNetdoctorAsNobody, type Lab } from './lab.js';
import { manyInterfacesSnapshotText } from '../helpers/many-interfaces.js';

interface LinkStats {
  ifname: string;
  stats64?: { tx?: { packets?: number } };
}

const NOBODY = ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'];

/** Polls `check` until it holds (bounded): waiting for a state, never for a time. */
async function until(check: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`never: ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: string | null }> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve({ code: child.exitCode, signal: child.signalCode });
      return;
    }
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
}

describeLab('hardening: nothing leaves unasked, nothing is left behind', (lab: Lab) => {
  const tag = lab.id.slice(2); // 6 hex digits, unique per run
  const lan = `l${tag}`;
  const wan = `w${tag}`;
  const down = `d${tag}`;
  const dark = `n${tag}`;
  let s = '';
  let r = '';
  let hosts = '';
  let dir = '';

  const tx = (): Record<string, number> =>
    Object.fromEntries(
      lab
        .ipJson<LinkStats[]>(s, '-s', 'link', 'show')
        .map((l) => [l.ifname, l.stats64?.tx?.packets ?? 0]),
    );
  const pgrep = (pattern: string): string[] => {
    const res = lab.exec(s, ['pgrep', '-af', '--', pattern]);
    return res.stdout.split('\n').filter((l) => l.trim() && !l.includes('pgrep'));
  };

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'netdoctor-harden-lab-'));
    const sw = lab.addSwitch('sw');
    s = lab.addHost('s');
    r = lab.addHost('r');
    hosts = lab.addHost('h');
    for (const key of ['all', 'default']) lab.sysctl(s, `net.ipv6.conf.${key}.disable_ipv6`, 1);
    lab.plug(s, lan, sw);
    lab.ip(s, 'addr', 'add', '198.18.0.1/20', 'dev', lan);
    lab.plug(hosts, 'eth0', sw);
    lab.ip(hosts, 'addr', 'add', '198.18.0.2/20', 'dev', 'eth0');
    lab.ip(hosts, 'addr', 'add', '198.18.0.3/20', 'dev', 'eth0');
    // The uplink: the default route, the way a down interface's sweep used to leave.
    lab.wire(s, wan, r, 'up0');
    lab.ip(s, 'addr', 'add', '203.0.113.2/24', 'dev', wan);
    lab.ip(r, 'addr', 'add', '203.0.113.1/24', 'dev', 'up0');
    lab.ip(r, 'addr', 'add', '203.0.113.53/24', 'dev', 'up0');
    lab.ip(s, 'route', 'add', 'default', 'via', '203.0.113.1');
    // Down: an address, but the link administratively down (no connected route).
    lab.wire(s, down, r, 'dn0');
    lab.ip(s, 'addr', 'add', '198.51.100.1/24', 'dev', down);
    lab.ip(s, 'link', 'set', down, 'down');
    // No carrier: up here, but its peer is down.
    lab.wire(s, dark, r, 'nc0');
    lab.ip(s, 'addr', 'add', '192.168.77.1/24', 'dev', dark);
    lab.ip(r, 'link', 'set', 'nc0', 'down');
    // Names inside S go to a resolver across the uplink: a reverse-DNS query is a packet.
    writeFileSync(
      path.join(lab.etcDir(s), 'resolv.conf'),
      'nameserver 203.0.113.53\noptions timeout:1 attempts:1\n',
    );
    // H learns S from S's ARP request as STALE, answers through it, and 5 s later probes S
    // by unicast ARP: S's reply would count as a packet out mid-test. H knows S for good.
    const sMac = lab.ipJson<{ address: string }[]>(s, 'link', 'show', lan)[0]?.address ?? '';
    lab.ip(
      hosts,
      'neigh',
      'replace',
      '198.18.0.1',
      'lladdr',
      sMac,
      'dev',
      'eth0',
      'nud',
      'permanent',
    );
    // One neighbour S knows, for the passive backend to show.
    expect(lab.exec(s, ['ping', '-c', '1', '-W', '2', '198.18.0.2']).status).toBe(0);
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('builds what it claims: down, no carrier, IPv6 off', () => {
    const links = lab.ipJson<{ ifname: string; flags: string[] }[]>(s, 'link', 'show');
    const flags = (n: string) => links.find((l) => l.ifname === n)?.flags ?? [];
    expect(flags(down)).not.toContain('UP');
    expect(flags(dark)).toContain('UP');
    expect(flags(dark)).not.toContain('LOWER_UP');
    expect(flags(lan)).toContain('LOWER_UP');
  });

  it.each([
    ['down', () => down, () => `${down} is down: bring it up first (ip link set ${down} up)`],
    ['without carrier', () => dark, () => `${dark} has no carrier`],
  ])(
    'scan --iface on an interface %s: one line, exit 2, not one packet out of any interface',
    (_, iface, message) => {
      const before = tx();
      const res = lab.execAsNobody(s, [...NETDOCTOR, 'scan', '--iface', iface()]);
      const after = tx();
      expect(res.status).toBe(2);
      expect(res.stdout).toBe('');
      expect(res.stderr).toContain(message());
      expect(res.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(after).toEqual(before);
    },
  );

  it.each([
    [['trace', '0.0.0.0'], /0\.0\.0\.0 is the unspecified address/],
    [['trace', '224.0.0.1'], /224\.0\.0\.1 is a multicast address/],
    [['trace', '255.255.255.255'], /255\.255\.255\.255 is the limited broadcast address/],
    [['trace', '999.1.1.1'], /'999\.1\.1\.1' is not an IPv4 address/],
    [
      ['trace', '198.18.0.2', '--from', '198.18.0.99'],
      /--from 198\.18\.0\.99 is not an address of this host/,
    ],
    [
      ['scan', '--cidr', '198.18.0.1/20'],
      /198\.18\.0\.1\/20 has host bits set: its network is 198\.18\.0\.0\/20/,
    ],
  ])(
    '%j is refused before sending: one line, exit 2, no packet, no name asked',
    (argv, message) => {
      const before = tx();
      const started = Date.now();
      const res = lab.execAsNobody(s, [...NETDOCTOR, ...argv]);
      const after = tx();
      expect(res.stderr).toMatch(message);
      expect(res.status).toBe(2);
      expect(res.stdout).toBe('');
      expect(res.stderr.trimEnd().split('\n')).toHaveLength(1);
      // Names go to the resolver across the uplink: a lookup would count there.
      expect(after).toEqual(before);
      expect(Date.now() - started).toBeLessThan(5000);
    },
  );

  it('scan --backend passive sends nothing, names included; --names is what asks', () => {
    const before = tx();
    const res = lab.execAsNobody(s, [
      ...NETDOCTOR,
      'scan',
      '--backend',
      'passive',
      '--iface',
      lan,
      '--json',
    ]);
    const after = tx();
    expect(res.status).toBe(0);
    const json = JSON.parse(res.stdout) as { hosts: { ip: string }[] };
    expect(json.hosts.map((h) => h.ip)).toContain('198.18.0.2');
    expect(after).toEqual(before);
    // The control: asked for names, the same scan does send (the PTR query on the uplink),
    // so the counters above would have seen it.
    lab.execAsNobody(s, [
      ...NETDOCTOR,
      'scan',
      '--backend',
      'passive',
      '--iface',
      lan,
      '--names',
      '--json',
    ]);
    expect(tx()[wan]).toBeGreaterThan(before[wan] ?? 0);
  });

  async function interrupt(
    argv: readonly string[],
    child: string,
    signal: NodeJS.Signals,
  ): Promise<{ code: number | null; stdout: string; stderr: string }> {
    const proc = spawn('ip', ['netns', 'exec', s, ...argv], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    proc.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
    proc.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    const end = exited(proc);
    await until(() => pgrep(child).length > 0, `${child} running`);
    proc.kill(signal);
    const { code } = await end;
    return { code, stdout, stderr };
  }

  it('HUP (an SSH drop) on a kernel-backend scan: ip monitor ends with it, exit 129, interrupted', async () => {
    const r1 = await interrupt(
      [...NOBODY, ...NETDOCTOR, 'scan', '--iface', lan, '--json'],
      `ip monitor neigh dev ${lan}`,
      'SIGHUP',
    );
    expect(r1.code).toBe(129);
    expect(pgrep(`ip monitor neigh dev ${lan}`)).toEqual([]);
    const json = JSON.parse(r1.stdout) as { interrupted: boolean; signal: string };
    expect(json).toMatchObject({ interrupted: true, signal: 'SIGHUP' });
    expect(r1.stderr).toMatch(/scan interrupted by SIGHUP/);
  });

  it('INT on an arp-scan sweep: arp-scan ends with it, exit 130', async () => {
    const r2 = await interrupt(
      [...NETDOCTOR, 'scan', '--backend', 'arp-scan', '--iface', lan],
      `--interface=${lan}`,
      'SIGINT',
    );
    expect(r2.code).toBe(130);
    expect(pgrep(`--interface=${lan}`)).toEqual([]);
    expect(r2.stdout).toMatch(/INTERRUPTED by SIGINT/);
  });

  it('HUP on an arp-scan sweep: nothing left, exit 129', async () => {
    const r3 = await interrupt(
      [...NETDOCTOR, 'scan', '--backend', 'arp-scan', '--iface', lan, '--json'],
      `--interface=${lan}`,
      'SIGHUP',
    );
    expect(r3.code).toBe(129);
    expect(pgrep(`--interface=${lan}`)).toEqual([]);
  });

  it('TERM on a kernel-backend scan: exit 143, nothing left', async () => {
    const r4 = await interrupt(
      [...NOBODY, ...NETDOCTOR, 'scan', '--iface', lan],
      `ip monitor neigh dev ${lan}`,
      'SIGTERM',
    );
    expect(r4.code).toBe(143);
    expect(pgrep(`ip monitor neigh dev ${lan}`)).toEqual([]);
  });

  it('a FIFO named *.conf in /etc/openvpn: snapshot and overview read the host at once, and say what it is', () => {
    const v = lab.addHost('v');
    execFileSync('mkfifo', [path.join(lab.etcDir(v, 'openvpn'), 'x.conf')]);
    const file = path.join(dir, 'fifo-snapshot.json');
    const started = Date.now();
    const snap = lab.exec(v, [...NETDOCTOR, 'snapshot', '-o', file], undefined, 20_000);
    expect(snap.status).toBe(0);
    const overview = lab.exec(v, [...NETDOCTOR, 'overview', '--json'], undefined, 20_000);
    expect(overview.status).toBe(0);
    expect(Date.now() - started).toBeLessThan(20_000);
    const sources = (JSON.parse(readFileSync(file, 'utf8')) as { sources: Record<string, object> })
      .sources;
    expect(sources['/etc/openvpn']).toMatchObject({ stdout: 'x.conf\n' });
    expect(sources['/etc/openvpn/x.conf']).toMatchObject({
      exitCode: null,
      error: 'is a FIFO (named pipe), not a regular file',
    });
  });

  it('a sweep whose link goes down mid-sweep prints what it saw, marked incomplete, and exits 3', async () => {
    const x = lab.addHost('x');
    const y = lab.addHost('y');
    const xif = `x${tag}`;
    lab.wire(x, xif, y, 'y0');
    lab.ip(x, 'addr', 'add', '198.19.0.1/20', 'dev', xif);
    lab.ip(y, 'addr', 'add', '198.19.0.2/20', 'dev', 'y0');
    const proc = spawnNetdoctorAsNobody(x, ['scan', '--iface', xif, '--json', '--no-names']);
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const end = exited(proc);
    // The sweep has begun once the kernel is asking for addresses of the /20.
    const asking = () =>
      /198\.19\.\d+\.\d+ dev \S+ +(INCOMPLETE|FAILED)/.test(lab.ip(x, 'neigh', 'show'));
    await until(asking, 'the sweep sending');
    lab.ip(x, 'link', 'set', xif, 'down');
    const { code } = await end;
    expect(code).toBe(3);
    const json = JSON.parse(stdout) as { stoppedEarly: string[]; interrupted: boolean };
    expect(json.interrupted).toBe(false);
    expect(json.stoppedEarly).toEqual([
      expect.stringMatching(/^sweep of 198\.19\.0\.0\/20 on x\w+ stopped: /),
    ]);
    expect(stderr).toMatch(/stopped: .*: the list is incomplete\n$/);
  });

  it('overview | head -1 with a large output ends quietly', async () => {
    const file = path.join(dir, 'many.json');
    writeFileSync(file, manyInterfacesSnapshotText(3000));
    const proc = spawn(
      NETDOCTOR[0] ?? 'node',
      [...NETDOCTOR.slice(1), 'overview', '--snapshot', file],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    proc.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    const end = exited(proc);
    // Read the first chunk, then close the pipe as head does.
    await new Promise<void>((resolve) => proc.stdout?.once('data', () => resolve()));
    proc.stdout?.destroy();
    const { code } = await end;
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
