/**
 * Ink's last step of every frame, made cheaper: @alcalzone/ansi-tokenize gives each character
 * of each line a copy of its styles, then diffs every character's styles against the one
 * before it (three Sets and four arrays a character, 1,920 characters an 80x24 frame) to
 * know which escape codes to write between them. Here characters of one run share one
 * styles array (the library never changes an array once made), and a character whose styles
 * are the same array as the one before it, or that has none after one that had none, needs
 * no diff: the library's diff of those is empty. Everything else goes to the library's own
 * functions, so the text written is the same (src/ui/ink/styled-chars.test.ts checks it
 * against the library). The build (scripts/build.mjs) puts these in place of the library's.
 */

/** The library's types (its build/tokenize.d.ts), as far as these functions read them. */
export interface AnsiCode {
  type: 'ansi';
  code: string;
  endCode: string;
}
export interface Char {
  type: 'char';
  value: string;
  fullWidth: boolean;
}
export type Token = AnsiCode | Char;
export interface StyledChar extends Char {
  styles: AnsiCode[];
}

/** The library's own functions that these build on. */
export interface AnsiTokenizeParts {
  readonly reduceAnsiCodesIncremental: (codes: AnsiCode[], newCodes: AnsiCode[]) => AnsiCode[];
  readonly diffAnsiCodes: (from: AnsiCode[], to: AnsiCode[]) => AnsiCode[];
  readonly ansiCodesToString: (codes: AnsiCode[]) => string;
}

const NO_STYLES: AnsiCode[] = [];

/** Distinct styles, and characters of all styles, kept at most (made anew past these). */
export const SHARED_STYLES_MAX = 256;
export const SHARED_CHARS_MAX = 4096;

/**
 * Characters shared between lines: one object per text and styles. Ink's frame caches keep a
 * thousand lines, and a key on Discover with 10,000 hosts brings a few new lines each time;
 * the young collections that land on keys copy whatever those lines hold. A line is now an
 * array of shared characters (about 0.7 KB at 80 columns) instead of 80 objects of its own
 * (4.5 KB; 23 KB before the objects were written field by field, see `made` below). Safe
 * because Ink never changes a character once made (it puts them in cells and reads them).
 */
function sharing(): {
  styles: (codes: AnsiCode[]) => AnsiCode[];
  char: (token: Char, styles: AnsiCode[]) => StyledChar;
} {
  /** The same array for the same codes in the same order (the library's diff of two such is
   *  empty, as styledCharsToString takes the same array to mean). */
  const stylesByCodes = new Map<string, AnsiCode[]>([['', NO_STYLES]]);
  const charsByStyles = new Map<AnsiCode[], Map<string, StyledChar>>();
  let charsKept = 0;
  const sharedStyles = (codes: AnsiCode[]): AnsiCode[] => {
    const key = codes.map((c) => `${c.code}\u0000${c.endCode}`).join('\u0001');
    let shared = stylesByCodes.get(key);
    if (shared === undefined) {
      if (stylesByCodes.size >= SHARED_STYLES_MAX) {
        stylesByCodes.clear();
        stylesByCodes.set('', NO_STYLES);
        charsByStyles.clear();
        charsKept = 0;
      }
      shared = codes;
      stylesByCodes.set(key, shared);
    }
    return shared;
  };
  // Written out field by field: `{ ...token, styles }` gives every object a hidden class of
  // its own in Node 20's V8 (a map, descriptors and a property array: about 290 bytes a
  // character instead of 70).
  const made = (token: Char, styles: AnsiCode[]): StyledChar => ({
    type: 'char',
    value: token.value,
    fullWidth: token.fullWidth,
    styles,
  });
  const sharedChar = (token: Char, styles: AnsiCode[]): StyledChar => {
    if (charsKept >= SHARED_CHARS_MAX) {
      charsByStyles.clear();
      charsKept = 0;
    }
    let chars = charsByStyles.get(styles);
    if (chars === undefined) {
      chars = new Map();
      charsByStyles.set(styles, chars);
    }
    const known = chars.get(token.value);
    if (known?.fullWidth === token.fullWidth) return known;
    const char = made(token, styles);
    if (known === undefined) {
      chars.set(token.value, char);
      charsKept++;
    }
    return char;
  };
  return { styles: sharedStyles, char: sharedChar };
}

export function sharedStyledChars(parts: AnsiTokenizeParts): {
  styledCharsFromTokens: (tokens: Token[]) => StyledChar[];
  styledCharsToString: (chars: StyledChar[]) => string;
} {
  /** The escape codes that take the terminal from the styles `from` to `to`. */
  const change = (from: AnsiCode[], to: AnsiCode[]): string =>
    from === to || (from.length === 0 && to.length === 0)
      ? ''
      : parts.ansiCodesToString(parts.diffAnsiCodes(from, to));
  const shared = sharing();
  return {
    styledCharsFromTokens(tokens) {
      let codes = NO_STYLES;
      const chars: StyledChar[] = [];
      for (const token of tokens) {
        // A new array each time (the library's reduce copies): the characters before keep theirs.
        if (token.type === 'ansi') {
          codes = shared.styles(parts.reduceAnsiCodesIncremental(codes, [token]));
        } else if (token.type === 'char') chars.push(shared.char(token, codes));
      }
      return chars;
    },
    styledCharsToString(chars) {
      let text = '';
      let styles = NO_STYLES;
      for (const char of chars) {
        text += change(styles, char.styles) + char.value;
        styles = char.styles;
      }
      // The styles still on are turned off at the end of the line.
      return chars.length > 0 ? text + change(styles, NO_STYLES) : text;
    },
  };
}
