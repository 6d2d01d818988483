import { describe, expect, it } from 'vitest';
import { colorWanted, toneProps } from './theme.js';

describe('colour', () => {
  it.each([
    [{}, true],
    [{ NO_COLOR: '1' }, false],
    [{ NO_COLOR: '' }, true],
  ])('NO_COLOR in %j: colour %s', (env, wanted) => {
    expect(colorWanted(env)).toBe(wanted);
  });

  it('keeps emphasis but drops colour without it', () => {
    expect(toneProps('bad', { color: true })).toEqual({ color: 'red', bold: true });
    expect(toneProps('bad', { color: false })).toEqual({ bold: true });
    expect(toneProps('warn', { color: false })).toEqual({ bold: false });
  });
});
