#!/usr/bin/env node
// The netdoctor command. The only place that ends the process, with the code main returns.
import { main, processIo } from '../dist/cli.js';

main(process.argv.slice(2), processIo()).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`netdoctor: internal error: ${err?.message ?? err}\n`);
    process.exitCode = 2;
  },
);
