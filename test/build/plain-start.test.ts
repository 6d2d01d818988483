/**
 * What runs before a live overview's read-ahead starts the host's commands (src/main.ts,
 * issue 20). The build splits the app into chunks and a chunk's static imports all run
 * before its own code, so whatever main.ts imports statically loads before the read-ahead:
 * that must be the read-ahead and the hang-up handler, never the app (cli.tsx, commander).
 */
import { describe, expect, it } from 'vitest';
import { staticClosure } from '../helpers/static-closure.js';

describe("a plain command's start", () => {
  it('starts the read-ahead before it loads the app', async () => {
    const start = await staticClosure(['src/main.ts']);
    expect(start.has('src/commands/overview-ahead.ts')).toBe(true); // the closure is the entry's
    expect(start.has('src/system/run-all.ts')).toBe(true);
    const app =
      /^src\/(cli\.tsx|commands\/(?!overview-ahead\.ts$)|diagnose\/|report\/|ui\/)|^commander$/;
    expect([...start].filter((f) => app.test(f))).toEqual([]);
  }, 30_000);
});
