/**
 * The walk over snapshots captured in lab namespaces (test/fixtures/path/capture.ts), and
 * over copies of them broken by hand where a lab story would add nothing (a loop, a
 * blackhole, forwarding off, a host that could not be read), table-driven.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { snapshotSchema } from '../snapshot/types.js';
import { buildHostState, type HostState } from '../state/host-state.js';
import type { RouteRecord } from '../parse/ip-route.js';
import { answerPath } from './path-answer.js';
import { resolveEnd } from '../path/path.js';
import type { PathAnswer, PathHost } from '../path/types.js';

const FIXTURES = resolve(import.meta.dirname, '../../test/fixtures/path');

function load(story: string, variant: string, name: string): PathHost {
  const text = readFileSync(resolve(FIXTURES, story, variant, `${name}.json`), 'utf8');
  return { name, state: buildHostState(snapshotSchema.parse(JSON.parse(text))), error: null };
}

/** The story's hosts, each from the first variant folder that has it. */
function story(name: string, names: readonly string[], ...variants: string[]): PathHost[] {
  return names.map((n) => {
    for (const v of variants) {
      try {
        return load(name, v, n);
      } catch {
        continue;
      }
    }
    throw new Error(`no ${n} in ${name}/${variants.join(',')}`);
  });
}

const VPN = ['client', 'vpn-server', 'lan-host', 'gateway'];
const VPC = ['vpc1', 'vpc2', 'vpc3', 'h2', 'h3'];
const PROXY = ['upstream', 'router', 'vm', 'outside'];

/** A host with its state changed by `edit`. */
function edited(hosts: PathHost[], name: string, edit: (s: HostState) => HostState): PathHost[] {
  return hosts.map((h) => (h.name === name && h.state ? { ...h, state: edit(h.state) } : h));
}

function addRoute(s: HostState, r: Partial<RouteRecord> & Pick<RouteRecord, 'dst'>): HostState {
  const base = s.routes.find((x) => x.family === 'inet' && x.table === 'main');
  if (!base) throw new Error('no route to copy');
  return {
    ...s,
    routes: [
      {
        ...base,
        type: 'unicast',
        gateway: null,
        scope: null,
        prefsrc: null,
        metric: null,
        protocol: 'static',
        nexthops: [],
        flags: [],
        ...r,
      },
      ...s.routes,
    ],
  };
}

const hops = (a: PathAnswer, dir: 'forward' | 'back') => a[dir].hops.map((h) => h.host);
const codes = (a: PathAnswer) => a.findings.map((f) => `${f.code}@${f.host}`);

interface Case {
  readonly name: string;
  readonly hosts: () => PathHost[];
  readonly src: string;
  readonly dst: string;
  readonly forward: string[];
  readonly back: string[];
  readonly verdicts: [string, string];
  readonly codes: string[];
}

