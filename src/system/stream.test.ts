import { describe, expect, it } from 'vitest';
import { streamLines, streamLinesFed } from './stream.js';
import { ToolMissing } from './errors.js';

describe('streamLines', () => {
  it('delivers each line as it is printed, and how the child ended', async () => {
    const lines: string[] = [];
    const child = await streamLines(['printf', 'one\\ntwo\\nthree'], {
      onLine: (l) => lines.push(l),
    });
    await child.started;
    expect(await child.done).toEqual({ exitCode: 0, killed: false });
    expect(lines).toEqual(['one', 'two', 'three']);
  });

  it('kills the child when the signal aborts, and says so', async () => {
    const controller = new AbortController();
    const child = await streamLines(['sleep', '30'], {
      signal: controller.signal,
      onLine: () => {},
    });
    await child.started;
    controller.abort();
    expect(await child.done).toEqual({ exitCode: null, killed: true });
  });

  it('names the Debian package of a missing tool', async () => {
    await expect(streamLines(['no-such-tool-nd'], { onLine: () => {} })).rejects.toBeInstanceOf(
      ToolMissing,
    );
  });

  it('streamLinesFed: the child reads what is written while it runs, and ends at endInput', async () => {
    const lines: string[] = [];
    let answered: () => void = () => {};
    const child = await streamLinesFed(['cat'], {
      input: 'one\n',
      onLine: (l) => {
        lines.push(l);
        answered();
      },
    });
    // Each line comes back before the next is written: cat has it while its input is open.
    await new Promise<void>((resolve) => (lines.length > 0 ? resolve() : (answered = resolve)));
    child.write('two\n');
    await new Promise<void>((resolve) => (lines.length > 1 ? resolve() : (answered = resolve)));
    expect(lines).toEqual(['one', 'two']);
    child.endInput();
    child.write('lost\n'); // after the end: dropped, not an error
    expect(await child.done).toEqual({ exitCode: 0, killed: false });
    expect(lines).toEqual(['one', 'two']);
  });
});
