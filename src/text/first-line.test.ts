import { describe, expect, it } from 'vitest';
import { firstLine } from './first-line.js';

describe('firstLine', () => {
  it("keeps an error's first line, or a text's", () => {
    expect(firstLine(new Error('cannot read x: permission denied\n    at open'))).toBe(
      'cannot read x: permission denied',
    );
    expect(firstLine('RTNETLINK answers: File exists\nmore')).toBe(
      'RTNETLINK answers: File exists',
    );
    expect(firstLine(42)).toBe('42');
    expect(firstLine('')).toBe('');
  });
});
