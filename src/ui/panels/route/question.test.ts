import { describe, expect, it } from 'vitest';
import { parseQuestion, questionText } from './question.js';
import { routerHost } from '../../../../test/helpers/route-host.js';

describe('the Route question line', () => {
  it.each([
    ['203.0.113.7', { dst: '203.0.113.7' }],
    ['  203.0.113.7   from 198.51.100.1 ', { dst: '203.0.113.7', src: '198.51.100.1' }],
    [
      '203.0.113.7 from 198.51.100.9 iif lan0 mark 0x10',
      { dst: '203.0.113.7', src: '198.51.100.9', iif: 'lan0', mark: 16 },
    ],
    ['2001:db8::1 mark 7', { dst: '2001:db8::1', mark: 7 }],
  ])('reads %j', (text, query) => {
    expect(parseQuestion(text, routerHost)).toEqual({ kind: 'asked', query });
  });

  it.each([
    ['', 'type DEST [from SRC] [iif IF] [mark N], like: 203.0.113.7 from 10.0.0.2'],
    ['gateway', "'gateway' is not an IP address (give an address, not a name)"],
    ['203.0.113.7 from', 'from needs a value: type DEST'],
    ['203.0.113.7 from x', "from 'x' is not an IP address"],
    ['203.0.113.7 mark 1 mark 2', 'mark is given twice'],
    ['203.0.113.7 mark 0x1ffffffff', "mark takes a number (0x10 or 16), not '0x1ffffffff'"],
    ['203.0.113.7 mark 4294967296', "mark takes a number (0x10 or 16), not '4294967296'"],
    ['203.0.113.7 iif lan0', 'iif needs from: a packet that arrives has a source'],
    ['203.0.113.7 dev lan0', "'dev' is not one of from, iif, mark"],
    ['203.0.113.7 from 1.2.3.4 iif \u001b[2J', "no interface '\\x1b[2J' on this host"],
  ])('refuses %j in one sentence', (text, reason) => {
    const q = parseQuestion(text, routerHost);
    expect(q.kind).toBe('refused');
    if (q.kind === 'refused') {
      expect(q.reason).toContain(reason);
      expect(q.reason).not.toMatch(/\p{Cc}/u);
    }
  });

  it('accepts any interface name when the host is not read yet', () => {
    expect(parseQuestion('203.0.113.7 from 1.2.3.4 iif eth9', null).kind).toBe('asked');
  });

  it('writes the question back as it would be typed', () => {
    expect(questionText({ dst: '203.0.113.7', src: '10.0.0.2', iif: 'lan0', mark: 16 })).toBe(
      '203.0.113.7 from 10.0.0.2 iif lan0 mark 0x10',
    );
  });
});