const CASES: Case[] = [
  {
    name: 'VPN: the LAN gateway has no way back to the VPN',
    hosts: () => story('vpn', VPN, 'broken'),
    src: '10.8.0.6',
    dst: '192.168.50.10',
    forward: ['client', 'vpn-server', 'lan-host'],
    back: ['lan-host', 'gateway'],
    verdicts: ['ok', 'failed'],
    codes: ['return-route-missing@gateway'],
  },
  {
    name: 'VPN: after the fix on the gateway both ways work',
    hosts: () => story('vpn', VPN, 'fixed', 'broken'),
    src: '10.8.0.6',
    dst: '192.168.50.10',
    forward: ['client', 'vpn-server', 'lan-host'],
    back: ['lan-host', 'gateway', 'vpn-server', 'client'],
    verdicts: ['ok', 'ok'],
    codes: [],
  },
  {
    name: "VPN: the LAN host's firewall drops the VPN in input",
    hosts: () => story('vpn', VPN, 'firewall', 'fixed', 'broken'),
    src: '10.8.0.6',
    dst: '192.168.50.10',
    forward: ['client', 'vpn-server', 'lan-host'],
    back: ['lan-host', 'gateway', 'vpn-server', 'client'],
    verdicts: ['failed', 'ok'],
    codes: ['firewall-drops@lan-host'],
  },
  {
    name: 'VPCs: vpc3 has no route to vpc2',
    hosts: () => story('vpc', VPC, 'broken'),
    src: '10.2.1.10',
    dst: '10.3.1.10',
    forward: ['h2', 'vpc2', 'vpc3', 'h3'],
    back: ['h3', 'vpc3'],
    verdicts: ['ok', 'failed'],
    codes: ['return-route-missing@vpc3'],
  },
  {
    name: 'VPCs: the other way round, the forward walk stops at vpc3',
    hosts: () => story('vpc', VPC, 'broken'),
    src: '10.3.1.10',
    dst: '10.2.1.10',
    forward: ['h3', 'vpc3'],
    back: ['h2', 'vpc2', 'vpc3', 'h3'],
    verdicts: ['failed', 'ok'],
    codes: ['no-route@vpc3'],
  },
  {
    name: 'VPCs: fixed',
    hosts: () => story('vpc', VPC, 'fixed', 'broken'),
    src: '10.2.1.10',
    dst: '10.3.1.10',
    forward: ['h2', 'vpc2', 'vpc3', 'h3'],
    back: ['h3', 'vpc3', 'vpc2', 'h2'],
    verdicts: ['ok', 'ok'],
    codes: [],
  },
  {
    name: 'VPCs: vpc1 is not on the way, so leaving it out changes nothing',
    hosts: () => story('vpc', VPC, 'fixed', 'broken').filter((h) => h.name !== 'vpc1'),
    src: '10.2.1.10',
    dst: '10.3.1.10',
    forward: ['h2', 'vpc2', 'vpc3', 'h3'],
    back: ['h3', 'vpc3', 'vpc2', 'h2'],
    verdicts: ['ok', 'ok'],
    codes: [],
  },
  {
    name: 'VPCs: without vpc3 the walk leaves the hosts at vpc2',
    hosts: () => story('vpc', VPC, 'fixed', 'broken').filter((h) => h.name !== 'vpc3'),
    src: '10.2.1.10',
    dst: '10.3.1.10',
    forward: ['h2', 'vpc2'],
    back: ['h3'],
    verdicts: ['unknown', 'unknown'],
    codes: ['path-leaves-hosts@vpc2', 'path-leaves-hosts@h3'],
  },
  {
    name: 'VPCs: vpc3 could not be read',
    hosts: () =>
      story('vpc', VPC, 'fixed', 'broken').map((h) =>
        h.name === 'vpc3'
          ? { ...h, state: null, error: 'ssh: connect to host vpc3 port 22: Connection refused' }
          : h,
      ),
    src: '10.2.1.10',
    dst: '10.3.1.10',
    forward: ['h2', 'vpc2'],
    back: ['h3'],
    verdicts: ['unknown', 'unknown'],
    codes: ['path-leaves-hosts@vpc2', 'path-leaves-hosts@h3', 'path-host-unread@vpc3'],
  },
  {
    name: 'VPCs: vpc3 sends vpc2 back to vpc1, which sends it to vpc3: a loop',
    hosts: () =>
      edited(story('vpc', VPC, 'fixed', 'broken'), 'vpc3', (s) =>
        addRoute(s, { dst: '10.2.1.0/24', gateway: '172.16.0.11', dev: 'eth0' }),
      ).map((h) =>
        h.name === 'vpc1' && h.state
          ? {
              ...h,
              state: addRoute(h.state, { dst: '10.2.1.0/24', gateway: '172.16.0.13', dev: 'eth0' }),
            }
          : h,
      ),
    src: '10.3.1.10',
    dst: '10.2.1.10',
    forward: ['h3', 'vpc3', 'vpc1', 'vpc3'],
    back: ['h2', 'vpc2', 'vpc3', 'h3'],
    verdicts: ['failed', 'ok'],
    codes: ['path-loop@vpc1'],
  },
  {
    name: 'VPCs: a blackhole on vpc2',
    hosts: () =>
      edited(story('vpc', VPC, 'fixed', 'broken'), 'vpc2', (s) =>
        addRoute(s, { dst: '10.3.1.0/24', type: 'blackhole', dev: null }),
      ),
    src: '10.2.1.10',
    dst: '10.3.1.10',
    forward: ['h2', 'vpc2'],
    back: ['h3', 'vpc3', 'vpc2', 'h2'],
    verdicts: ['failed', 'ok'],
    codes: ['route-blackhole@vpc2'],
  },
  {
    name: 'VPCs: vpc2 stops forwarding',
    hosts: () =>
      edited(story('vpc', VPC, 'fixed', 'broken'), 'vpc2', (s) => ({
        ...s,
        sysctls: {
          ...s.sysctls,
          ipForward: 0,
          interfaces: Object.fromEntries(
            Object.entries(s.sysctls.interfaces).map(([k, v]) => [k, { ...v, forwarding: 0 }]),
          ),
        },
      })),
    src: '10.2.1.10',
    dst: '10.3.1.10',
    forward: ['h2', 'vpc2'],
    back: ['h3', 'vpc3', 'vpc2'],
    verdicts: ['failed', 'failed'],
    codes: ['forwarding-disabled@vpc2', 'forwarding-disabled@vpc2'],
  },
  {
    name: 'router: proxy ARP carries the VM both ways',
    hosts: () => story('proxy', PROXY, 'on'),
    src: '198.51.100.7',
    dst: '203.0.113.10',
    forward: ['outside', 'upstream', 'router', 'vm'],
    back: ['vm', 'router', 'upstream', 'outside'],
    verdicts: ['ok', 'ok'],
    codes: [],
  },
  {
    name: 'router: proxy_arp off, the upstream cannot reach the VM',
    hosts: () => story('proxy', PROXY, 'off', 'on'),
    src: '198.51.100.7',
    dst: '203.0.113.10',
    forward: ['outside', 'upstream'],
    back: ['vm', 'router', 'upstream', 'outside'],
    verdicts: ['failed', 'ok'],
    codes: ['proxy-arp-needed@router'],
  },
];

