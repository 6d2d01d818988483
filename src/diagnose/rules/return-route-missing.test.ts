import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VPN_SERVER, labHost } from '../../../test/doctor/load.js';
import type { ProbeResults } from '../rule.js';
import { returnRouteMissingRule } from './return-route-missing.js';

const probesOf = (name: string): ProbeResults =>
  (
    JSON.parse(
      readFileSync(
        resolve(import.meta.dirname, '../../../test/fixtures/findings/return-route-missing', name),
        'utf8',
      ),
    ) as { probes: ProbeResults }
  ).probes;

describe('return-route-missing', () => {
  const host = labHost(VPN_SERVER);

  it('proven by the real probe run: the exact route, on the gateway first, then alternatives', () => {
    const [f, ...rest] = returnRouteMissingRule.run({
      host,
      probes: probesOf('raise/vpn-server-probed.case.json'),
    });
    expect(rest).toEqual([]);
    expect(f?.title).toBe(
      '192.168.50.10 answers 192.168.50.5 but not 10.8.0.1: no route back to 10.8.0.0/24 there (or a firewall drops it)',
    );
    expect(f?.fix.filter((l) => !l.startsWith('#'))).toEqual([
      'ip route add 10.8.0.0/24 via 192.168.50.5',
      'ip route add 10.8.0.0/24 via 192.168.50.5',
      'iptables -t nat -A POSTROUTING -s 10.8.0.0/24 -o eth0 -j MASQUERADE',
      'nft add table ip nat',
      "nft 'add chain ip nat postrouting { type nat hook postrouting priority srcnat; }'",
      'nft add rule ip nat postrouting ip saddr 10.8.0.0/24 oifname eth0 masquerade',
    ]);
    expect(f?.evidence.map((e) => e.source)).toContain(
      'ping -n -c 3 -i 0.2 -W 1 -I 10.8.0.1 192.168.50.10',
    );
    // The best fix goes on the LAN's gateway, which this host uses on that LAN too.
    expect(f?.box).toMatchObject({ role: 'lan-gateway', address: '192.168.50.1' });
    // From afar a firewall on the target looks the same: named, with how to tell them apart.
    expect(f?.why).toContain('Or a firewall on 192.168.50.10 drops 10.8.0.0/24');
    expect(f?.why).toContain('ip route get 10.8.0.1');
  });

  it('quiet after the fix, and without probes', () => {
    expect(
      returnRouteMissingRule.run({
        host,
        probes: probesOf('clear/vpn-server-probed-after-fix.case.json'),
      }),
    ).toEqual([]);
    expect(returnRouteMissingRule.run({ host })).toEqual([]);
  });

  it('quiet when nothing answered at all (that is not a return-route problem)', () => {
    const probes = probesOf('raise/vpn-server-probed.case.json');
    const rp = probes.returnPath;
    if (!rp) throw new Error('fixture lacks returnPath');
    const silent = { ...rp, attempts: rp.attempts.map((a) => ({ ...a, answered: false })) };
    expect(returnRouteMissingRule.run({ host, probes: { returnPath: silent } })).toEqual([]);
  });
});
