/** `netdoctor snapshot`: record every source of this host, raw, into one JSON file. */
import type { Command } from 'commander';
import { hostOf, WORKSTATION } from '../wiring/host.js';
import { safeText } from '../text/safe.js';
import { EXIT_OK } from '../exit-codes.js';
import { checkOutputName, toJson, type CliIo } from './context.js';
import { buildHostState } from '../state/host-state.js';
import { readProblemLines, readProblems } from '../report/read-problems.js';

export function registerSnapshot(
  program: Command,
  io: CliIo,
  setExit: (code: number) => void,
): void {
  program
    .command('snapshot')
    .description(
      'record this host (raw outputs of ip, /proc and /sys) to a JSON file; sends nothing',
    )
    .option('-o, --output <file>', 'write to this file instead of standard output')
    .option('--json', 'accepted for symmetry: a snapshot is always JSON')
    .action(async (opts: { output?: string }) => {
      checkOutputName(opts.output);
      const snapshot = await hostOf(io).readSnapshot();
      const text = toJson(snapshot);
      if (opts.output !== undefined) {
        await WORKSTATION.writeFile(opts.output, text);
        const where = snapshot.host.netns ? ` (netns ${snapshot.host.netns})` : '';
        io.err(
          `${safeText(`snapshot of ${snapshot.host.hostname}${where}: ${Object.keys(snapshot.sources).length} sources written to ${opts.output}`)}\n`,
        );
      } else {
        io.out(text);
      }
      // Recorded as they are, failures too; what netdoctor will not be able to read of them is
      // said now, on stderr, while the host can still be looked at again.
      for (const w of readProblemLines(readProblems(buildHostState(snapshot), 'host'))) {
        io.err(`netdoctor: could not read ${safeText(w)}\n`);
      }
      setExit(EXIT_OK);
    });
}
