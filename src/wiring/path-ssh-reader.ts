/**
 * `netdoctor path --ssh`/`--inventory`: each host's raw snapshot read over ssh in one round
 * trip (wiring/ssh-host.ts). Batch mode: many hosts are read at once, so nobody can be asked
 * for a password; keys come from the agent or ~/.ssh/config. Each master connection is
 * closed as soon as its host is read, so a fleet does not hold hundreds of them open.
 */
import type { SnapshotReader } from '../path/collect.js';
import type { HostTarget } from '../path/targets.js';
import { SshHost } from '../system/ssh.js';
import { hostOverSsh } from './ssh-host.js';

export const sshSnapshotReader: SnapshotReader<HostTarget> = async (t) => {
  const ssh = await SshHost.open(
    {
      given: t.name,
      host: t.host,
      ...(t.user !== null ? { user: t.user } : {}),
      ...(t.port !== null ? { port: t.port } : {}),
    },
    { interactive: false },
  );
  try {
    return await hostOverSsh(ssh).readSnapshot();
  } finally {
    ssh.close();
  }
};
