/**
 * The snapshot as ONE POSIX `sh` script: every source of collect.ts read by a shell in one
 * process (sent on stdin: `ssh HOST sh -s`, or `sh -s` here), each source framed with its
 * exit code, its stdout and its stderr, so a far host is read in one round trip and the
 * records are the very ones a local read makes (same keys, same texts, same errors).
 *
 * A frame, where T is a token random per read (no output can contain it by chance):
 *
 *   T KIND KEY\n STDOUT \nT STATUS DETAIL\n STDERR \nT.\n
 *
 * KIND: `cmd` (STATUS: its exit code, `missing` or `timeout`; DETAIL: the executable that
 * ran), `file` (STATUS `0`, `cut` when only the first bytes were read, or `err` with the
 * reason in DETAIL, in files.ts's words), `list` (a directory's names, one a line; `0` or
 * `err`), `host` (uname -snr, the uid, `ip netns identify`). Commands write straight into the
 * stream and small files are read by the shell itself: few processes, so the far host (and a
 * loaded one here) answers fast.
 *
 * Pure: this file builds text and reads text. Running it is the caller's (collect-remote.ts).
 */
import { TOOLS } from '../catalog/tools.js';
import {
  ARPING_HELP_ARGV,
  BRIDGE_VLAN_SOURCE,
  FIREWALL_SOURCES,
  GLOBAL_SYSCTLS,
  IP_SOURCES,
  IPV4_CONF_DIR,
  IPV6_CONF_DIR,
  IPV6_INTERFACE_SYSCTLS,
  LEGACY_FIREWALL_SOURCES,
  OPENVPN_CCD_MAX_BYTES,
  OPENVPN_CCD_MAX_FILES,
  OPENVPN_CONFIG_DIRS,
  OPENVPN_MAX_BYTES,
  OPENVPN_MAX_FILES,
  READ_INTERFACE_SYSCTLS,
  VLAN_CONFIG,
  VLAN_PROC_DIR,
  versionArgv,
} from './sources.js';

/** Seconds each command may take, as runCommand's timeout in collect.ts (5000 ms). */
const COMMAND_TIMEOUT_S = 5;

