/**
 * The argument lists for Debian's two arpings. Their flags clash: iputils-arping takes
 * `-I IF -s SRC -U -A -D`; Thomas Habets' `arping` package takes `-i IF -S SRC -U -P`, its
 * `-s` is a source MAC and its `-D` only draws dots. Sending iputils flags to Habets' arping
 * would spoof a MAC, so every argv is built for the flavour actually installed.
 */
import type { ArpingFlavour } from './tool-versions.js';

/** The three things the ARP repair asks of arping. */
export type ArpingTask =
  /** Duplicate address detection: does anyone answer for `ip`? Sent from 0.0.0.0. */
  | {
      readonly kind: 'dad';
      readonly iface: string;
      readonly ip: string;
      readonly count: number;
      readonly timeoutS: number;
    }
  /**
   * Unsolicited ARP from `ip` at our MAC: requests (the seed's `-U`) or replies (for devices
   * that only learn from replies). `target` is the gateway, or `ip` itself when none is known.
   */
  | {
      readonly kind: 'announce';
      readonly iface: string;
      readonly ip: string;
      readonly target: string;
      readonly count: number;
      readonly mode: AnnounceMode;
    }
  /** An ARP ping of `target` sourced from `source`: the verification step. */
  | {
      readonly kind: 'ping';
      readonly iface: string;
      readonly source: string;
      readonly target: string;
      readonly count: number;
      readonly timeoutS: number;
    };

export type AnnounceMode = 'request' | 'reply';
export type ArpingTaskKind = ArpingTask['kind'];

/** What the installed arping can do, read from its own usage text. */
export interface ArpingFeatures {
  readonly flavour: ArpingFlavour;
  /** Can send unsolicited ARP requests (iputils -U, Habets -U). */
  readonly unsolicited: boolean;
  /** Can send unsolicited ARP replies (iputils -A, Habets -U -P). */
  readonly replies: boolean;
  /** Can probe from 0.0.0.0 (iputils -D, Habets -0). */
  readonly dad: boolean;
}

/** Whether a usage text lists an option, as `  -U   ...` at the start of a line. */
function lists(helpText: string, flag: string): boolean {
  return new RegExp(`^\\s+${flag}\\b`, 'm').test(helpText);
}

/**
 * Reads the features from the usage text (iputils prints it for `--help` on stderr, Habets
 * on stdout). Old Habets versions lack -U: the seed's reason to prefer iputils.
 */
export function arpingFeatures(flavour: ArpingFlavour, helpText: string): ArpingFeatures {
  switch (flavour) {
    case 'iputils':
      return {
        flavour,
        unsolicited: lists(helpText, '-U'),
        replies: lists(helpText, '-A'),
        dad: lists(helpText, '-D'),
      };
    case 'habets': {
      const unsolicited = lists(helpText, '-U');
      return {
        flavour,
        unsolicited,
        replies: unsolicited && lists(helpText, '-P'),
        dad: lists(helpText, '-0'),
      };
    }
    case 'unknown':
      return { flavour, unsolicited: false, replies: false, dad: false };
  }
}

/** The feature a task needs, or null when the installed arping has it. */
export function missingFeature(features: ArpingFeatures, task: ArpingTask): string | null {
  if (features.flavour === 'unknown') return 'an arping netdoctor recognises';
  if (task.kind === 'dad' && !features.dad) return 'duplicate address detection (-D)';
  if (task.kind === 'announce' && task.mode === 'request' && !features.unsolicited) {
    return 'unsolicited ARP (-U)';
  }
  if (task.kind === 'announce' && task.mode === 'reply' && !features.replies) {
    return 'unsolicited ARP replies (-A)';
  }
  return null;
}

/** The argv for a task on a flavour; the caller checks `missingFeature` first. */
export function arpingArgv(flavour: ArpingFlavour, task: ArpingTask): string[] {
  if (flavour === 'unknown') throw new Error('arpingArgv: unknown arping flavour');
  const iputils = flavour === 'iputils';
  const iface = [iputils ? '-I' : '-i', task.iface];
  switch (task.kind) {
    case 'dad':
      // iputils -D sends from 0.0.0.0 and exits 1 on an answer; Habets' -0 is the same probe.
      return [
        'arping',
        iputils ? '-D' : '-0',
        ...iface,
        '-c',
        String(task.count),
        '-w',
        String(task.timeoutS),
        task.ip,
      ];
    case 'announce': {
      const mode = iputils
        ? [task.mode === 'request' ? '-U' : '-A']
        : task.mode === 'request'
          ? ['-U']
          : ['-U', '-P'];
      return [
        'arping',
        ...mode,
        ...iface,
        iputils ? '-s' : '-S',
        task.ip,
        '-c',
        String(task.count),
        task.target,
      ];
    }
    case 'ping':
      return [
        'arping',
        ...iface,
        iputils ? '-s' : '-S',
        task.source,
        '-c',
        String(task.count),
        '-w',
        String(task.timeoutS),
        task.target,
      ];
  }
}
