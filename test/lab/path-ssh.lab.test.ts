/**
 * `netdoctor path` with hosts read over ssh (test/lab/ssh-lab.ts: the real sshd in each
 * box's namespace, netdoctor run in the management namespace): the seed's VPN story by
 * `--ssh` and by an inventory (ansible-inventory JSON), the gateway's missing return route
 * named on the gateway, its fix applied there, and both walks then working; a box that is
 * down is named with its reason while the walk goes on with the others.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { describeLab } from './lab.js';
import { buildVpnStory, fixArgv, removeEtc } from './doctor-lab.js';
import { SshLab, type SshBox } from './ssh-lab.js';

interface PathJson {
  forward: { verdict: string };
  return: { verdict: string; hops: { host: string }[] };
  hosts: { name: string; read: boolean; error: string | null }[];
  findings: { code: string; host: string; severity: string; fix: string[] }[];
}

describeLab('path with hosts read over ssh', (lab) => {
  const ssh = new SshLab(lab);
  const story = buildVpnStory(lab);
  afterAll(() => removeEtc(story));
  const boxes: Record<string, SshBox> = {
    client: ssh.addBox(story.c, { name: 'client' }),
    'vpn-server': ssh.addBox(story.s, { name: 'vpn-server' }),
    'lan-host': ssh.addBox(story.l, { name: 'lan-host' }),
    gateway: ssh.addBox(story.r, { name: 'gateway' }),
  };
  const sshArgs = Object.values(boxes).flatMap((b) => ['--ssh', b.target]);

  const path = (args: readonly string[]) => {
    const r = ssh.netdoctor(['path', 'client', 'lan-host', ...args, '--json'], 120_000);
    if (r.status !== 0 && r.status !== 1) throw new Error(`path: exit ${r.status}: ${r.stderr}`);
    return { status: r.status, stderr: r.stderr, json: JSON.parse(r.stdout) as PathJson };
  };

  it("--ssh: names the gateway's missing return route; its fix there makes both walks work", () => {
    const before = path(sshArgs);
    expect(before.status).toBe(1);
    const f = before.json.findings.find((x) => x.severity === 'error');
    expect(f).toMatchObject({ code: 'return-route-missing', host: 'gateway' });
    const command = f!.fix.find((l) => !l.startsWith('#'))!;
    expect(lab.exec(story.r, fixArgv(command)).status).toBe(0);
    const after = path(sshArgs);
    expect(after.status).toBe(0);
    expect(after.json.return.hops.map((h) => h.host)).toEqual([
      'lan-host',
      'gateway',
      'vpn-server',
      'client',
    ]);
  });

  it('--inventory (ansible-inventory --list): the same hosts by their inventory names', () => {
    const file = join(ssh.dir, 'inventory.json');
    const hostvars = Object.fromEntries(
      Object.entries(boxes).map(([name, b]) => [
        name,
        { ansible_host: b.target, ansible_user: 'root' },
      ]),
    );
    writeFileSync(file, JSON.stringify({ _meta: { hostvars }, all: { children: ['ungrouped'] } }));
    const r = path(['--inventory', file]);
    expect(r.status).toBe(0);
    expect(r.json.hosts.map((h) => h.name).sort()).toEqual(Object.keys(boxes).sort());
  });

  it('a box that is down is named with its reason; the walk goes on where it can', () => {
    ssh.takeDown(boxes['vpn-server']!);
    try {
      const r = path([...sshArgs, '--concurrency', '4']);
      expect(r.stderr).toMatch(/netdoctor: vpn-server: could not be read: /);
      const down = r.json.hosts.find((h) => h.name === 'vpn-server');
      expect(down).toMatchObject({ read: false });
      expect(r.json.findings.map((x) => `${x.code}@${x.host}`)).toContain(
        'path-host-unread@vpn-server',
      );
      expect(r.json.forward.verdict).toBe('unknown');
    } finally {
      ssh.bringUp(boxes['vpn-server']!);
    }
  });
});
