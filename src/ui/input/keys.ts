/**
 * Terminal input as a list of keys, every key of a chunk in order. Over SSH and on a paste
 * several keys reach the app in one read ("/8.8.8.8\r", thirty DELs, "23"); Ink 6 splits a
 * chunk only at escape sequences and hands `useInput` a run of plain bytes as ONE key, so
 * the Enter at the end of "8.8.8.8\r" was typed as text and 30 DELs erased one character.
 * Ink's App still reads stdin and holds a lone ESC until it knows it is not the start of a
 * sequence; what it emits (a sequence, or a run of plain text) is split here into keys.
 *
 * A bracketed paste (ESC[200~ ... ESC[201~, turned on by run.tsx) is one key, `paste`, whose
 * text is everything between, newlines included: a pasted line does not press Enter.
 */

export interface KeyPress {
  /**
   * As the keymap spells it: `q`, `G`, `2`, `space`, `enter`, `escape`, `backspace`,
   * `delete`, `tab`, `shift+tab`, `up`, `home`, `ctrl+u`, `meta+b`, `paste`; '' for a
   * sequence that is no key we know (it does nothing).
   */
  readonly name: string;
  /** What it types on a text line: the character, a paste's text; '' for a command key. */
  readonly text: string;
}

const ESC = '\u001b';
const PASTE_START = '\u001b[200~';
const PASTE_END = '\u001b[201~';

const key = (name: string, text = ''): KeyPress => ({ name, text });

/** Final bytes of the cursor keys, after CSI (`ESC [`) or SS3 (`ESC O`, application mode). */
const CURSOR: Readonly<Record<string, string>> = {
  A: 'up',
  B: 'down',
  C: 'right',
  D: 'left',
  H: 'home',
  F: 'end',
};

/** CSI final bytes: the cursor keys (xterm, VT100 and their modified forms), Shift-Tab. */
const CSI_FINAL: Readonly<Record<string, string>> = { ...CURSOR, Z: 'shift+tab' };

/** `ESC [ N ~` keys: the vt220 forms (1/7 home and 4/8 end are rxvt's and the console's). */
const TILDE: Readonly<Record<string, string>> = {
  '1': 'home',
  '2': 'insert',
  '3': 'delete',
  '4': 'end',
  '5': 'pageup',
  '6': 'pagedown',
  '7': 'home',
  '8': 'end',
};

/** SS3 (`ESC O x`): cursor keys in application mode, and the keypad's Enter. */
const SS3: Readonly<Record<string, string>> = { ...CURSOR, M: 'enter' };

/** A CSI sequence from `at` (just after ESC[): its key and where it ends. */
function csi(s: string, at: number): { name: string; end: number } {
  let i = at;
  // The Linux console's F-keys: ESC [ [ A.
  if (s[i] === '[') i += 1;
  while (i < s.length && /[0-9;:<=>?]/.test(s[i] ?? '')) i += 1;
  while (i < s.length && /[ -/]/.test(s[i] ?? '')) i += 1;
  const final = s[i];
  if (final === undefined || !/[@-~]/.test(final)) return { name: '', end: i };
  const params = s.slice(at, i);
  if (final === '~') {
    const first = params.split(';')[0] ?? '';
    if (first === '200') return { name: 'paste-start', end: i + 1 };
    return { name: TILDE[first] ?? '', end: i + 1 };
  }
  if (params.startsWith('[')) return { name: '', end: i + 1 };
  return { name: CSI_FINAL[final] ?? '', end: i + 1 };
}

/** One key from `s` at `i` (not in a paste): the key and where the next one starts. */
function next(s: string, i: number): { press: KeyPress | null; end: number } {
  const c = s.codePointAt(i) ?? 0;
  const ch = String.fromCodePoint(c);
  const after = i + ch.length;
  if (ch === ESC) {
    const kind = s[after];
    if (kind === undefined || kind === ESC) return { press: key('escape'), end: after };
    if (kind === '[') {
      const seq = csi(s, after + 1);
      if (seq.name === 'paste-start') return { press: key('paste-start'), end: seq.end };
      return { press: seq.name ? key(seq.name) : null, end: seq.end };
    }
    if (kind === 'O' && after + 1 < s.length) {
      return { press: key(SS3[s[after + 1] ?? ''] ?? ''), end: after + 2 };
    }
    // Alt (meta) with a key: ESC then the key.
    const m = String.fromCodePoint(s.codePointAt(after) ?? 0);
    const name = m === '\u007f' || m === '\b' ? 'backspace' : m;
    return { press: key(`meta+${name}`), end: after + m.length };
  }
  if (ch === '\r') return { press: key('enter'), end: s[after] === '\n' ? after + 1 : after };
  if (ch === '\n') return { press: key('enter'), end: after };
  if (ch === '\t') return { press: key('tab'), end: after };
  if (ch === '\u007f' || ch === '\b') return { press: key('backspace'), end: after };
  if (c >= 1 && c <= 26) {
    return { press: key(`ctrl+${String.fromCharCode(c + 96)}`), end: after };
  }
  // NUL, the other C0 controls and the C1 controls are no key.
  if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) return { press: null, end: after };
  return { press: key(ch === ' ' ? 'space' : ch, ch), end: after };
}

/** Reads chunks into keys; a paste may span chunks, so the reader keeps it until its end. */
export class KeyReader {
  /** The text of a paste not yet ended; null outside a paste. */
  private paste: string | null = null;

  read(chunk: string): KeyPress[] {
    const out: KeyPress[] = [];
    let i = 0;
    while (i < chunk.length) {
      if (this.paste !== null) {
        const end = chunk.indexOf(PASTE_END, i);
        if (end === -1) {
          this.paste += chunk.slice(i);
          break;
        }
        out.push(key('paste', this.paste + chunk.slice(i, end)));
        this.paste = null;
        i = end + PASTE_END.length;
        continue;
      }
      const { press, end } = next(chunk, i);
      if (press?.name === 'paste-start') this.paste = '';
      else if (press) out.push(press);
      i = Math.max(end, i + 1);
    }
    return out;
  }
}

/** Every key of one chunk (a paste must start and end in it). For tests and one-off reads. */
export function keysOf(chunk: string): KeyPress[] {
  return new KeyReader().read(chunk);
}

export { PASTE_START, PASTE_END };
