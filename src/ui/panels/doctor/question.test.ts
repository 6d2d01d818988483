import { describe, expect, it } from 'vitest';
import { VPN_SERVER, labHost } from '../../../../test/doctor/load.js';
import { parseQuestion, pathQuestion, questionKey } from './question.js';

describe('parseQuestion', () => {
  it.each([
    ['192.168.50.10', { to: '192.168.50.10', from: null }],
    [' 192.168.50.10  from 10.8.0.6 ', { to: '192.168.50.10', from: '10.8.0.6' }],
    ['to 192.168.50.10 --from 10.8.0.6', { to: '192.168.50.10', from: '10.8.0.6' }],
    ['2001:db8::1 from 2001:db8::2', { to: '2001:db8::1', from: '2001:db8::2' }],
  ])('reads %j', (text, question) => {
    expect(parseQuestion(text)).toEqual({ kind: 'ok', question });
  });

  it.each([
    ['', /^type a destination/],
    ['router', /^"router" is not an IP address/],
    ['10.0.0.0/8', /is not an IP address/],
    ['10.0.0.1 10.0.0.2', /^one destination, then optionally "from SRC"/],
    ['10.0.0.1 from', /^one destination/],
    ['10.0.0.1 from x', /^"x" is not an IP address/],
    ['10.0.0.1 from ::1', /^the destination and the source must be of one family/],
  ])('refuses %j', (text, reason) => {
    const answer = parseQuestion(text);
    expect(answer.kind === 'refused' && answer.reason).toMatch(reason);
  });
});

describe('pathQuestion', () => {
  const host = labHost(VPN_SERVER);

  it('asks the resolver as doctor --to does', () => {
    const path = pathQuestion(host, { to: '192.168.50.10', from: null });
    expect(path.query).toEqual({ dst: '192.168.50.10' });
    expect(path.decision.dev).toBe('eth0');
    expect(questionKey({ to: '192.168.50.10', from: null })).toBe('192.168.50.10');
  });

  it("a source that is not this host's comes in where the way back to it leaves", () => {
    const path = pathQuestion(host, { to: '192.168.50.10', from: '10.8.0.6' });
    expect(path.query).toEqual({ dst: '192.168.50.10', src: '10.8.0.6', iif: 'tun0' });
    expect(questionKey({ to: '192.168.50.10', from: '10.8.0.6' })).toBe(
      '192.168.50.10 from 10.8.0.6',
    );
  });
});