function q(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

function words(argv: readonly string[]): string {
  return argv.map(q).join(' ');
}

/**
 * The shell functions. `$T` is the token, `$D` a private temp dir (removed on any exit) for
 * stderr. Every command reads /dev/null: the script itself arrives on stdin.
 */
const LIBRARY = `
LC_ALL=C; export LC_ALL
umask 077
set -f
D=$(mktemp -d 2>/dev/null) || { echo "netdoctor: mktemp -d failed" >&2; exit 70; }
trap 'rm -rf "$D"' EXIT
trap 'exit 129' HUP
trap 'exit 141' PIPE
trap 'exit 143' TERM
TIMEOUT=; if command -v timeout >/dev/null 2>&1; then TIMEOUT=timeout; fi
TO=
KEEP=
end() { # status detail: the trailer, stderr from $D/e, the end mark
  printf '\\n%s %s %s\\n' "$T" "$1" "$2"
  if [ -s "$D/e" ]; then cat "$D/e"; fi
  printf '\\n%s.\\n' "$T"
}
resolve() { # like tools.ts findExecutable: PATH, then the sbin directories
  case $1 in */*) R=$1; return 0;; esac
  oifs=$IFS; IFS=:
  for dir in $PATH:/usr/local/sbin:/usr/sbin:/sbin; do
    [ -n "$dir" ] || continue
    if [ -x "\${dir%/}/$1" ]; then R=\${dir%/}/$1; IFS=$oifs; return 0; fi
  done
  IFS=$oifs; return 1
}
run() {
  if [ -n "$TO" ]; then $TO -k 1 ${COMMAND_TIMEOUT_S} "$R" "$@" </dev/null 2>"$D/e"; else "$R" "$@" </dev/null 2>"$D/e"; fi
}
cmd() { # key argv...: runs it, frames it; returns 1 when it is not installed
  key=$1; shift; : >"$D/e"
  printf '%s cmd %s\\n' "$T" "$key"
  if ! resolve "$1"; then end missing ''; return 1; fi
  shift
  if [ -n "$KEEP" ]; then run "$@" >"$D/o"; rc=$?; cat "$D/o"; else run "$@"; rc=$?; fi
  if [ -n "$TO" ] && [ "$rc" -eq 124 ]; then end timeout "$R"; else end "$rc" "$R"; fi
}
check() { # E: why $1 cannot be read as a regular file, or empty
  E=
  if [ ! -e "$1" ]; then E=ENOENT
  elif [ -d "$1" ]; then E='is a directory'
  elif [ -p "$1" ]; then E='is a FIFO (named pipe), not a regular file'
  elif [ -c "$1" ] || [ -b "$1" ]; then E='is a device, not a regular file'
  elif [ -S "$1" ]; then E='is a socket, not a regular file'
  elif [ ! -f "$1" ]; then E='is not a regular file'
  elif [ ! -r "$1" ]; then E=EACCES
  fi
}
file() { # path: a kernel file (/proc, /sys); read later, all at once, by kfiles
  check "$1"
  if [ -z "$E" ]; then printf '%s\\n' "$1" >>"$D/files"; return; fi
  : >"$D/e"; printf '%s file %s\\n' "$T" "$1"; end err "$E"
}
kfiles() { # frames every file that file() listed, with one awk
  [ -s "$D/files" ] || return 0
  awk -v T="$T" -v list="$D/files" '
    BEGIN {
      while ((getline f < list) > 0) {
        printf "%s file %s\\n", T, f
        while ((r = (getline line < f)) > 0) print line
        close(f)
        if (r < 0) printf "\\n%s err EACCES\\n\\n%s.\\n", T, T
        else printf "\\n%s 0 \\n\\n%s.\\n", T, T
      }
    }' </dev/null
}
bfile() { # path maxbytes: at most maxbytes of a file (status cut when it holds more)
  : >"$D/e"; check "$1"
  printf '%s file %s\\n' "$T" "$1"
  if [ -n "$E" ]; then end err "$E"; return; fi
  if ! head -c $(($2 + 1)) "$1" >"$D/o" 2>/dev/null </dev/null; then end err EACCES; return; fi
  if [ $(($(wc -c <"$D/o"))) -gt "$2" ]; then head -c "$2" "$D/o"; end cut ''; else cat "$D/o"; end 0 ''; fi
}
names() { # dir: its names, one a line, sorted bytewise
  ls -A "$1" 2>/dev/null </dev/null
}
list() { # dir [file]: frames a directory's names (those in file when given)
  : >"$D/e"
  printf '%s list %s\\n' "$T" "$1"
  if [ ! -e "$1" ]; then end err ENOENT; return 1; fi
  if [ ! -d "$1" ]; then end err ENOTDIR; return 1; fi
  if [ -n "\${2:-}" ]; then cat "$2"; end 0 ''; return 0; fi
  if names "$1"; then end 0 ''; else end err EACCES; return 1; fi
}
`;

/** The part that reads everything, in collect.ts's order. */
function mainBody(): string {
  const lines: string[] = [];
  const command = (argv: readonly string[]) => `cmd ${q(argv.join(' '))} ${words(argv)}`;
  for (const argv of [...Object.values(IP_SOURCES), BRIDGE_VLAN_SOURCE]) lines.push(command(argv));
  for (const tool of TOOLS) {
    const argv = versionArgv(tool);
    if (tool.name !== 'arping') lines.push(command(argv));
    // Habets' arping says nothing of iputils to -V: its --help names it (collect.ts).
    else
      lines.push(
        `KEEP=1; if ${command(argv)} && ! grep -q iputils "$D/o" "$D/e"; then ARPING_HELP=1; fi; KEEP=`,
      );
  }
  lines.push(...GLOBAL_SYSCTLS.map((p) => `file ${q(p)}`));
  const perInterface = (dir: string, names: readonly string[]) =>
    `names ${q(dir)} | while IFS= read -r n; do for s in ${names.join(' ')}; do file ${q(dir)}/"$n"/"$s"; done; done`;
  lines.push(perInterface(IPV4_CONF_DIR, READ_INTERFACE_SYSCTLS));
  lines.push(perInterface(IPV6_CONF_DIR, IPV6_INTERFACE_SYSCTLS));
  // vlanPaths: the config always (its absence says "no 8021q"), then every other file there.
  lines.push(`file ${q(VLAN_CONFIG)}`);
  lines.push(
    `names ${q(VLAN_PROC_DIR)} | while IFS= read -r n; do [ ${q(`${VLAN_PROC_DIR}/`)}"$n" = ${q(VLAN_CONFIG)} ] || file ${q(VLAN_PROC_DIR)}/"$n"; done`,
  );
  // OpenVPN: each directory's .conf files, at most OPENVPN_MAX_FILES over all of them.
  lines.push(`budget=${OPENVPN_MAX_FILES}`);
  for (const dir of OPENVPN_CONFIG_DIRS) {
    lines.push(
      `: >"$D/confs"; if [ -d ${q(dir)} ] && [ "$budget" -gt 0 ]; then names ${q(dir)} | grep '\\.conf$' | head -n "$budget" >"$D/confs"; fi`,
      `list ${q(dir)} "$D/confs"`,
      `while IFS= read -r n; do budget=$((budget - 1)); done <"$D/confs"`,
      `while IFS= read -r n; do bfile ${q(dir)}/"$n" ${OPENVPN_MAX_BYTES}; done <"$D/confs"`,
    );
  }
  // Only the firewall's readers run under timeout(1): they take locks and can wait on them;
  // the rest reads the kernel and returns. Each timeout(1) is one more process, and on a
  // small or loaded router processes are what a read costs.
  lines.push('TO=$TIMEOUT');
  lines.push(command(FIREWALL_SOURCES.nft));
  for (const family of ['iptables', 'ip6tables'] as const) {
    lines.push(
      `if ${command(FIREWALL_SOURCES[family])} && grep -q 'ip6\\{0,1\\}tables-legacy tables present' "$D/e"; then LEGACY_${family}=1; fi`,
    );
  }
  for (const family of ['iptables', 'ip6tables'] as const) {
    lines.push(
      `if [ -n "\${LEGACY_${family}:-}" ]; then ${command(LEGACY_FIREWALL_SOURCES[family])}; fi`,
    );
  }
  lines.push('TO=');
  lines.push(`if [ -n "\${ARPING_HELP:-}" ]; then ${command(ARPING_HELP_ARGV)}; fi`);
  lines.push('kfiles');
  lines.push(
    `: >"$D/e"; printf '%s host host\\n' "$T"; uname -snr; id -u; ip netns identify 2>/dev/null </dev/null; end 0 ''`,
  );
  return lines.join('\n');
}

/**
 * The whole script for a token. Wrapped in one function, called once at the end: `sh -s`
 * parses all of it before anything runs, so no command can eat the rest of the script.
 */
export function snapshotScript(token: string): string {
  return `main() {\nT=${q(token)}\n${LIBRARY}\n${mainBody()}\n}\nmain\n`;
}

/** Reads client-config-dirs (named by OpenVPN configs read in the first pass). */
export function clientConfigDirScript(token: string, dirs: readonly string[]): string {
  const body = dirs.map(
    (dir) =>
      `if list ${q(dir)}; then names ${q(dir)} | grep -v '^\\.' | head -n ${OPENVPN_CCD_MAX_FILES} | while IFS= read -r n; do bfile ${q(dir)}/"$n" ${OPENVPN_CCD_MAX_BYTES}; done; fi`,
  );
  return `main() {\nT=${q(token)}\n${LIBRARY}\n${body.join('\n')}\n}\nmain\n`;
}

export interface Frame {
  readonly kind: 'cmd' | 'file' | 'list' | 'host';
  readonly key: string;
  /** cmd: the exit code, `missing` or `timeout`; file: `0`, `cut` or `err`; list: `0` or `err`. */
  readonly status: string;
  /** cmd: the executable that ran; err: the reason. */
  readonly detail: string;
  readonly stdout: string;
  readonly stderr: string;
}

export class CollectorOutputInvalid extends Error {
  constructor(why: string) {
    super(`the collector's output is not what it writes: ${why}`);
    this.name = 'CollectorOutputInvalid';
  }
}

/**
 * Splits the script's stdout into frames. Throws CollectorOutputInvalid when it does not
 * frame (a script cut short: the connection dropped, a shell that is not POSIX).
 */
export function parseFrames(output: Buffer, token: string): Frame[] {
  const frames: Frame[] = [];
  const trailerMark = Buffer.from(`\n${token} `);
  const endMark = Buffer.from(`\n${token}.\n`);
  const lineAt = (from: number) => {
    const eol = output.indexOf(0x0a, from);
    if (eol < 0) throw new CollectorOutputInvalid('cut short');
    return { text: output.subarray(from, eol).toString('utf8'), eol };
  };
  let at = 0;
  while (at < output.length) {
    const header = lineAt(at);
    const h = /^(\S+) (cmd|file|list|host) (.*)$/.exec(header.text);
    if (!h || h[1] !== token) {
      throw new CollectorOutputInvalid(`'${header.text.slice(0, 60)}' where a frame should begin`);
    }
    const trailerAt = output.indexOf(trailerMark, header.eol);
    if (trailerAt < 0) throw new CollectorOutputInvalid(`${h[3]} cut short`);
    const trailer = lineAt(trailerAt + 1);
    const t = /^\S+ (\S+) ?(.*)$/.exec(trailer.text);
    const endAt = output.indexOf(endMark, trailer.eol);
    if (!t || endAt < 0) throw new CollectorOutputInvalid(`${h[3]} cut short`);
    frames.push({
      kind: h[2] as Frame['kind'],
      key: h[3]!,
      status: t[1]!,
      detail: t[2]!,
      stdout: output.subarray(header.eol + 1, trailerAt).toString('utf8'),
      stderr: output.subarray(trailer.eol + 1, endAt).toString('utf8'),
    });
    at = endAt + endMark.length;
  }
  return frames;
}
