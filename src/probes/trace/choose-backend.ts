/**
 * Which trace backend this host has: mtr-packet (one process for every probe, cap_net_raw),
 * else traceroute (a process per probe), as `netdoctor trace`, the Route panel and the
 * doctor's path walk all choose it. A note says when it is the fallback.
 */
import type { HostAccess } from '../../system/access.js';
import { ToolMissing } from '../../system/errors.js';
import { mtrPacketBackend } from './mtr-packet-backend.js';
import { tracerouteBackend } from './traceroute-backend.js';
import type { BackendName, OpenBackend } from './types.js';

export async function chooseTraceBackend(
  wanted: BackendName | undefined,
  access: HostAccess,
): Promise<{ open: OpenBackend; note: string | null }> {
  const findExecutable = (name: string) => access.which(name);
  const mtrPacket = () =>
    mtrPacketBackend((onLine, onExit) => access.openChannel(['mtr-packet'], onLine, onExit));
  if (wanted === 'traceroute') {
    if ((await findExecutable('traceroute')) === null)
      throw new ToolMissing('traceroute', 'traceroute');
    return { open: tracerouteBackend(access), note: null };
  }
  if (wanted === 'mtr-packet' && (await findExecutable('mtr-packet')) === null) {
    throw new ToolMissing('mtr-packet', 'mtr-tiny');
  }
  if ((await findExecutable('mtr-packet')) !== null) return { open: mtrPacket(), note: null };
  if ((await findExecutable('traceroute')) !== null) {
    return {
      open: tracerouteBackend(access),
      note: 'mtr-packet is not installed: tracing with traceroute, one process per probe (UDP unless privileged). For the real thing: apt-get install mtr-tiny',
    };
  }
  throw new ToolMissing('mtr-packet', 'mtr-tiny');
}
