/**
 * The narrow interface the repair sends through (ArpSender), and its implementation on this
 * host: the installed arping (and iputils ping, for the check), run through src/system/.
 * Tests give the probe a fake instead.
 */
import type { HostAccess } from '../../system/access.js';
import { hasCapability } from '../../system/capabilities.js';
import { arpingFeatures } from '../../parse/arping-argv.js';
import type { ArpingOutput } from '../../parse/arping.js';
import { arpingFlavour } from '../../parse/tool-versions.js';

import type { InstalledArping } from './types.js';

export type RawSocketAccess = 'capable' | 'root-without-cap' | 'unprivileged';

/** What one ping run printed; `error` says why it did not run or finish ('not-installed', 'cancelled'). */
export interface EchoOutput extends ArpingOutput {
  readonly error?: string;
}

export interface ArpSender {
  /** The installed arping, or null when there is none. Runs only `-V`/`--help`: sends nothing. */
  detect(signal?: AbortSignal): Promise<InstalledArping | null>;
  /** Runs one arping argv (from arpingArgv) and records what it printed. */
  run(argv: readonly string[], signal?: AbortSignal): Promise<ArpingOutput>;
  /** Runs one ping argv (from pingArgv): the check that the gateway's entry took our MAC. */
  ping(argv: readonly string[], signal?: AbortSignal): Promise<EchoOutput>;
  /** Whether ping is installed (looks on PATH and in the sbin directories: sends nothing). */
  pingInstalled(): Promise<boolean>;
  /**
   * Who this process is for raw sockets: holding CAP_NET_RAW, root without it (a container
   * started without NET_RAW), or an ordinary user (arping then needs its file capability).
   */
  rawSocketAccess(): Promise<RawSocketAccess>;
}

const VERSION_LINE = /^(arping from iputils \S+|ARPing \S+, by Thomas Habets)/m;

/** The ArpSender over a host's arping (its access runs the argv: this machine, or a remote box). */
export function systemArpSender(access: HostAccess): ArpSender {
  const runCommand = access.run.bind(access);
  return {
    async detect(signal) {
      const version = await runCommand(['arping', '-V'], { timeoutMs: 5000, signal });
      if (version.error === 'not-installed') return null;
      const versionText = `${version.stdout}\n${version.stderr}`;
      // Habets' arping answers -V with usage; only --help names it (and lists its flags).
      const help = await runCommand(['arping', '--help'], { timeoutMs: 5000, signal });
      const helpText = `${help.stdout}\n${help.stderr}`;
      const flavour = arpingFlavour(versionText, helpText);
      return {
        path: version.resolved,
        features: arpingFeatures(flavour, helpText),
        versionLine: VERSION_LINE.exec(`${versionText}\n${helpText}`)?.[1] ?? null,
      };
    },
    async run(argv, signal) {
      // Bounded: every argv carries -c (and -w where it waits), so this only catches a hang.
      const out = await runCommand(argv, { timeoutMs: 120_000, signal });
      return { argv, exitCode: out.exitCode, stdout: out.stdout, stderr: out.stderr };
    },
    async ping(argv, signal) {
      // Bounded by -c and -W as well (about 1.5 s when nobody answers).
      const out = await runCommand(argv, { timeoutMs: 30_000, signal });
      return {
        argv,
        exitCode: out.exitCode,
        stdout: out.stdout,
        stderr: out.stderr,
        ...(out.error !== undefined ? { error: out.error } : {}),
      };
    },
    async pingInstalled() {
      return (await access.which('ping')) !== null;
    },
    async rawSocketAccess() {
      if (await hasCapability('CAP_NET_RAW', access)) return 'capable';
      return (await access.identity()).uid === 0 ? 'root-without-cap' : 'unprivileged';
    },
  };
}
