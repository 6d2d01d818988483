#!/usr/bin/env node
// The netdoctor command (CommonJS: bin/package.json). It runs the one built file,
// dist/netdoctor.mjs, without loading it as a module: Node's module loader would read,
// decode and scan all 2 MB of it and keep it in memory for the life of the process. The
// file's third and fourth lines are its meta (JSON) and its launcher (scripts/launcher.mjs,
// launcher()); this reads only those, and the launcher reads the sections a command needs,
// by offset. `node dist/netdoctor.mjs` runs the same launcher as an ES module. The app sets
// the exit code itself and ends quietly when its reader goes away (src/main.ts).
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const file = path.join(__dirname, '..', 'dist', 'netdoctor.mjs');
const META = 'const meta = ';
const LAUNCH = 'const launch = ';

/** One line on stderr, exit code 2: how every failure of netdoctor reads. */
function fail(message) {
  process.stderr.write(`netdoctor: ${String(message).split('\n')[0]}\n`);
  process.exitCode = 2;
}

/** The file's meta and launcher text, from its first bytes (null: not built yet). */
function readHeader() {
  let fd;
  try {
    fd = fs.openSync(file, 'r');
  } catch (err) {
    if (err.code === 'ENOENT') return null;
    throw err;
  }
  try {
    const damaged = () => new Error(`${file} is damaged (header): copy it again`);
    let buf = Buffer.allocUnsafe(64 * 1024);
    let length = fs.readSync(fd, buf, 0, buf.length, 0);
    let text = buf.latin1Slice(0, length);
    // Lines 1 and 2 are the #! line and a comment; line 3 the meta, line 4 the launcher.
    const start = text.indexOf('\n', text.indexOf('\n') + 1) + 1;
    const end = text.indexOf('\n', start);
    if (start === 0 || end < 0 || !text.startsWith(META, start) || text[end - 1] !== ';') {
      throw damaged();
    }
    let meta;
    try {
      meta = JSON.parse(text.slice(start + META.length, end - 1));
    } catch {
      throw damaged();
    }
    const from = end + 1 + LAUNCH.length;
    const to = from + meta.launch;
    if (to > length && length === buf.length) {
      buf = Buffer.allocUnsafe(to);
      length = fs.readSync(fd, buf, 0, to, 0);
      text = buf.latin1Slice(0, length);
    }
    if (!text.startsWith(LAUNCH, end + 1) || to > length || text[to] !== ';') throw damaged();
    return { meta, launch: text.slice(from, to) };
  } finally {
    fs.closeSync(fd);
  }
}

try {
  const header = readHeader();
  const argv = process.argv.slice(2);
  if (header === null) {
    fail('not built yet: run npm run build (npm ci does it)');
  } else if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
    process.stdout.write(`${header.meta.version}\n`);
  } else {
    const { Script } = require('node:vm');
    const { pathToFileURL } = require('node:url');
    const { createRequire } = require('node:module');
    const launch = new Script(header.launch, { filename: file }).runInThisContext();
    launch(pathToFileURL(file).href, header.meta, createRequire).catch((err) =>
      fail(err?.message ?? err),
    );
  }
} catch (err) {
  fail(err?.message ?? err);
}
