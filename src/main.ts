/**
 * The entry of dist/netdoctor.mjs (scripts/build.mjs): runs the command line with this
 * process's arguments and sets the exit code that main returns. Importing it runs it.
 */
import { main, processIo } from './cli.js';

main(process.argv.slice(2), processIo()).then(
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
