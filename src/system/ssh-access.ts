/**
 * A HostAccess (access.ts) over ssh: the same argv, run on the far host through its master
 * connection (ssh.ts). Files and directories are read with `sh` there (no Node, no agent);
 * whole snapshots do not come through here file by file but in one round trip
 * (collect-remote.ts, wired in src/wiring/ssh-host.ts).
 *
 * Privilege there is the far user's (or root's with --sudo, through `sudo -n`): ping and
 * mtr-packet need nothing on Debian (ping sockets, mtr-packet's file capability), `ip
 * monitor` and every read need nothing, arping and arp-scan need CAP_NET_RAW (root), and the
 * firewall's rules (nft, iptables-save) need CAP_NET_ADMIN (root): without it their records
 * keep the tool's "Operation not permitted", as a local read by an ordinary user does.
 */
import type { HostAccess, ReadOptions } from './access.js';
import type { DirectoryListing, FileRead } from './files.js';
import type { HostIdentity } from './host.js';
import type { SshHost } from './ssh.js';

const USER_FILE_MAX_BYTES = 64 * 1024 * 1024;
const DIRECTORY_MAX_NAMES = 65536;

/**
 * Reads $1 there, at most $2 bytes ($3 = cut: keep the first $2 of a longer file). Exit 0
 * with the text; 3 with the reason (files.ts's words) on stderr; 4 when it is longer.
 */
const READ_FILE = [
  'if [ ! -e "$1" ]; then printf ENOENT >&2; exit 3; fi',
  'if [ -d "$1" ]; then printf \'is a directory\' >&2; exit 3; fi',
  'if [ -p "$1" ]; then printf \'is a FIFO (named pipe), not a regular file\' >&2; exit 3; fi',
  'if [ -c "$1" ] || [ -b "$1" ]; then printf \'is a device, not a regular file\' >&2; exit 3; fi',
  'if [ ! -f "$1" ]; then printf \'is not a regular file\' >&2; exit 3; fi',
  'if [ ! -r "$1" ]; then printf EACCES >&2; exit 3; fi',
  'n=$(($(head -c $(($2 + 1)) "$1" | wc -c)))',
  'if [ "$n" -gt "$2" ]; then head -c "$2" "$1"; exit 4; fi',
  'cat "$1"',
].join('\n');

/** Lists $1 there: names one a line (ls -A), or the reason on stderr with exit 3. */
const LIST_DIRECTORY = [
  'if [ ! -e "$1" ]; then printf ENOENT >&2; exit 3; fi',
  'if [ ! -d "$1" ]; then printf ENOTDIR >&2; exit 3; fi',
  'ls -A "$1" || { printf EACCES >&2; exit 3; }',
].join('\n');

function tooLarge(maxBytes: number): string {
  return `larger than ${maxBytes} bytes: too large to be what netdoctor reads`;
}

export function sshAccess(host: SshHost): HostAccess {
  const readFile = async (path: string, options: ReadOptions = {}): Promise<FileRead> => {
    const maxBytes = options.maxBytes ?? USER_FILE_MAX_BYTES;
    const r = await host.run(['sh', '-c', READ_FILE, 'sh', path, String(maxBytes)]);
    if (r.exitCode === 0) return { path, text: r.stdout };
    if (r.exitCode === 4) {
      return options.cut
        ? { path, text: r.stdout, truncated: true }
        : { path, text: null, error: tooLarge(maxBytes) };
    }
    if (r.exitCode === 3) return { path, text: null, error: r.stderr.trim() };
    return { path, text: null, error: r.error ?? (r.stderr.trim() || `exit ${r.exitCode}`) };
  };
  const listDirectory = async (
    path: string,
    maxNames = DIRECTORY_MAX_NAMES,
  ): Promise<DirectoryListing> => {
    const r = await host.run(['sh', '-c', LIST_DIRECTORY, 'sh', path]);
    if (r.exitCode !== 0) {
      const error = r.exitCode === 3 ? r.stderr.trim() : (r.error ?? r.stderr.trim());
      return { names: [], truncated: false, error };
    }
    const names = r.stdout.split('\n').filter((n) => n !== '');
    return { names: names.slice(0, maxNames).sort(), truncated: names.length > maxNames };
  };
  return {
    label: host.label,
    run: (argv, options) => host.run(argv, options),
    stream: (argv, options) => host.stream(argv, options),
    openChannel: async (argv, onLine, onExit) => {
      const proc = await host.stream(argv, { onLine, ownStdin: true });
      const exited = proc.done.then(({ exitCode }) => onExit({ code: exitCode, signal: null }));
      await proc.started;
      return {
        pid: undefined,
        send: proc.send,
        close: async () => {
          proc.stop();
          await exited;
        },
      };
    },
    readFile,
    listDirectory,
    which: async (program) => {
      const r = await host.run(['command', '-v', program]);
      const path = r.stdout.trim();
      return r.exitCode === 0 && path.startsWith('/') ? path : null;
    },
    identity: async (): Promise<HostIdentity> => {
      const r = await host.run(['sh', '-c', 'uname -snr; id -u']);
      const [uname = '', uid = ''] = r.stdout.split('\n');
      const [sysname = '', hostname = '', release = ''] = uname.split(' ');
      return {
        hostname,
        kernel: `${sysname} ${release}`,
        uid: /^\d+$/.test(uid) ? Number(uid) : null,
      };
    },
  };
}
