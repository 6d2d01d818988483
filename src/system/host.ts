/** Facts about the process and the machine it runs on. */
import os from 'node:os';

export interface HostIdentity {
  readonly hostname: string;
  readonly kernel: string;
  readonly uid: number | null;
}

export function hostIdentity(): HostIdentity {
  return {
    hostname: os.hostname(),
    kernel: `${os.type()} ${os.release()}`,
    uid: typeof process.getuid === 'function' ? process.getuid() : null,
  };
}

export function isRoot(): boolean {
  return hostIdentity().uid === 0;
}

export function currentUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    return process.env['USER'] ?? 'root';
  }
}
