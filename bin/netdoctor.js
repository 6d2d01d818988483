#!/usr/bin/env node
// The netdoctor command. The only place that ends the process, with the code main returns.

// A reader that goes away early (`netdoctor overview | head -1`, an SSH session that closed)
// is a normal end, not an error: stop quietly instead of printing an EPIPE stack trace.
// EIO is what a write to a terminal that hung up gets.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err && (err.code === 'EPIPE' || err.code === 'EIO')) {
      process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
    }
    throw err;
  });
}

const built = await import('../dist/cli.js').catch(() => null);
if (built === null) {
  process.stderr.write('netdoctor: not built yet: run npm run build (npm ci does it)\n');
  process.exit(2);
}
built.main(process.argv.slice(2), built.processIo()).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`netdoctor: internal error: ${err?.message ?? err}\n`);
    process.exitCode = 2;
  },
);
