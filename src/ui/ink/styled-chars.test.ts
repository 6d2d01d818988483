import v8 from 'node:v8';
import { describe, expect, it } from 'vitest';
import * as library from '../../../node_modules/@alcalzone/ansi-tokenize/build/index.js';
import {
  SHARED_CHARS_MAX,
  SHARED_STYLES_MAX,
  sharedStyledChars,
  type StyledChar,
} from './styled-chars.js';

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

describe('styled characters shared between lines', () => {
  const chars = (line: string, made = sharedStyledChars(library)) =>
    made.styledCharsFromTokens(library.tokenize(line));

  it('gives the same text in the same styles the same character, in any line', () => {
    const made = sharedStyledChars(library);
    const [a] = chars(`${ESC}[32mx${ESC}[39m plain x`, made);
    const [b] = chars(`${ESC}[32mxyz${ESC}[39m`, made);
    expect(b).toBe(a);
    const plain = chars('x x', made);
    expect(plain[0]).toBe(plain[2]);
    expect(plain[0]).not.toBe(a);
    expect(plain[0]?.styles).toEqual([]);
  });

  it('shares no character between different styles or widths', () => {
    const made = sharedStyledChars(library);
    const [green] = chars(`${ESC}[32mx${ESC}[39m`, made);
    const [red] = chars(`${ESC}[31mx${ESC}[39m`, made);
    const [boldGreen] = chars(`${ESC}[1m${ESC}[32mx${ESC}[39m${ESC}[22m`, made);
    const [greenBold] = chars(`${ESC}[32m${ESC}[1mx${ESC}[22m${ESC}[39m`, made);
    expect(new Set([green, red, boldGreen, greenBold]).size).toBe(4);
    expect(red?.styles.map((s) => s.code)).toEqual([`${ESC}[31m`]);
    expect(greenBold?.styles.map((s) => s.code)).toEqual([`${ESC}[32m`, `${ESC}[1m`]);
    const styledNarrow = made.styledCharsFromTokens([
      { type: 'char', value: 'w', fullWidth: false },
    ]);
    const styledWide = made.styledCharsFromTokens([{ type: 'char', value: 'w', fullWidth: true }]);
    expect(styledWide[0]?.fullWidth).toBe(true);
    expect(styledNarrow[0]?.fullWidth).toBe(false);
  });

  it('writes the same text after more styles than it keeps', () => {
    const made = sharedStyledChars(library);
    for (let i = 0; i < SHARED_STYLES_MAX + 10; i++) {
      const line = `${ESC}[38;5;${i % 256}mc${ESC}[48;5;${(i * 7) % 256}md${ESC}[49m${ESC}[39m e`;
      const expected = library.styledCharsToString(
        library.styledCharsFromTokens(library.tokenize(line)),
      );
      expect(made.styledCharsToString(chars(line, made)), line).toBe(expected);
    }
  });

  it('gives the right characters after more than it keeps', () => {
    const made = sharedStyledChars(library);
    const text = (i: number) => String.fromCodePoint(0x4e00 + i);
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < SHARED_CHARS_MAX + 10; i++) {
        const line = `${text(i)}${ESC}[31m${text(i + 1)}${ESC}[39m`;
        expect(chars(line, made), line).toEqual(
          library.styledCharsFromTokens(library.tokenize(line)),
        );
      }
    }
  });

  it('makes characters of one hidden class (a spread gave each its own in V8)', () => {
    v8.setFlagsFromString('--allow-natives-syntax');
    const sameMap = new Function('a', 'b', 'return %HaveSameMap(a, b)') as (
      a: unknown,
      b: unknown,
    ) => boolean;
    v8.setFlagsFromString('--no-allow-natives-syntax');
    const line = chars(`ab ${ESC}[31mcd${ESC}[39m 漢`);
    for (const c of line) expect(sameMap(c, line[0])).toBe(true);
  });
});