describe('path walk', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const a = answerPath(c.hosts(), c.src, c.dst);
    expect(hops(a, 'forward')).toEqual(c.forward);
    expect(hops(a, 'back')).toEqual(c.back);
    expect([a.forward.verdict, a.back.verdict]).toEqual(c.verdicts);
    expect(codes(a)).toEqual(c.codes);
  });

  it("names the gateway's missing route back, via the VPN server, on the gateway", () => {
    const a = answerPath(story('vpn', VPN, 'broken'), '10.8.0.6', '192.168.50.10');
    const f = a.findings[0];
    expect(f?.host).toBe('gateway');
    expect(f?.fix.slice(0, 2)).toEqual([
      '# on gateway:',
      'ip route add 10.8.0.0/24 via 192.168.50.5',
    ]);
    expect(a.back.words).toBe('stops at gateway: it has no route for it');
  });

  it('the firewall finding names the rule on the LAN host and how to delete it', () => {
    const a = answerPath(
      story('vpn', VPN, 'firewall', 'fixed', 'broken'),
      '10.8.0.6',
      '192.168.50.10',
    );
    const f = a.findings[0];
    expect(f?.title).toContain('firewall on lan-host drops');
    expect(f?.fix).toContain('nft delete rule inet guard input handle 2');
  });

  it('says where the walk leaves the hosts given, and where it cannot start', () => {
    const hosts = story('vpc', VPC, 'broken').filter((h) => h.name !== 'vpc3' && h.name !== 'h3');
    const a = answerPath(hosts, '10.2.1.10', '10.3.1.10');
    expect(a.forward.words).toBe('leaves the hosts you gave at vpc2 via 172.16.0.13');
    expect(a.back.words).toBe('none of the hosts you gave holds 10.3.1.10: the walk cannot start');
  });

  it('a loop is named with the boxes that pass it round', () => {
    const c = CASES.find((x) => x.name.includes('a loop'));
    const a = answerPath(c!.hosts(), c!.src, c!.dst);
    expect(a.forward.words).toBe('goes round in a loop: vpc1 → vpc3 → vpc1');
  });

  it('an address on two hosts: the walk says where it starts, and starts where the person names', () => {
    const hosts = story('vpc', VPC, 'fixed', 'broken');
    const h3 = hosts.find((h) => h.name === 'h3')!;
    const fleet = [...hosts, { ...h3, name: 'twin' }];
    const guessed = answerPath(fleet, '10.3.1.10', '10.2.1.10');
    expect(guessed.forward.hops[0]?.host).toBe('h3');
    expect(guessed.forward.words).toBe(
      'arrives at h2 (10.3.1.10 is on 2 hosts; this walk starts at h3: name the host to choose)',
    );
    const named = answerPath(fleet, '10.3.1.10', '10.2.1.10', { srcHost: fleet.length - 1 });
    expect(named.forward.hops[0]?.host).toBe('twin');
    expect(named.forward.words).toBe('arrives at h2');
  });

  it('takes a host name for an end', () => {
    const hosts = story('vpn', VPN, 'broken');
    expect(resolveEnd(hosts, 'lan-host')).toBe('192.168.50.10');
    expect(resolveEnd(hosts, '10.8.0.6')).toBe('10.8.0.6');
    expect(resolveEnd(hosts, 'nobody')).toBeNull();
  });
});
