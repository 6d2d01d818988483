import { describe, expect, it } from 'vitest';
import { labHost } from '../../../test/doctor/load.js';
import { pathQuestion } from '../../net/path-question.js';
import { resolveRoute } from '../../net/resolve-route.js';
import type { HostState } from '../../state/host-state.js';
import { firewallDropsRule } from './firewall-drops.js';

const host = (name: string) => labHost(`firewall/snapshots/${name}`);
const run = (h: HostState, to: string, from?: string) =>
  firewallDropsRule.run({ host: h, path: pathQuestion(h, to, from) });

describe('firewall-drops (captured lab hosts)', () => {
  it('nft drops the answers from the destination: an error, the rule, its deletion by handle', () => {
    const [f, ...rest] = run(host('host-nft-drops-answers'), '203.0.113.9');
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      severity: 'error',
      title:
        "this host's firewall drops the answers from 203.0.113.9 to 198.51.100.1: a rule in inet guard input",
      evidence: [
        {
          source: 'nft -j list ruleset',
          text: 'inet guard input: ip saddr 203.0.113.0/24 meta l4proto icmp counter packets 0 bytes 0 drop',
        },
      ],
      fix: [
        '# delete the rule (check first that nothing else needs it):',
        'nft delete rule inet guard input handle 3',
      ],
    });
  });

  it('another destination is not touched by the rule', () => {
    expect(run(host('host-nft-drops-answers'), '198.18.0.9')).toEqual([]);
  });

  it('a rule that may match (a rate limit) is a note, saying what it cannot read', () => {
    const [f] = run(host('host-nft-limit-may-drop'), '203.0.113.9');
    expect(f?.severity).toBe('info');
    expect(f?.title).toMatch(/may drop the answers/);
    expect(f?.why).toContain('netdoctor does not read its match "limit rate over 1/second"');
  });

  it('a drop policy with nothing for answers: insert the established accept', () => {
    const [f] = run(host('host-nft-policy-drop'), '203.0.113.9');
    expect(f?.title).toMatch(/the drop policy of inet guard input$/);
    expect(f?.fix).toEqual([
      "# let answers to this host's own connections in, before the drop policy:",
      'nft insert rule inet guard input ct state established,related accept',
    ]);
    expect(run(host('host-nft-policy-drop-established-ok'), '203.0.113.9')).toEqual([]);
  });

  it('the gateway rejects what it forwards: the request on forward, deleted by its spec', () => {
    const gw = host('gateway-iptables-forward-reject');
    const [f, ...rest] = run(gw, '203.0.113.9', '198.51.100.1');
    expect(rest).toEqual([]);
    expect(f?.title).toBe(
      "this host's firewall rejects the packets from 198.51.100.1 to 203.0.113.9: a rule in ip filter FORWARD",
    );
    expect(f?.fix[1]).toBe(
      'iptables -D FORWARD -d 203.0.113.0/24 -p icmp -j REJECT --reject-with icmp-port-unreachable',
    );
    expect(f?.subject).toBe('ip filter FORWARD rule 2');
    expect(run(host('gateway-iptables-forward-ok'), '203.0.113.9', '198.51.100.1')).toEqual([]);
  });

  it('quiet without a path, without firewall sources (an older snapshot), for a local destination', () => {
    const h = host('host-nft-drops-answers');
    expect(firewallDropsRule.run({ host: h })).toEqual([]);
    const older: HostState = { ...h, firewall: undefined };
    expect(run(older, '203.0.113.9')).toEqual([]);
    const local = { dst: '198.51.100.1' };
    expect(
      firewallDropsRule.run({ host: h, path: { query: local, decision: resolveRoute(h, local) } }),
    ).toEqual([]);
  });
});

describe('firewall-drops and the probe', () => {
  it("a ping from here that got its answer beats the model: nothing raised for this host's legs", () => {
    const h = host('host-nft-drops-answers');
    const ping = {
      target: '203.0.113.9',
      source: null,
      iface: null,
      answered: true,
      command: 'ping -c 3 203.0.113.9',
      lines: [],
    };
    const path = pathQuestion(h, '203.0.113.9');
    expect(firewallDropsRule.run({ host: h, path, probes: { ping } })).toEqual([]);
    expect(
      firewallDropsRule.run({ host: h, path, probes: { ping: { ...ping, answered: false } } }),
    ).toHaveLength(1);
  });
});
