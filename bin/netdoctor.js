#!/usr/bin/env node
// The netdoctor command: runs the one built file, dist/netdoctor.mjs, which sets the exit
// code itself and ends quietly when its reader goes away (src/main.ts). `npm run build`
// makes it.
import { URL } from 'node:url';

const bundle = new URL('../dist/netdoctor.mjs', import.meta.url);
await import(bundle.href).catch((err) => {
  if (err?.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes('netdoctor.mjs')) {
    process.stderr.write('netdoctor: not built yet: run npm run build (npm ci does it)\n');
  } else {
    process.stderr.write(`netdoctor: internal error: ${err?.message ?? err}\n`);
  }
  process.exitCode = 2;
});
