/**
 * A box reached with `--ssh`: the Host (host.ts) over an ssh access, whose snapshot is read
 * in ONE round trip by the sh collector (collect-remote.ts) rather than source by source, and
 * whose state names how it was reached (`r1 via ssh`) in every report and the status line.
 */
import { takeSnapshotWith } from '../snapshot/collect-remote.js';
import { buildHostState } from '../state/host-state.js';
import type { SshHost } from '../system/ssh.js';
import { sshAccess } from '../system/ssh-access.js';
import { hostOver, type Host } from './host.js';

export function hostOverSsh(ssh: SshHost): Host {
  const access = sshAccess(ssh);
  const base = hostOver(access);
  const readSnapshot = () => takeSnapshotWith((script) => ssh.runScript(script));
  const readState = async () => {
    const state = buildHostState(await readSnapshot());
    return { ...state, meta: { ...state.meta, via: access.label } };
  };
  return {
    ...base,
    readSnapshot,
    // One round trip reads everything: no cheaper subset to ask for.
    readRoutingSnapshot: readSnapshot,
    readState,
    garp: async () => ({ ...(await base.garp()), readHost: readState }),
  };
}
