import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { askYesNo } from './terminal.js';

/** A terminal: readline reads keys from it (Ctrl-C is a key there, not a signal). */
function terminal() {
  const input = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => input });
  const output = Object.assign(new PassThrough(), { isTTY: true, columns: 80 });
  output.resume();
  return { input, output };
}

describe('askYesNo', () => {
  it('yes only for y or yes', async () => {
    const t = terminal();
    const yes = askYesNo('Send? ', t);
    t.input.write('yes\r');
    expect(await yes).toBe(true);
    const t2 = terminal();
    const no = askYesNo('Send? ', t2);
    t2.input.write('sure\r');
    expect(await no).toBe(false);
  });

  it('Ctrl-C at the question is no, and goes to the signal trap as SIGINT', async () => {
    const t = terminal();
    let interrupted = 0;
    const answer = askYesNo('Send? ', { ...t, interrupt: () => interrupted++ });
    t.input.write('\x03');
    expect(await answer).toBe(false);
    expect(interrupted).toBe(1);
  });
});
