import { describe, expect, it } from 'vitest';
import { VPN_SERVER, VPN_SERVER_NO_FORWARDING, labHost } from '../../../test/doctor/load.js';
import { pathQuestion } from '../../net/path-question.js';
import { forwardingPathRule } from './forwarding-path.js';

describe('forwarding-disabled (path)', () => {
  it('a client packet this host must pass on, with forwarding off', () => {
    const host = labHost(VPN_SERVER_NO_FORWARDING);
    const path = pathQuestion(host, '192.168.50.10', '10.8.0.6');
    expect(path.query.iif).toBe('tun0');
    const [f] = forwardingPathRule.run({ host, path });
    expect(f?.code).toBe('forwarding-disabled');
    expect(f?.title).toContain('10.8.0.6 → 192.168.50.10');
  });

  it('quiet for its own packets, and when forwarding is on', () => {
    const off = labHost(VPN_SERVER_NO_FORWARDING);
    expect(forwardingPathRule.run({ host: off, path: pathQuestion(off, '192.168.50.10') })).toEqual(
      [],
    );
    const on = labHost(VPN_SERVER);
    expect(
      forwardingPathRule.run({ host: on, path: pathQuestion(on, '192.168.50.10', '10.8.0.6') }),
    ).toEqual([]);
  });
});
