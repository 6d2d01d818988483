import { describe, expect, it } from 'vitest';
import stringWidth from 'string-width';
import { NARROW_TEXT, narrowSegmenter, withNarrowFastPath } from '../../src/text/narrow.js';

/** Every code point of the Basic Multilingual Plane that NARROW_TEXT takes as one column. */
function narrowCharacters(): string[] {
  const out: string[] = [];
  for (let cp = 0; cp <= 0xffff; cp++) {
    const c = String.fromCharCode(cp);
    if (NARROW_TEXT.test(c)) out.push(c);
  }
  return out;
}

/** Narrow, wide, combining and coloured text, and escapes that are not colours. */
const SAMPLES = [
  'Raspberry Pi Foun…',
  '1 Overview │ 2 Discover',
  'ü·→✓✗▏└',
  '\u001b[31mred\u001b[39m',
  '\u001b[1;38;2;10;20;30mtruecolour\u001b[0m …│',
  '\u001b[31m漢字\u001b[39m',
  '\u001b]8;;https://example.org\u0007link\u001b]8;;\u0007',
  '\u001b[12345m five digits',
  'a\u001b[mb',
  '\u001b[31',
  '\u001b7saved',
  '漢字',
  '🙂 ok',
  'e\u0301',
  'soft\u00adhyphen',
  '',
];

describe('the narrow-text fast path in front of string-width', () => {
  it('takes only characters string-width itself gives one column', () => {
    const chars = narrowCharacters();
    expect(chars.length).toBeGreaterThan(900);
    const wrong = chars.filter((c) => stringWidth(c) !== 1);
    expect(wrong.map((c) => c.codePointAt(0)!.toString(16))).toEqual([]);
  });

  it('agrees with the older string-width that wrap-ansi brings, too', async () => {
    // Ink wraps text with wrap-ansi, which has string-width 7 of its own; the build puts the
    // fast path in front of both.
    const older =
      (await import('../../node_modules/wrap-ansi/node_modules/string-width/index.js')) as {
        default: (text: string) => number;
      };
    const wrong = narrowCharacters().filter((c) => older.default(c) !== 1);
    expect(wrong.map((c) => c.codePointAt(0)!.toString(16))).toEqual([]);
    const width = withNarrowFastPath(older.default);
    for (const s of SAMPLES) expect(width(s), s).toBe(older.default(s));
  });

  it('answers as string-width does, fast or not', () => {
    const width = withNarrowFastPath(stringWidth);
    for (const s of SAMPLES) expect(width(s), s).toBe(stringWidth(s));
    expect(width('…', { ambiguousIsNarrow: false })).toBe(
      stringWidth('…', { ambiguousIsNarrow: false }),
    );
    for (const s of SAMPLES) {
      const counted = { countAnsiEscapeCodes: true };
      expect(width(s, counted), s).toBe(stringWidth(s, counted));
    }
  });
});

describe('the narrow segmenter in front of Intl.Segmenter', () => {
  const icu = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  const split = (segments: Iterable<{ segment: string; index: number }>) =>
    Array.from(segments, ({ segment, index }) => [index, segment]);

  it('takes only characters ICU makes graphemes of their own, beside any other', () => {
    // The rules join a character to its neighbour only when one of them is of a joining
    // class (Extend, ZWJ, SpacingMark, Prepend, Hangul, regional indicators, CR LF): none
    // of these may be, so a line of them is one grapheme a character.
    const wrong = narrowCharacters().filter(
      (c) => split(icu.segment(`a${c}${c}\u001b${c}a`)).length !== 6,
    );
    expect(wrong.map((c) => c.codePointAt(0)!.toString(16))).toEqual([]);
  });

  it('splits text as ICU does, narrow or not', () => {
    const ours = narrowSegmenter(undefined, { granularity: 'grapheme' });
    const samples = [
      '',
      '\u001b[7m\u001b[1m 1 Overview \u001b[39m…│└▏✓',
      'ifb0 DOWN  1500  5e:57:a4:b2:b0:a3 (locally administered)',
      'e\u0301 combining',
      '🇩🇪 flag, 👨‍👩‍👧 family',
      '漢字',
      'a\r\nb',
    ];
    for (const s of samples) expect(split(ours.segment(s)), s).toEqual(split(icu.segment(s)));
  });

  it('finds the grapheme at an index as ICU does', () => {
    const ours = narrowSegmenter(undefined, { granularity: 'grapheme' });
    const pick = (g: { segment: string; index: number } | undefined) => g && [g.index, g.segment];
    for (const s of ['eth0 UP …│', 'e\u0301 combining', '']) {
      for (const at of [-1, 0, 1, 2.5, s.length - 1, s.length, undefined]) {
        expect(pick(ours.segment(s).containing(at)), `${s} at ${at}`).toEqual(
          pick(icu.segment(s).containing(at)),
        );
      }
    }
  });
});
