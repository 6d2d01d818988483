#!/usr/bin/env node
// The netdoctor command. The only place that ends the process, with the code main returns.
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
