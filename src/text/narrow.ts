/**
 * Text that takes one terminal column per character, told without Unicode tables: the
 * printable ASCII, Latin letters, the punctuation, arrows and box-drawing netdoctor draws.
 *
 * Why: Ink measures every line it draws with string-width, whose first call on any
 * non-ASCII text builds an Intl.Segmenter and compiles a regular expression of every emoji:
 * a third of the TUI's first frame on a small box. The build (scripts/build.mjs) puts
 * `stringWidth` below in front of Ink's string-width: a line of these characters is its
 * length, anything else goes to string-width. test/build/narrow.test.ts checks every
 * character here against string-width itself.
 */
const NARROW_CHARACTERS = String.raw`\x20-\x7e\u00a0-\u00a8\u00aa-\u00ac\u00af-\u02ff\u2010-\u2027\u2030-\u203b\u203d-\u2048\u204a-\u205e\u2190-\u2193\u2500-\u259f\u2713\u2717`;

export const NARROW_TEXT = new RegExp(`^[${NARROW_CHARACTERS}]*$`);

/** Options string-width takes; anything but the default East Asian "ambiguous is narrow" goes to it. */
interface WidthOptions {
  readonly ambiguousIsNarrow?: boolean;
  readonly countAnsiEscapeCodes?: boolean;
}

/** Colours and weights (SGR): what strip-ansi takes out of the text string-width measures. */
// eslint-disable-next-line no-control-regex -- ESC is what the expression is about
const SGR = /\u001b\[[0-9;]*m/g;

/**
 * string-width, with the narrow text answered at once, coloured or not (Ink measures text
 * its components coloured, the colour codes count nothing).
 */
export function withNarrowFastPath(
  stringWidth: (text: string, options?: WidthOptions) => number,
): (text: string, options?: WidthOptions) => number {
  return (text, options) => {
    if (typeof text === 'string' && options?.ambiguousIsNarrow !== false) {
      if (NARROW_TEXT.test(text)) return text.length;
      if (options?.countAnsiEscapeCodes !== true && text.includes('\u001b')) {
        const plain = text.replace(SGR, '');
        if (NARROW_TEXT.test(plain)) return plain.length;
      }
    }
    return stringWidth(text, options);
  };
}

/** Narrow text with the escape sequences Ink's lines carry (ESC is a grapheme of its own). */
const NARROW_LINE = new RegExp(`^[\\u001b${NARROW_CHARACTERS}]*$`);

/** What the callers of `Intl.Segmenter#segment` read of each grapheme. */
export interface Grapheme {
  readonly segment: string;
  readonly index: number;
  readonly input: string;
}

/** What they read of the segments: the graphemes in order, and the one at a UTF-16 index. */
export interface Graphemes extends Iterable<Grapheme> {
  containing(index?: number): Grapheme | undefined;
}

/** The graphemes of narrow text: one a character. */
class NarrowGraphemes implements Graphemes {
  constructor(private readonly input: string) {}

  containing(index = 0): Grapheme | undefined {
    const at = Math.trunc(index);
    if (!(at >= 0 && at < this.input.length)) return undefined;
    return { segment: this.input[at]!, index: at, input: this.input };
  }

  *[Symbol.iterator](): Iterator<Grapheme> {
    for (let index = 0; index < this.input.length; index++) {
      yield { segment: this.input[index]!, index, input: this.input };
    }
  }
}

/**
 * An Intl.Segmenter made on first need. The first Segmenter of a process loads ICU's break
 * rules (about 25 ms and 3 MB of resident memory), and Ink's packages each make one when
 * they load; but in narrow text every character is a grapheme of its own (test/build/
 * narrow.test.ts checks every one against ICU), which needs no rules. The build (scripts/
 * tui-plugins.mjs) puts this in place of `new Intl.Segmenter(...)` in those packages.
 */
export function narrowSegmenter(...args: ConstructorParameters<typeof Intl.Segmenter>): {
  segment(input: string): Graphemes;
} {
  let real: Intl.Segmenter | undefined;
  return {
    segment(input: string) {
      if (typeof input === 'string' && NARROW_LINE.test(input)) return new NarrowGraphemes(input);
      real ??= new Intl.Segmenter(...args);
      return real.segment(input);
    },
  };
}
