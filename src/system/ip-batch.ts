/**
 * Several `ip -j` reads through one `ip` process (issue 20): `ip OPTIONS -batch -` runs one
 * command per line of its stdin, and with -j prints each command's JSON on a line of its
 * own, exactly what that command alone prints. The global options (-j, -d, -4, -6) apply to
 * the whole batch, so only reads with the same options share a batch: a snapshot's seven
 * reads become four processes (`-j -d`: link; `-j`: addr, neigh; `-j -4` and `-j -6`: route,
 * rule). Each read keeps its own argv as its key; the lab test (local-read.lab.test.ts)
 * compares each one's text with what its command alone prints, byte for byte.
 *
 * A batch is split only when it surely ran every command: exit 0, nothing on stderr, one
 * JSON array per line and as many lines as commands. Anything else (a command that failed,
 * a kernel without IPv6, an iproute2 that prints otherwise) and the reads are run alone, so
 * each one's own exit code and stderr are what is recorded.
 */

export interface IpBatch {
  /** What runs: `ip`, the shared options, `-batch -`. */
  readonly argv: readonly string[];
  /** Its stdin: each read's command words (after the options), one line each. */
  readonly input: string;
  /** The places, in the argv list asked for, of the reads it answers, in its line order. */
  readonly members: readonly number[];
}

/** A word `ip -batch` reads back as itself: no blank, quote, backslash or comment sign. */
const PLAIN_WORD = /^[\w.:/@%+=,-]+$/;

/** An `ip -j` read's options and command, or null when it is not one a batch can carry. */
function ipRead(argv: readonly string[]): { options: string; command: string } | null {
  if (argv[0] !== 'ip' || !argv.slice(1).every((w) => PLAIN_WORD.test(w))) return null;
  const firstWord = argv.findIndex((w, i) => i > 0 && !w.startsWith('-'));
  if (firstWord < 0) return null;
  const options = argv.slice(1, firstWord);
  // Only reads: JSON on one line each; never -batch, -force or -V of its own.
  if (!options.includes('-j') || options.some((o) => !/^-(j|d|4|6)$/.test(o))) return null;
  return { options: options.join(' '), command: argv.slice(firstWord).join(' ') };
}

/**
 * The batches that answer `argvs`' `ip -j` reads (two or more with the same options), and
 * the places of the argvs left to run alone.
 */
export function planIpBatches(argvs: readonly (readonly string[])[]): {
  readonly batches: readonly IpBatch[];
  readonly alone: readonly number[];
} {
  const groups = new Map<string, { at: number; command: string }[]>();
  const alone: number[] = [];
  argvs.forEach((argv, at) => {
    const read = ipRead(argv);
    if (read === null) alone.push(at);
    else
      groups.set(read.options, [
        ...(groups.get(read.options) ?? []),
        { at, command: read.command },
      ]);
  });
  const batches: IpBatch[] = [];
  for (const [options, reads] of groups) {
    if (reads.length < 2) {
      alone.push(...reads.map((r) => r.at));
      continue;
    }
    batches.push({
      argv: ['ip', ...options.split(' '), '-batch', '-'],
      input: reads.map((r) => `${r.command}\n`).join(''),
      members: reads.map((r) => r.at),
    });
  }
  return { batches, alone: alone.sort((a, b) => a - b) };
}

/**
 * Each command's stdout in a batch's output, in order, or null when the batch did not surely
 * run every command as it would have run alone (see the header).
 */
export function splitIpBatch(
  out: {
    readonly exitCode: number | null;
    readonly stdout: string;
    readonly stderr: string;
    readonly error?: string;
  },
  count: number,
): string[] | null {
  if (out.error !== undefined || out.exitCode !== 0 || out.stderr !== '') return null;
  if (!out.stdout.endsWith('\n')) return null;
  const lines = out.stdout.slice(0, -1).split('\n');
  if (lines.length !== count || !lines.every((l) => l.startsWith('[') && l.endsWith(']'))) {
    return null;
  }
  return lines.map((l) => `${l}\n`);
}
