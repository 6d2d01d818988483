import { describe, expect, it } from 'vitest';
import {
  isAddress,
  isInterfaceName,
  isKernelInt,
  isLinkAddress,
  isPrefixLength,
  isRouteDestination,
} from './checks.js';
import { parseIpAddr } from './ip-addr.js';
import { parseIpNeigh } from './ip-neigh.js';
import { parseIpLink } from './ip-link.js';
import { parseIpRoute } from './ip-route.js';
import { parseSysctls, parseSysctlValue } from './sysctl.js';
import { fixture } from '../../test/helpers/fixtures.js';

type Json = Record<string, unknown>;

/** A real capture with one record damaged the way a hand-edited snapshot would be. */
function damaged(path: string, edit: (records: Json[]) => void): string {
  const records = JSON.parse(fixture(path)) as Json[];
  edit(records);
  return JSON.stringify(records);
}

const byName = (records: Json[], name: string): Json => {
  const r = records.find((x) => x['ifname'] === name);
  if (!r) throw new Error(`no ${name} in the capture`);
  return r;
};
const firstAddr = (r: Json): Json => (r['addr_info'] as Json[])[0] as Json;

describe('the shapes the kernel prints', () => {
  it('knows addresses, link addresses, names, prefix lengths, destinations and C ints', () => {
    expect(isAddress('192.0.2.1')).toBe(true);
    expect(isAddress('fe80::1', 'inet6')).toBe(true);
    expect(isAddress('fe80::1', 'inet')).toBe(false);
    expect(isAddress('999.1.1.1')).toBe(false);
    expect(isAddress('\u001b[2J')).toBe(false);
    expect(isLinkAddress('b8:27:eb:12:34:56')).toBe(true);
    expect(isLinkAddress('198.51.100.7')).toBe(true); // ipip/gre neighbours
    expect(isLinkAddress('not a mac')).toBe(false);
    expect(isInterfaceName('eth0')).toBe(true);
    expect(isInterfaceName('sixteen-chars-xx')).toBe(false);
    expect(isInterfaceName('a/b')).toBe(false);
    expect(isInterfaceName('a b')).toBe(false);
    expect(isPrefixLength(24, 'inet')).toBe(true);
    expect(isPrefixLength('24', 'inet')).toBe(false);
    expect(isPrefixLength(33, 'inet')).toBe(false);
    expect(isPrefixLength(128, 'inet6')).toBe(true);
    expect(isPrefixLength(1.5, 'inet6')).toBe(false);
    expect(isRouteDestination('default')).toBe(true);
    expect(isRouteDestination('10.0.0.0/8')).toBe(true);
    expect(isRouteDestination('10.0.0.0/99')).toBe(false);
    expect(isKernelInt(2_147_483_647)).toBe(true);
    expect(isKernelInt(1e23)).toBe(false);
  });
});

describe('damaged records become warnings naming the source and the field', () => {
  it('an address whose prefixlen has the wrong type or range', () => {
    const text = damaged('lab-router/ip-j-addr.json', (rs) => {
      firstAddr(byName(rs, 'lan0'))['prefixlen'] = '24';
      firstAddr(byName(rs, 'lan1'))['prefixlen'] = 33;
    });
    const { records, warnings } = parseIpAddr(text);
    expect(records.some((a) => a.local === '192.0.2.1')).toBe(false);
    expect(records.some((a) => a.local === '192.0.2.254')).toBe(true); // the rest stays
    expect(warnings).toEqual([
      expect.objectContaining({
        source: 'ip -j addr show',
        message: expect.stringMatching(/lan0.*prefixlen: .*"24"/),
      }),
      expect.objectContaining({ message: expect.stringMatching(/lan1.*prefixlen: .*33/) }),
    ]);
  });

  it('an address whose local is not an address', () => {
    const text = damaged('lab-router/ip-j-addr.json', (rs) => {
      firstAddr(byName(rs, 'lan0'))['local'] = '\u001b]0;owned\u0007';
    });
    const { warnings } = parseIpAddr(text);
    expect(warnings).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/local: not an IPv4 address/) }),
    ]);
  });

  it('a neighbour whose address or MAC is not one', () => {
    const text = damaged('lab-router/ip-j-neigh.json', (rs) => {
      (rs[0] as Json)['dst'] = 'gateway\n192.0.2.1';
      (rs[1] as Json)['lladdr'] = 'not a mac';
      (rs[2] as Json)['state'] = ['HACKED'];
    });
    const { records, warnings } = parseIpNeigh(text);
    expect(warnings.map((w) => w.message)).toEqual([
      expect.stringMatching(/^element 0 \(.*\) dropped: dst: not an IPv4 or IPv6 address/),
      expect.stringMatching(
        /^element 1 \(.*\) dropped: lladdr: not a link-layer address: "not a mac"/,
      ),
      expect.stringMatching(/^element 2 \(.*\) dropped: state: not a neighbour state: "HACKED"/),
    ]);
    expect(records.map((r) => r.dst)).not.toContain('gateway\n192.0.2.1');
  });

  it('a link whose name, index or address the kernel could not print', () => {
    const text = damaged('lab-router/ip-j-d-link.json', (rs) => {
      (rs[1] as Json)['ifname'] = 'lan0/../../x';
      (rs[2] as Json)['ifindex'] = -3;
      (rs[3] as Json)['address'] = 'zz:zz';
    });
    const { warnings } = parseIpLink(text);
    expect(warnings.map((w) => w.message)).toEqual([
      expect.stringMatching(/^element 1 \(.*\) dropped: ifname: /),
      expect.stringMatching(/^element 2 \(.*\) dropped: ifindex: /),
      expect.stringMatching(/^element 3 \(.*\) dropped: address: /),
    ]);
  });

  it('a route whose gateway or destination is not an address', () => {
    const text = damaged('lab-router/ip-j-route-all.json', (rs) => {
      (rs[0] as Json)['gateway'] = 'evil';
      (rs[1] as Json)['dst'] = '10.0.0.0/64';
    });
    const { warnings } = parseIpRoute(text, 'inet', 'ip -j -4 route show table all');
    expect(warnings.map((w) => w.message)).toEqual([
      expect.stringMatching(/^element 0 \(.*\) dropped: gateway: not an address: "evil"/),
      expect.stringMatching(/^element 1 \(.*\) dropped: dst: /),
    ]);
  });

  it('a sysctl beyond the C int the kernel keeps is a warning, not 1e+23', () => {
    expect(parseSysctlValue('99999999999999999999999')).toBeNull();
    expect(parseSysctlValue('2147483648')).toBeNull();
    expect(parseSysctlValue('-1')).toBe(-1);
    const path = '/proc/sys/net/ipv4/conf/all/rp_filter';
    const { sysctls, warnings } = parseSysctls({ [path]: '99999999999999999999999\n' });
    expect(sysctls.interfaces['all']?.rp_filter).toBeUndefined();
    expect(warnings).toEqual([{ source: path, message: expect.stringMatching(/C int/) }]);
  });
});
