/**
 * Making strings that did not come from us safe for a terminal. A snapshot is mailed around,
 * a reverse-DNS or mDNS name is chosen by whoever runs that server, a tool prints what the
 * network sent it: any of them may hold an escape sequence that sets the title, clears the
 * screen, or fakes a line. Every such string passes through here where it is drawn or
 * printed; JSON keeps the true value (JSON.stringify escapes control characters itself).
 */

// C0 controls (newline and tab included: they fake lines and break layouts), DEL, C1 controls,
// and the Unicode controls that reorder or hide text (bidi overrides and isolates, line and
// paragraph separators, zero-width joiners are harmless and left alone).
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function visible(ch: string): string {
  const named = NAMED[ch];
  if (named !== undefined) return named;
  const code = ch.charCodeAt(0);
  return code <= 0xff
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** One line a terminal shows as it reads: every control character written out visibly. */
export function safeText(text: string): string {
  return text.replace(UNSAFE, visible);
}

/** True when the text would reach a terminal unchanged. */
export function isSafeText(text: string): boolean {
  UNSAFE.lastIndex = 0;
  return !UNSAFE.test(text);
}

/**
 * A string as a double-quoted JSON string with every unsafe character written as \uXXXX
 * (JSON.stringify leaves bidi overrides and C1 controls raw). YAML reads it as the same
 * string, so a generated file keeps a hostile name exactly and still shows it as it reads.
 */
export function quotedText(text: string): string {
  return JSON.stringify(text).replace(
    UNSAFE,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
