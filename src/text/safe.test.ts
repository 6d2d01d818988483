import { describe, expect, it } from 'vitest';
import { isSafeText, quotedText, safeText } from './safe.js';

describe('safeText', () => {
  it('leaves ordinary text, including non-ASCII names, as it is', () => {
    expect(safeText('eth0 192.0.2.1 café-router ünïcode 🙂')).toBe(
      'eth0 192.0.2.1 café-router ünïcode 🙂',
    );
    expect(isSafeText('plain')).toBe(true);
  });

  it('writes escape sequences out visibly, so they cannot act', () => {
    expect(safeText('\u001b]0;owned\u0007host')).toBe('\\x1b]0;owned\\x07host');
    expect(safeText('a\u001b[2Jb')).toBe('a\\x1b[2Jb');
    expect(safeText('\u009b5m')).toBe('\\x9b5m');
    expect(isSafeText('a\u001b[5m')).toBe(false);
  });

  it('keeps a string on one line: newlines and tabs become visible', () => {
    expect(safeText('a\nfake line\r\tb')).toBe('a\\nfake line\\r\\tb');
  });

  it('shows bidi overrides that would reorder what is drawn', () => {
    expect(safeText('abc\u202edcb')).toBe('abc\\u202edcb');
  });
});

describe('quotedText', () => {
  it('is a JSON string that reads back to the same text, every unsafe character escaped', () => {
    const hostile = 'a\u202eb\u009b\n\u001b[2J"\\';
    const quoted = quotedText(hostile);
    expect(isSafeText(quoted)).toBe(true);
    expect(quoted).toBe('"a\\u202eb\\u009b\\n\\u001b[2J\\"\\\\"');
    expect(JSON.parse(quoted)).toBe(hostile);
  });
});
