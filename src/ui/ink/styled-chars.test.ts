import { describe, expect, it } from 'vitest';
import * as library from '../../../node_modules/@alcalzone/ansi-tokenize/build/index.js';
import { sharedStyledChars, type StyledChar } from './styled-chars.js';

const ours = sharedStyledChars(library);

const ESC = '\u001b';
/** Lines as Ink's Text gives them: chalk's codes, nested, reset, 256 and 24-bit colours, a link. */
const LINES = [
  '',
  'plain text',
  `${ESC}[1m${ESC}[36mInterfaces (4)${ESC}[39m${ESC}[22m`,
  `${ESC}[7m${ESC}[1m${ESC}[36m 1 Overview ${ESC}[39m${ESC}[22m${ESC}[27m2 Discover 3 VLAN`,
  `${ESC}[90m    inet  127.0.0.1/8 host${ESC}[39m`,
  `${ESC}[33mifb0 DOWN${ESC}[39m 1500 ${ESC}[2mdim${ESC}[1mbold and dim${ESC}[22m none`,
  `${ESC}[1;3;31mcompound${ESC}[0m after reset`,
  `${ESC}[38;5;208m256${ESC}[48;2;10;20;30m truecolour bg${ESC}[49m${ESC}[39m`,
  `${ESC}]8;;https://example.org\u0007link${ESC}]8;;\u0007 after`,
  `wide 漢字 and 🙂 ${ESC}[31mred 漢${ESC}[39m`,
  `${ESC}[4munderlined to the end`,
  `${ESC}[31m${ESC}[32mgreen over red${ESC}[39m`,
];

/** A row as Ink's Output builds it: blank cells, then the characters of lines written at x. */
function row(
  width: number,
  writes: readonly (readonly [number, string])[],
  make: Pick<typeof ours, 'styledCharsFromTokens'> = library,
) {
  const cells: StyledChar[] = Array.from({ length: width }, () => ({
    type: 'char',
    value: ' ',
    fullWidth: false,
    styles: [],
  }));
  for (const [x, line] of writes) {
    let at = x;
    for (const c of make.styledCharsFromTokens(library.tokenize(line))) {
      cells[at] = c;
      at += c.fullWidth ? 2 : 1;
    }
  }
  return cells.filter((c) => c !== undefined);
}

describe("Ink's styled characters, with shared styles", () => {
  it('gives each line the same characters and styles as the library', () => {
    for (const line of LINES) {
      const tokens = library.tokenize(line);
      expect(ours.styledCharsFromTokens(tokens), line).toEqual(
        library.styledCharsFromTokens(tokens),
      );
    }
  });

  it('writes each line back as the library does', () => {
    for (const line of LINES) {
      const chars = library.styledCharsFromTokens(library.tokenize(line));
      const shared = ours.styledCharsFromTokens(library.tokenize(line));
      expect(ours.styledCharsToString(shared), line).toBe(library.styledCharsToString(chars));
      expect(ours.styledCharsToString(chars), line).toBe(library.styledCharsToString(chars));
    }
  });

  it('writes rows of several lines over blank cells as the library does', () => {
    for (const [i, a] of LINES.entries()) {
      for (const b of LINES.slice(i)) {
        const writes = [
          [0, a],
          [3, b],
          [40, a],
        ] as const;
        const expected = library.styledCharsToString(row(80, writes));
        expect(ours.styledCharsToString(row(80, writes, ours)), `${a} | ${b}`).toBe(expected);
      }
    }
  });
});
