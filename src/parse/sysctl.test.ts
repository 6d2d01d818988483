import { describe, expect, it } from 'vitest';
import { effectiveSysctl, parseSysctlValue, parseSysctls } from './sysctl.js';
import { routerSnapshot } from '../../test/helpers/fixtures.js';

function filesOf(sources: ReturnType<typeof routerSnapshot>['sources']) {
  return Object.fromEntries(
    Object.entries(sources)
      .filter(([, r]) => r.kind === 'file' && r.exitCode === 0)
      .map(([k, r]) => [k, r.stdout]),
  );
}

describe('sysctl files from the lab router snapshot', () => {
  const { sysctls, warnings } = parseSysctls(filesOf(routerSnapshot().sources));

  it('reads forwarding and the per-interface settings the lab set', () => {
    expect(warnings).toEqual([]);
    expect(sysctls.ipForward).toBe(1);
    expect(sysctls.interfaces['lan0']).toMatchObject({
      proxy_arp: 1,
      rp_filter: 1,
      arp_ignore: 1,
      arp_announce: 2,
    });
    expect(sysctls.interfaces['lan1']?.rp_filter).toBe(2);
  });

  it('has no gc_thresh3 inside a namespace: the kernel keeps it global, in the first one only', () => {
    expect(routerSnapshot().sources['/proc/sys/net/ipv4/neigh/default/gc_thresh3']?.error).toBe(
      'ENOENT',
    );
    expect(sysctls.neighGcThresh3).toBeNull();
  });

  it('computes what the kernel acts on: the larger of all and the interface', () => {
    const s = {
      ...sysctls,
      interfaces: {
        ...sysctls.interfaces,
        all: { rp_filter: 2, proxy_arp: 0 },
        eth9: { rp_filter: 0, proxy_arp: 1 },
      },
    };
    expect(effectiveSysctl(s, 'eth9', 'rp_filter')).toBe(2);
    expect(effectiveSysctl(s, 'eth9', 'proxy_arp')).toBe(1);
    expect(effectiveSysctl(s, 'nosuch', 'arp_ignore')).toBeNull();
  });
});

describe('parseSysctlValue', () => {
  it.each([
    ['1\n', 1],
    ['0', 0],
    ['1024\n', 1024],
    ['', null],
    ['1 2', null],
  ])('%j -> %s', (text, value) => {
    expect(parseSysctlValue(text)).toBe(value);
  });

  it('warns about a value that is not an integer', () => {
    const { warnings } = parseSysctls({ '/proc/sys/net/ipv4/ip_forward': 'garbage' });
    expect(warnings).toEqual([
      { source: '/proc/sys/net/ipv4/ip_forward', message: 'not an integer: "garbage"' },
    ]);
  });
});
