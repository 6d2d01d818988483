/**
 * A firewall on the path, end to end in namespaces: a host whose own filter drops the
 * path's packets (nft on the host, iptables-nft forwarding on the gateway, legacy iptables
 * on the host). netdoctor, run inside the namespace, names the rule (exit 1); its own fix,
 * split into argv and run without a shell, deletes it; the ping works and the finding is gone.
 */
import { beforeAll, expect, it } from 'vitest';
import { describeLab, type Lab } from './lab.js';
import { BIN, buildPathStory, fixArgv, netdoctor, pings, type PathStory } from './doctor-lab.js';
import type { Finding } from '../../src/diagnose/finding.js';
import { snapshotSchema } from '../../src/snapshot/types.js';
import { buildHostState } from '../../src/state/host-state.js';

function doctor(lab: Lab, ns: string, args: readonly string[]) {
  const r = netdoctor(lab, ns, ['doctor', '--json', ...args]);
  if (r.status === 2) throw new Error(`doctor failed: ${r.stderr}`);
  const json = JSON.parse(r.stdout) as { findings: Finding[] };
  return { code: r.status, drops: json.findings.filter((f) => f.code === 'firewall-drops') };
}

/** The finding's one command (the line after its comment), run as argv in the namespace. */
function applyFix(lab: Lab, ns: string, f: Finding): string {
  const command = f.fix.find((l) => !l.startsWith('#'));
  if (!command) throw new Error(`no command in ${JSON.stringify(f.fix)}`);
  const r = lab.exec(ns, fixArgv(command));
  if (r.status !== 0) throw new Error(`${command}: ${r.stderr}`);
  return command;
}

function run(lab: Lab, ns: string, argv: readonly string[], input?: string): void {
  const r = lab.exec(ns, argv, input);
  if (r.status !== 0) throw new Error(`${argv.join(' ')}: ${r.stderr}`);
}

describeLab('firewall: a host or its gateway drops the path in its packet filter', (lab) => {
  let p: PathStory;
  beforeAll(() => {
    p = buildPathStory(lab);
  });

  it('the path works before any rule', () => {
    expect(pings(lab, p.a, '203.0.113.9')).toBe(true);
    expect(doctor(lab, p.a, ['--to', '203.0.113.9']).drops).toEqual([]);
  });

  it('nft on the host drops ICMP from the destination: named, deleted by handle, path works', () => {
    run(
      lab,
      p.a,
      ['nft', '-f', '-'],
      `table inet guard {
  chain input {
    type filter hook input priority filter; policy accept;
    iifname "lo" accept
    ip saddr 203.0.113.0/24 meta l4proto icmp counter drop
  }
}
`,
    );
    expect(pings(lab, p.a, '203.0.113.9')).toBe(false);
    const { code, drops } = doctor(lab, p.a, ['--to', '203.0.113.9']);
    expect(code).toBe(1);
    expect(drops).toHaveLength(1);
    const [f] = drops;
    expect(f?.severity).toBe('error');
    expect(f?.title).toMatch(/answers from 203\.0\.113\.9 to 198\.51\.100\.1/);
    expect(f?.evidence[0]).toMatchObject({ source: 'nft -j list ruleset' });
    expect(f?.evidence[0]?.text).toMatch(/^inet guard input: ip saddr 203\.0\.113\.0\/24 .*drop$/);
    expect(applyFix(lab, p.a, f as Finding)).toMatch(
      /^nft delete rule inet guard input handle \d+$/,
    );
    expect(pings(lab, p.a, '203.0.113.9')).toBe(true);
    const after = doctor(lab, p.a, ['--to', '203.0.113.9']);
    expect(after.drops).toEqual([]);
    expect(after.code).toBe(0);
  });

  it('iptables on the gateway drops what it forwards to the destination: named with its spec, deleted', () => {
    run(lab, p.g, [
      'iptables',
      '-A',
      'FORWARD',
      '-m',
      'conntrack',
      '--ctstate',
      'ESTABLISHED',
      '-j',
      'ACCEPT',
    ]);
    run(lab, p.g, [
      'iptables',
      '-A',
      'FORWARD',
      '-d',
      '203.0.113.0/24',
      '-p',
      'icmp',
      '-j',
      'REJECT',
    ]);
    expect(pings(lab, p.a, '203.0.113.9')).toBe(false);
    // From the gateway, about a packet it forwards (the source is not its own).
    const { code, drops } = doctor(lab, p.g, ['--to', '203.0.113.9', '--from', '198.51.100.1']);
    expect(code).toBe(1);
    expect(drops.map((d) => d.severity)).toEqual(['error']);
    const [f] = drops;
    expect(f?.title).toMatch(/rejects the packets from 198\.51\.100\.1 to 203\.0\.113\.9/);
    expect(f?.evidence[0]?.source).toBe('iptables-save -c');
    expect(applyFix(lab, p.g, f as Finding)).toBe(
      'iptables -D FORWARD -d 203.0.113.0/24 -p icmp -j REJECT --reject-with icmp-port-unreachable',
    );
    expect(pings(lab, p.a, '203.0.113.9')).toBe(true);
    expect(doctor(lab, p.g, ['--to', '203.0.113.9', '--from', '198.51.100.1']).drops).toEqual([]);
  });

  it('legacy iptables beside nft on the host: read through iptables-legacy-save, deleted with iptables-legacy', () => {
    run(lab, p.a, [
      'iptables-legacy',
      '-A',
      'OUTPUT',
      '-d',
      '203.0.113.9',
      '-p',
      'icmp',
      '-j',
      'DROP',
    ]);
    expect(pings(lab, p.a, '203.0.113.9')).toBe(false);
    const { code, drops } = doctor(lab, p.a, ['--to', '203.0.113.9']);
    expect(code).toBe(1);
    const [f] = drops;
    expect(f?.evidence[0]?.source).toBe('iptables-legacy-save -c');
    expect(applyFix(lab, p.a, f as Finding)).toBe(
      'iptables-legacy -D OUTPUT -d 203.0.113.9/32 -p icmp -j DROP',
    );
    expect(pings(lab, p.a, '203.0.113.9')).toBe(true);
    expect(doctor(lab, p.a, ['--to', '203.0.113.9']).drops).toEqual([]);
  });

  it('a policy drop with established accepted: the answers pass, nothing is raised', () => {
    run(
      lab,
      p.a,
      ['nft', '-f', '-'],
      `table ip strict {
  chain input {
    type filter hook input priority filter; policy drop;
    ct state established,related accept
    iifname "lo" accept
  }
}
`,
    );
    expect(pings(lab, p.a, '203.0.113.9')).toBe(true);
    expect(doctor(lab, p.a, ['--to', '203.0.113.9']).drops).toEqual([]);
    run(lab, p.a, ['nft', 'delete', 'table', 'ip', 'strict']);
  });

  it('without CAP_NET_ADMIN the snapshot records "could not read", never "no firewall"', () => {
    run(lab, p.a, ['iptables', '-A', 'INPUT', '-s', '192.0.2.1', '-j', 'DROP']);
    const r = lab.execAsNobody(p.a, ['node', BIN, 'snapshot']);
    expect(r.status).toBe(0);
    const host = buildHostState(snapshotSchema.parse(JSON.parse(r.stdout)));
    expect(host.firewall?.status).toBe('no-permission');
    expect(host.firewall?.tables).toEqual([]);
    expect(host.sourceErrors).toContainEqual({
      source: 'nft -j list ruleset',
      message: 'needs CAP_NET_ADMIN to read the rules (run netdoctor as root)',
    });
  });
});
