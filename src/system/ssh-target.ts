/**
 * `--ssh [USER@]HOST[:PORT]`: the target as typed, checked before anything runs, and the
 * quoting of words for the far side's shell. Pure: no process is started here.
 *
 * ssh sends a remote command as ONE string that the far user's login shell parses, so every
 * word netdoctor puts there goes through `shellQuote` (POSIX single quotes). A target is only
 * ever given to ssh after `--`, and its parts are checked so that none reads as an option.
 */
import { parseTargetText, type TargetParts } from '../net/target-syntax.js';
import { UsageError } from '../usage-error.js';

export interface SshTarget extends TargetParts {
  /** As the person typed it: how reports and findings name the host. */
  readonly given: string;
}

/** Parses `[USER@]HOST[:PORT]` (an IPv6 address in brackets: `[2001:db8::1]:2222`). */
export function parseSshTarget(text: string): SshTarget {
  const parts = parseTargetText(text);
  if ('why' in parts) {
    throw new UsageError(`--ssh '${text}': ${parts.why} (expected [USER@]HOST[:PORT])`);
  }
  return { given: text, ...parts };
}

/** The words that tell ssh who and where (`-l USER -p PORT -- HOST`), options first. */
export function sshTargetArgs(target: SshTarget): string[] {
  return [
    ...(target.user !== undefined ? ['-l', target.user] : []),
    ...(target.port !== undefined ? ['-p', String(target.port)] : []),
  ];
}

/** How a person would reach it with ssh, for the advice in an error line. */
export function sshCommandLine(target: SshTarget): string {
  const port = target.port !== undefined ? `-p ${target.port} ` : '';
  const user = target.user !== undefined ? `${target.user}@` : '';
  return `ssh ${port}${user}${target.host}`;
}

/** One word for a POSIX shell: single-quoted, a quote inside as '\''. */
export function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** An argv as one command line for the far shell, every word quoted. */
export function shellCommand(argv: readonly string[]): string {
  return argv.map(shellQuote).join(' ');
}
