/**
 * `--ssh`: netdoctor reading and probing a box through the real OpenSSH client and server
 * (ssh-lab.ts). What a person meets: an unknown host key, a password that cannot be asked, a
 * host that is down, hostile names; and that a probe stopped or killed here leaves nothing
 * running there (ssh forwards no signal without a pty: the far guard must end it).
 */
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { tmpdir } from 'node:os';
import { expect, it } from 'vitest';
import { describeLab, leftAfterExit } from './lab.js';
import { SshLab } from './ssh-lab.js';
import { startTuiInPty } from './tui-pty.js';

/** An interface name a shell would act on: quotes, a command substitution, a semicolon. */
const HOSTILE_IFACE = `h'$(id)";x`;

function oneLine(text: string): string {
  const lines = text.split('\n').filter((l) => l !== '');
  expect(lines).toHaveLength(1);
  return lines[0] ?? '';
}

async function until(check: () => boolean, ms = 10_000): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return check();
}

describeLab('ssh: reaching a box', (lab) => {
  const ssh = new SshLab(lab);
  const r1 = ssh.addBox(lab.addHost('r1'));
  const stranger = ssh.addBox(lab.addHost('stranger'), { trusted: false });
  const locked = ssh.addBox(lab.addHost('locked'), { authorized: false, passwords: true });
  const gone = ssh.addBox(lab.addHost('gone'));
  // r1 routes to a peer that drops what it does not own: a trace there probes and waits.
  const peer = lab.addHost('peer');
  lab.wire(r1.ns, 'eth0', peer, 'eth0');
  lab.ip(r1.ns, 'addr', 'add', '192.0.2.1/24', 'dev', 'eth0');
  lab.ip(peer, 'addr', 'add', '192.0.2.2/24', 'dev', 'eth0');
  lab.ip(r1.ns, 'route', 'add', 'default', 'via', '192.0.2.2');
  // A veth with a hostile name on r1, its peer in `peer`.
  lab.ip(r1.ns, 'link', 'add', HOSTILE_IFACE, 'type', 'veth', 'peer', 'name', 'hv0');
  lab.ip(r1.ns, 'link', 'set', 'hv0', 'netns', peer);
  lab.ip(r1.ns, 'addr', 'add', '198.51.100.1/24', 'dev', HOSTILE_IFACE);
  lab.ip(r1.ns, 'link', 'set', HOSTILE_IFACE, 'up');
  lab.sysctl(r1.ns, 'net.ipv4.ip_forward', 1);

  it('reads the box: the overview names it as reached over ssh', () => {
    const r = ssh.netdoctor(['overview', '--ssh', r1.target, '--plain']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`${r1.target} via ssh`);
    expect(r.stdout).toContain('192.0.2.1');
    // ... and its master connection and socket directory are gone with it.
    expect(readdirSync(tmpdir()).filter((n) => n.startsWith('netdoctor-ssh-'))).toEqual([]);
    expect(ssh.exec(['pgrep', '-f', 'ControlPath=']).stdout).toBe('');
  });

  it('the doctor reports from there, naming the host', () => {
    const r = ssh.netdoctor(['doctor', '--ssh', r1.target, '--json']);
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout) as { host: { hostname: string; via?: string } };
    expect(report.host.via).toBe(`${r1.target} via ssh`);
  });

  it('an unknown host key is refused, in one line naming the host and the fix', () => {
    const before = readFileSync(ssh.knownHosts, 'utf8');
    const r = ssh.netdoctor(['snapshot', '--ssh', stranger.target]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    const line = oneLine(r.stderr);
    expect(line).toContain(`${stranger.target} via ssh`);
    expect(line).toMatch(/host key is unknown/);
    expect(line).toContain(`ssh ${stranger.target}`);
    expect(line).toContain('ssh-keyscan');
    expect(readFileSync(ssh.knownHosts, 'utf8')).toBe(before);
  });

  it('a password netdoctor cannot ask (no terminal) is one line, not a hang', () => {
    const started = Date.now();
    const r = ssh.netdoctor(['overview', '--ssh', locked.target]);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(r.status).toBe(2);
    const line = oneLine(r.stderr);
    expect(line).toContain(`${locked.target} via ssh: login refused`);
    expect(line).toMatch(/password/);
  });

  it('a host that is down is one line, within the connect timeout', () => {
    ssh.takeDown(gone);
    const r = ssh.netdoctor(['vlan', '--ssh', gone.target]);
    expect(r.status).toBe(2);
    expect(oneLine(r.stderr)).toMatch(
      new RegExp(`^netdoctor: ${gone.target} via ssh: cannot connect`),
    );
  });

  it('a bad target is a usage error before anything runs', () => {
    for (const bad of ['-oProxyCommand=id', 'r1:0', 'r1:99999', "ro'ot@r1", '[2001:db8::1', '']) {
      const r = ssh.netdoctor(['route', '192.0.2.9', '--ssh', bad]);
      expect(r.status, bad).toBe(2);
      expect(oneLine(r.stderr), bad).toMatch(/^netdoctor: --ssh '.*': /);
    }
  });

  it('a hostile interface name reaches the far kernel intact, and no shell acts on it', () => {
    const r = ssh.netdoctor([
      'route',
      '198.51.100.9',
      '--iif',
      HOSTILE_IFACE,
      '--from',
      '192.0.2.2',
      '--ssh',
      r1.target,
      '--json',
    ]);
    expect(r.stderr).not.toMatch(/uid=/);
    const answer = JSON.parse(r.stdout) as {
      kernel: { argv: string[]; answer: { kind: string; error?: string }; agrees: boolean };
    };
    // The far kernel took the name as one word and routed by it: mangled, it would be
    // "Cannot find device".
    expect(answer.kernel.argv).toContain(HOSTILE_IFACE);
    expect(answer.kernel.answer.kind, answer.kernel.answer.error).not.toBe('error');
    expect(answer.kernel.agrees).toBe(true);
  });

  for (const [how, signal] of [
    ['killed (SIGKILL)', 'SIGKILL'],
    ['stopped (SIGTERM)', 'SIGTERM'],
  ] as const) {
    for (const backend of ['mtr-packet', 'traceroute'] as const) {
      it(`a remote trace (${backend}) ${how} here leaves nothing running there`, async () => {
        const child = ssh.spawnNetdoctor([
          'trace',
          '203.0.113.77',
          '--no-names',
          '--backend',
          backend,
          '--ssh',
          r1.target,
        ]);
        let stderr = '';
        child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
        const exited = new Promise((r) => child.once('exit', r));
        const pattern = backend === 'mtr-packet' ? ['-x', 'mtr-packet'] : ['-x', 'traceroute'];
        try {
          // Tracing (its signal trap set: `tracing … (Ctrl-C stops)`), and the probe is there.
          const running = await until(
            () =>
              /Ctrl-C stops/.test(stderr) && lab.exec(r1.ns, ['pgrep', ...pattern]).stdout !== '',
            30_000,
          );
          expect(running, `${backend} started on r1`).toBe(true);
        } finally {
          // netdoctor alone is signalled, not its ssh children: their stdin closing must be
          // enough for the far side.
          child.kill(signal);
          await exited;
        }
        expect(await until(() => lab.exec(r1.ns, ['pgrep', ...pattern]).stdout === '')).toBe(true);
        expect(await leftAfterExit(lab, r1.ns, ['-f', 'sleep 1'])).toBe('');
        if (signal === 'SIGKILL') {
          // A killed netdoctor cannot remove its socket directory (its master ends by itself
          // after ControlPersist): the test does, for the leftovers check.
          for (const name of readdirSync(tmpdir()).filter((n) => n.startsWith('netdoctor-ssh-')))
            rmSync(path.join(tmpdir(), name), { recursive: true, force: true });
        } else {
          expect(readdirSync(tmpdir()).filter((n) => n.startsWith('netdoctor-ssh-'))).toEqual([]);
        }
      });
    }
  }

  it('the TUI over ssh: the status line names the box, and x stops its trace there', async () => {
    // startTuiInPty takes this process's PATH: the lab's ssh wrapper goes first.
    const outerPath = process.env['PATH'];
    process.env['PATH'] = ssh.env()['PATH'];
    const tui = startTuiInPty(ssh.opsNs, ['--ssh', r1.target]);
    process.env['PATH'] = outerPath;
    try {
      await tui.waitFor(/Interfaces \(\d+\)/, 60_000);
      expect(tui.text()).toContain(`${r1.target} via ssh`);
      await tui.keys('4');
      await tui.waitFor(/Which way does this host send a packet/);
      await tui.keys('/');
      await tui.waitFor(/route to>/);
      await tui.keys('203.0.113.77', '\r');
      await tui.waitFor(/203\.0\.113\.77/);
      await tui.keys('t');
      const tracing = await until(
        () => lab.exec(r1.ns, ['pgrep', '-x', 'mtr-packet']).stdout !== '',
        30_000,
      );
      expect(tracing, 'mtr-packet started on r1').toBe(true);
      await tui.keys('x');
      expect(
        await until(() => lab.exec(r1.ns, ['pgrep', '-x', 'mtr-packet']).stdout === '', 15_000),
      ).toBe(true);
      await tui.keys('q');
      expect(await tui.exited).toBe(0);
      // Nothing the TUI ran there (its trace, its `ip monitor`) outlives it.
      expect(await leftAfterExit(lab, r1.ns, ['-f', 'mtr-packet|ip monitor|sleep 1'])).toBe('');
      expect(readdirSync(tmpdir()).filter((n) => n.startsWith('netdoctor-ssh-'))).toEqual([]);
    } finally {
      tui.kill();
    }
  });
});
