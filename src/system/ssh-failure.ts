/**
 * What ssh's own complaints mean, in one line a person can act on: the host named, and the
 * command that fixes it. Pure: reads the stderr ssh printed when it exited 255.
 */
import { SystemError } from './errors.js';
import { sshCommandLine, type SshTarget } from './ssh-target.js';

/** ssh could not give netdoctor the host: the message names the host and the fix. */
export class SshFailed extends SystemError {
  constructor(
    readonly target: SshTarget,
    readonly reason: SshFailureReason,
    message: string,
  ) {
    super('command-failed', message);
    this.name = 'SshFailed';
  }
}

export type SshFailureReason =
  'unknown-host-key' | 'changed-host-key' | 'login-refused' | 'unreachable' | 'lost' | 'other';

/** The last line of ssh's stderr that says something (its warnings come first). */
function lastLine(stderr: string): string {
  const lines = stderr
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !/^@+$/.test(l));
  return lines[lines.length - 1] ?? 'ssh failed and said nothing';
}

/**
 * Reads ssh's stderr. `batch` says ssh could not ask anything (no terminal): a password it
 * needed is then a refusal, and the advice says how to log in without one.
 */
export function describeSshFailure(
  target: SshTarget,
  stderr: string,
  batch: boolean,
): { reason: SshFailureReason; message: string } {
  const who = `${target.given} via ssh`;
  const ssh = sshCommandLine(target);
  if (/REMOTE HOST IDENTIFICATION HAS CHANGED|Host key for .* has changed/i.test(stderr)) {
    return {
      reason: 'changed-host-key',
      message: `${who}: its host key is not the one known_hosts holds (reinstalled, or someone in between): check it, then 'ssh-keygen -R ${target.host}' and '${ssh}' once`,
    };
  }
  if (/Host key verification failed|No \S+ host key is known for/i.test(stderr)) {
    const port = target.port !== undefined ? `-p ${target.port} ` : '';
    return {
      reason: 'unknown-host-key',
      message: `${who}: its host key is unknown and netdoctor never accepts one silently: run '${ssh}' once to check and accept it (or 'ssh-keyscan ${port}${target.host} >> ~/.ssh/known_hosts' after comparing the fingerprint)`,
    };
  }
  if (/Permission denied|Too many authentication failures/i.test(stderr)) {
    const advice = batch
      ? 'netdoctor cannot ask for a password without a terminal: load a key (ssh-add, ssh-copy-id) or run it on a terminal'
      : `check the user and key ('${ssh}' shows it)`;
    return {
      reason: 'login-refused',
      message: `${who}: login refused (${lastLine(stderr)}): ${advice}`,
    };
  }
  if (
    /Connection refused|timed out|No route to host|Could not resolve|Network is unreachable|Name or service not known|Connection closed by|port \d+: .*/i.test(
      stderr,
    ) &&
    !/broken pipe|Connection to .* closed/i.test(stderr)
  ) {
    return { reason: 'unreachable', message: `${who}: cannot connect: ${lastLine(stderr)}` };
  }
  if (
    /Broken pipe|Connection reset|closed by remote host|Timeout, server .* not responding/i.test(
      stderr,
    )
  ) {
    return { reason: 'lost', message: `${who}: the connection was lost: ${lastLine(stderr)}` };
  }
  return { reason: 'other', message: `${who}: ssh failed: ${lastLine(stderr)}` };
}

export function sshFailed(target: SshTarget, stderr: string, batch: boolean): SshFailed {
  const { reason, message } = describeSshFailure(target, stderr, batch);
  return new SshFailed(target, reason, message);
}
