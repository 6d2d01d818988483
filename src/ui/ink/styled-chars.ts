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

/**
 * A token with its styles, written out field by field. `{ ...token, styles }` gives every
 * object a hidden class of its own in Node 20's V8 (a map, descriptors and a property array:
 * about 290 bytes a character instead of 70), and Ink's frame caches keep a thousand lines
 * of them: the young collections that landed on Discover's keys copied them.
 */
function styledChar(token: Char, styles: AnsiCode[]): StyledChar {
  return { type: 'char', value: token.value, fullWidth: token.fullWidth, styles };
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
  return {
    styledCharsFromTokens(tokens) {
      let codes = NO_STYLES;
      const chars: StyledChar[] = [];
      for (const token of tokens) {
        // A new array each time (the library's reduce copies): the characters before keep theirs.
        if (token.type === 'ansi') codes = parts.reduceAnsiCodesIncremental(codes, [token]);
        else if (token.type === 'char') chars.push(styledChar(token, codes));
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
