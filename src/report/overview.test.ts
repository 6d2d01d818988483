import { describe, expect, it } from 'vitest';
import { documentText } from './document.js';
import { describeRule, overviewSections, vendorLabel } from './overview.js';
import { buildHostState } from '../state/host-state.js';
import { routerSnapshot } from '../../test/helpers/fixtures.js';

const host = buildHostState(routerSnapshot());
const text = documentText(overviewSections(host));

describe('the Overview report of the lab router', () => {
  it('shows every interface with state, MTU, MAC, vendor and kind', () => {
    expect(text).toMatch(/^lan0 +UP +1500 +02:00:00:00:00:01 +\(locally administered\) +veth$/m);
    expect(text).toMatch(/^mv0 +DOWN +9000 +\S+ +\(locally administered\) +macvlan@lan1$/m);
    expect(text).toMatch(/^tun0 +NO-CARRIER +1500 +tun$/m);
  });

  it('shows addresses with prefix, scope and alias label', () => {
    expect(text).toContain('\n    inet  192.0.2.254/24 global label lan0:1234 secondary\n');
    expect(text).toContain('\n    inet  10.8.0.1/32 peer 10.8.0.2 global\n');
    expect(text).toContain('\n    inet6 2001:db8:1::1/64 global\n');
  });

  it('groups routes by table with the rules that select each', () => {
    expect(text).toContain('IPv4 table main\n  rule 32766: from all lookup main\n');
    expect(text).toContain(
      'IPv4 table 100\n  rule 1000: from 10.8.0.0/24 lookup 100\n  rule 1001: from all fwmark 0x1 lookup 100\n',
    );
    expect(text).toMatch(/^ +blackhole +203\.0\.113\.0\/26/m);
    expect(text).toMatch(/^ +172\.16\.0\.0\/12 +198\.51\.100\.254 +lan1/m);
  });

  it('shows neighbours with vendor and state', () => {
    expect(text).toMatch(
      /^192\.0\.2\.77 +b8:27:eb:12:34:56 +Raspberry Pi Foun\S* +lan0 +PERMANENT$/m,
    );
    expect(text).toMatch(/^192\.0\.2\.99 +lan0 +INCOMPLETE$/m);
  });

  it('shows forwarding and the effective per-interface ARP settings', () => {
    expect(text).toContain('net.ipv4.ip_forward = 1');
    expect(text).toMatch(/^lan0 +\d +1 +1 +1 +2$/m);
  });

  it('lists the helper tools with versions and the arping flavour', () => {
    expect(text).toMatch(/^arping +\d{8} +iputils flavour$/m);
  });

  it('says the versions are being read while the TUI has the host without them', () => {
    const early = documentText(overviewSections({ ...host, tools: [] }));
    expect(early).toContain('Helper tools\nreading their versions…\n');
    expect(early).not.toMatch(/^arping/m);
  });

  it('fits 80 columns', () => {
    const widest = Math.max(...text.split('\n').map((l) => l.length));
    expect(widest).toBeLessThanOrEqual(80);
  });
});

describe('vendorLabel', () => {
  it.each([
    ['b8:27:eb:00:00:01', 'Raspberry Pi Foundation'],
    ['02:00:00:00:00:01', '(locally administered)'],
    [null, ''],
  ])('%s -> %s', (mac, label) => {
    expect(vendorLabel(mac)).toBe(label);
  });
});

describe('describeRule', () => {
  it('writes a rule as ip rule would', () => {
    const rule = host.rules.find((r) => r.priority === 1001);
    expect(rule && describeRule(rule)).toBe('1001: from all fwmark 0x1 lookup 100');
  });
});
