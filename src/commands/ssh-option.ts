/**
 * `--ssh [USER@]HOST[:PORT]` and `--sudo` on the TUI and on every command that reads a host:
 * the connection is opened before the command's work starts (before any UI draws, so ssh can
 * ask for a password on the terminal), and every later command, probe and read goes there.
 * The ssh code is loaded only when --ssh is given (start-up time).
 */
import type { Command } from 'commander';
import type { Host } from '../wiring/host.js';
import { UsageError, type CliIo } from './context.js';

/** The commands that read a host, and so take --ssh (besides the TUI, the root command). */
export const SSH_COMMANDS: ReadonlySet<string> = new Set([
  'overview',
  'snapshot',
  'vlan',
  'route',
  'doctor',
  'scan',
  'trace',
  'garp',
]);

export interface SshOptions {
  readonly ssh?: string;
  readonly sudo?: boolean;
  readonly snapshot?: string;
}

export function addSshOptions(command: Command): Command {
  return command
    .option(
      '--ssh <[user@]host[:port]>',
      'read and probe that host over ssh (your OpenSSH and its config; nothing is installed there)',
    )
    .option(
      '--sudo',
      'with --ssh: run the reads and probes there with sudo -n (no password asked)',
    );
}

/**
 * Opens the ssh connection the options ask for (prompts, if any, now, on the terminal) and
 * returns the far box as a Host for `io.host`; undefined without --ssh.
 */
export async function connectSsh(
  opts: SshOptions,
  io: Pick<CliIo, 'isTTY'>,
): Promise<Host | undefined> {
  if (opts.ssh === undefined) {
    if (opts.sudo)
      throw new UsageError('--sudo goes with --ssh (it runs the far side with sudo -n)');
    return undefined;
  }
  if (opts.snapshot !== undefined) {
    throw new UsageError('--ssh reads a live host and --snapshot a file: give one of them');
  }
  const { parseSshTarget } = await import('../system/ssh-target.js');
  const target = parseSshTarget(opts.ssh);
  const { SshHost } = await import('../system/ssh.js');
  const { hostOverSsh } = await import('../wiring/ssh-host.js');
  const ssh = await SshHost.open(target, {
    interactive: io.isTTY,
    ...(opts.sudo ? { sudo: true } : {}),
  });
  return hostOverSsh(ssh);
}
