/**
 * The entry of dist/netdoctor.mjs (scripts/build.mjs): runs the command line with this
 * process's arguments and sets the exit code that main returns. Importing it runs it.
 *
 * The app itself (cli.tsx and all it imports) is a dynamic import on purpose. The build
 * splits the app into chunks, and a chunk's static imports all run before its own code: had
 * cli.js been a static import here, commander and a score of other chunks would load before
 * the read-ahead below could start the host's commands (issue 20).
 */
// First: a live overview's commands start before the rest of the app loads (issue 20).
import './overview-ahead-now.js';
import { exitWaitsFor, stopOnHangUp } from './system/signals.js';

// A reader that goes away early (`netdoctor overview | head -1`, an SSH session that closed)
// is a normal end, not an error: stop quietly instead of printing an EPIPE stack trace.
// EIO is what a write to a terminal that hung up gets: the same as SIGHUP. Either way a
// command's signal trap, when set, stops its work and cleans up before the exit.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE' || err.code === 'EIO') {
      return stopOnHangUp(err.code, typeof process.exitCode === 'number' ? process.exitCode : 0);
    }
    throw err;
  });
}

const run = import('./cli.js')
  .then(({ main, processIo }) => main(process.argv.slice(2), processIo()))
  .then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(
        `netdoctor: internal error: ${err instanceof Error ? err.message : String(err)}\n`,
      );
      process.exitCode = 2;
    },
  );
// A signal's exit waits for this run to print what it has, its error included.
exitWaitsFor(run);
