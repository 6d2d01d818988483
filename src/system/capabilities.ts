/**
 * Whether this process holds a capability, from /proc/self/status (CapEff). Raw sockets
 * (arping, arp-scan) need CAP_NET_RAW; root normally has it, a setcap'd binary gets it.
 */
import { LOCAL_ACCESS, type HostAccess } from './access.js';

const CAP_BITS = { CAP_NET_ADMIN: 12, CAP_NET_RAW: 13 } as const;
export type Capability = keyof typeof CAP_BITS;

/** Parses the CapEff line of /proc/PID/status into a bit set. */
export function parseCapEff(status: string): bigint | null {
  const m = /^CapEff:\s*([0-9a-fA-F]+)\s*$/m.exec(status);
  return m?.[1] ? BigInt(`0x${m[1]}`) : null;
}

/**
 * Whether the process that reads the box holds `cap` (on a remote box: the one its access
 * starts, which is who runs the probes there).
 */
export async function hasCapability(
  cap: Capability,
  access: Pick<HostAccess, 'readFile'> = LOCAL_ACCESS,
): Promise<boolean> {
  const read = await access.readFile('/proc/self/status');
  const eff = read.text === null ? null : parseCapEff(read.text);
  return eff !== null && (eff & (1n << BigInt(CAP_BITS[cap]))) !== 0n;
}
