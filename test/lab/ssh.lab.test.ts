/** `--ssh`: netdoctor reading and probing a box through the real OpenSSH client and server. */
import { expect, it } from 'vitest';
import { describeLab } from './lab.js';
import { SshLab } from './ssh-lab.js';

describeLab('ssh: the lab itself', (lab) => {
  const ssh = new SshLab(lab);
  const r1 = ssh.addBox(lab.addHost('r1'));

  it('reaches a box with key auth through our own ssh_config only', () => {
    const r = ssh.ssh(r1.target, 'ip -br addr show dev mgmt0');
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain(r1.address);
  });
});
