/**
 * The seed's story end to end: X moves from server A to server B; gateway G keeps A's MAC
 * for X until `netdoctor garp X` on B tells it otherwise, and client C behind G reaches X
 * again. While A still holds X, the repair refuses with duplicate-ip naming A's MAC and sends
 * nothing. A gateway with a static entry for X keeps A's MAC whatever B announces: the
 * repair says so (not verified, exit 1) with the fix for the gateway, and once that fix is
 * applied there, verifies.
 */
import { beforeAll, expect, it } from 'vitest';
import { describeLab, NETDOCTOR, type Lab } from './lab.js';
import {
  buildGarpLab,
  GARP_LAB as L,
  neighMac,
  pause,
  txPackets,
  type GarpLabHosts,
} from './garp-lab.js';
import { fixArgv, pings } from './doctor-lab.js';
import type { GarpReport } from '../../src/probes/garp/types.js';

/** `netdoctor garp X --yes --json` on B: its exit code and report. */
function garpOnB(lab: Lab, b: string): { code: number | null; report: GarpReport } {
  const r = lab.exec(b, [...NETDOCTOR, 'garp', L.x, '--yes', '--json']);
  if (r.status === 2) throw new Error(`garp refused: ${r.stderr}`);
  return { code: r.status, report: JSON.parse(r.stdout) as GarpReport };
}

/** The echo from X the check sends, as netdoctor reports it. */
const ECHO_FROM_X = `ping -n -c 3 -i 0.2 -W 1 -I ${L.x} ${L.gatewayIp}`;

/** Linux ignores a changed MAC within locktime (1 s) of an entry's last update. */
const PAST_LOCKTIME_MS = 1200;

describeLab('garp: moving an IP to this server, and making the gateway believe it', (lab: Lab) => {
  let hosts: GarpLabHosts;
  /** The arping command line netdoctor reported for its send step. */
  let sendCommand = '';

  beforeAll(() => {
    hosts = buildGarpLab(lab);
    // G learns X at A's MAC, as it would from traffic for X.
    const ping = lab.exec(hosts.g, ['ping', '-c1', '-W2', L.x]);
    expect(ping.status, ping.stderr).toBe(0);
    expect(neighMac(lab, hosts.g, L.x)).toBe(L.aMac);
  });

  it('refuses with duplicate-ip naming A while A still holds X, and sends nothing', async () => {
    // Someone added X on B but forgot to remove it from A.
    lab.ip(hosts.b, 'addr', 'add', `${L.x}/24`, 'dev', 'lan0');
    await pause(PAST_LOCKTIME_MS);
    const r = lab.exec(hosts.b, [...NETDOCTOR, 'garp', L.x, '--yes', '--json']);
    expect(r.status, r.stderr).toBe(1);
    const report = JSON.parse(r.stdout) as GarpReport;
    expect(report.outcome).toBe('duplicate');
    expect(report.findings.map((f) => f.code)).toEqual(['duplicate-ip']);
    expect(report.findings[0]?.title).toContain(L.aMac);
    expect(report.findings[0]?.evidence[0]?.text.toLowerCase()).toContain(L.aMac);
    expect(report.steps.map((s) => `${s.step}:${s.status}`)).toEqual(['where:ok', 'dad:problem']);
    // Nothing was announced: G still sends X's traffic to A.
    expect(neighMac(lab, hosts.g, L.x)).toBe(L.aMac);
  });

  it('after the move, G still holds A; garp on B makes G hold B', async () => {
    lab.ip(hosts.a, 'addr', 'del', `${L.x}/24`, 'dev', 'lan0');
    expect(neighMac(lab, hosts.g, L.x)).toBe(L.aMac);
    await pause(PAST_LOCKTIME_MS);

    const r = lab.exec(hosts.b, [...NETDOCTOR, 'garp', L.x, '--yes', '--json']);
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
    const report = JSON.parse(r.stdout) as GarpReport;
    expect(report.outcome).toBe('verified');
    expect(report.plan).toMatchObject({
      ip: L.x,
      iface: 'lan0',
      mac: L.bMac,
      gateway: L.gatewayIp,
      gatewayFrom: 'default-route',
    });
    expect(report.arping?.flavour).toBe('iputils');
    expect(report.steps.map((s) => `${s.step}:${s.status}`)).toEqual([
      'where:ok',
      'dad:ok',
      'send:ok',
      'verify:ok',
    ]);
    expect(report.steps.find((s) => s.step === 'send')?.command).toBe(
      `arping -U -I lan0 -s ${L.x} -c 3 ${L.gatewayIp}`,
    );
    expect(report.steps.find((s) => s.step === 'verify')).toMatchObject({
      summary: `${L.gatewayIp} answers pings from ${L.x}: its entry for ${L.x} holds our MAC ${L.bMac}`,
      command: `arping -I lan0 -s ${L.x} -c 2 -w 3 ${L.gatewayIp}`,
      more: [{ command: ECHO_FROM_X }],
    });
    expect(report.findings).toEqual([]);

    // The gateway's own ARP cache now sends X's traffic to B, and a client behind it gets there.
    expect(neighMac(lab, hosts.g, L.x)).toBe(L.bMac);
    const ping = lab.exec(hosts.g, ['ping', '-c1', '-W2', L.x]);
    expect(ping.status, ping.stderr).toBe(0);
    expect(pings(lab, hosts.c, L.x)).toBe(true);
    sendCommand = report.steps.find((s) => s.step === 'send')?.command ?? '';
  });

  /** X goes back to A and G relearns A's MAC (checked); then X moves to B again. */
  function moveXBackToAThenToB(): void {
    lab.ip(hosts.b, 'addr', 'del', `${L.x}/24`, 'dev', 'lan0');
    lab.ip(hosts.a, 'addr', 'add', `${L.x}/24`, 'dev', 'lan0');
    lab.ip(hosts.g, 'neigh', 'flush', 'to', L.x);
    expect(lab.exec(hosts.g, ['ping', '-c1', '-W2', L.x]).status).toBe(0);
    expect(neighMac(lab, hosts.g, L.x)).toBe(L.aMac);
    lab.ip(hosts.a, 'addr', 'del', `${L.x}/24`, 'dev', 'lan0');
    lab.ip(hosts.b, 'addr', 'add', `${L.x}/24`, 'dev', 'lan0');
  }

  it('the announcement alone flips G (not only the verification ping after it)', async () => {
    // X goes back to A and G relearns A's MAC; then X moves to B again.
    moveXBackToAThenToB();
    await pause(PAST_LOCKTIME_MS);
    // Exactly the command netdoctor reported for its send step, and nothing else.
    expect(sendCommand).toMatch(/^arping -U /);
    const sent = lab.exec(hosts.b, sendCommand.split(' '));
    expect(sent.status, sent.stderr).toBe(0);
    expect(neighMac(lab, hosts.g, L.x)).toBe(L.bMac);
  });

  it('without a default route: a gratuitous ARP for X itself still moves G to B', async () => {
    // X goes back to A once more and G relearns A's MAC; then X moves to B, which has no
    // default route this time, so there is no gateway to name or verify against.
    moveXBackToAThenToB();
    lab.ip(hosts.b, 'route', 'del', 'default');
    await pause(PAST_LOCKTIME_MS);

    const r = lab.exec(hosts.b, [...NETDOCTOR, 'garp', L.x, '--yes', '--json']);
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
    const report = JSON.parse(r.stdout) as GarpReport;
    expect(report.outcome).toBe('sent');
    expect(report.plan?.gateway).toBeNull();
    expect(report.steps.find((s) => s.step === 'send')?.command).toBe(
      `arping -U -I lan0 -s ${L.x} -c 3 ${L.x}`,
    );
    expect(report.steps.find((s) => s.step === 'verify')?.status).toBe('skipped');
    // Nothing but the gratuitous ARP was addressed to anyone, and G took it.
    expect(neighMac(lab, hosts.g, L.x)).toBe(L.bMac);
    lab.ip(hosts.b, 'route', 'add', 'default', 'via', L.gatewayIp);
  });

  it('refuses an address that is not on B, with the ip addr add to copy', () => {
    const r = lab.exec(hosts.b, [...NETDOCTOR, 'garp', '198.51.100.77', '--yes']);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n').at(-1)).toBe(
      'netdoctor: 198.51.100.77 is not on this host: add it first (ip addr add 198.51.100.77/24 dev lan0); netdoctor does not add it for you',
    );
    expect(lab.ipJson<unknown[]>(hosts.b, 'addr', 'show', 'to', '198.51.100.77')).toEqual([]);
  });

  let staticFix: readonly string[] = [];
  it('a gateway with a static entry for X at A: not verified, exit 1, the fix on the gateway', () => {
    lab.ip(hosts.g, 'neigh', 'replace', L.x, 'lladdr', L.aMac, 'dev', 'lan0', 'nud', 'permanent');
    expect(pings(lab, hosts.c, L.x)).toBe(false);

    const { code, report } = garpOnB(lab, hosts.b);
    expect(code).toBe(1);
    expect(report.outcome).toBe('unverified');
    expect(report.steps.map((s) => `${s.step}:${s.status}`)).toEqual([
      'where:ok',
      'dad:ok',
      'send:ok',
      'verify:problem',
    ]);
    // It answered ARP, not the echo from X, and the same echo from B's own address.
    expect(report.steps.at(-1)?.more?.map((r) => r.command)).toEqual([
      ECHO_FROM_X,
      `ping -n -c 3 -i 0.2 -W 1 -I ${L.bIp} ${L.gatewayIp}`,
    ]);
    expect(report.findings).toHaveLength(1);
    const f = report.findings[0];
    expect(f).toMatchObject({
      code: 'gateway-kept-old-mac',
      severity: 'error',
      subject: L.x,
      box: { role: 'lan-gateway', address: L.gatewayIp },
    });
    expect(report.message).toMatch(new RegExp(`^the gateway ${L.gatewayIp} kept the old MAC`));
    expect(report.fix[0]).toBe(`# on the gateway ${L.gatewayIp}:`);
    // The announcements did not move a static entry: clients still get nothing.
    expect(neighMac(lab, hosts.g, L.x)).toBe(L.aMac);
    expect(pings(lab, hosts.c, L.x)).toBe(false);
    staticFix = report.fix;
  });

  it('the fix applied on the gateway as given: garp verifies, the client reaches X', () => {
    const first = staticFix.find((l) => !l.startsWith('#'));
    expect(first).toBe(`ip neigh flush to ${L.x} nud all`);
    const applied = lab.exec(hosts.g, fixArgv(first ?? ''));
    expect(applied.status, applied.stderr).toBe(0);

    const { code, report } = garpOnB(lab, hosts.b);
    expect(code, JSON.stringify(report.steps.at(-1))).toBe(0);
    expect(report.outcome).toBe('verified');
    expect(report.findings).toEqual([]);
    expect(neighMac(lab, hosts.g, L.x)).toBe(L.bMac);
    expect(pings(lab, hosts.c, L.x)).toBe(true);
  });

  it("or kept static with B's MAC: the replace line, on the interface the gateway names", () => {
    lab.ip(hosts.g, 'neigh', 'replace', L.x, 'lladdr', L.aMac, 'dev', 'lan0', 'nud', 'permanent');
    expect(pings(lab, hosts.c, L.x)).toBe(false);
    // What the comment says to do there: `ip neigh show X` names the interface.
    const [entry] = lab.ipJson<{ dev?: string }[]>(hosts.g, 'neigh', 'show', L.x);
    const replace = staticFix.find((l) => l.startsWith('ip neigh replace'));
    expect(replace).toBe(`ip neigh replace ${L.x} lladdr ${L.bMac} dev <interface> nud permanent`);
    const argv = fixArgv((replace ?? '').replace('<interface>', entry?.dev ?? 'missing'));
    expect(lab.exec(hosts.g, argv).status).toBe(0);

    expect(pings(lab, hosts.c, L.x)).toBe(true);
    const { code, report } = garpOnB(lab, hosts.b);
    expect(code).toBe(0);
    expect(report.outcome).toBe('verified');
    const [after] = lab.ipJson<{ lladdr?: string; state?: string[] }[]>(
      hosts.g,
      'neigh',
      'show',
      L.x,
    );
    expect(after).toMatchObject({ lladdr: L.bMac, state: ['PERMANENT'] });
  });

  it.each([
    ['198.51.100.0', 'the network address of 198.51.100.0/24'],
    ['198.51.100.255', 'the broadcast address of 198.51.100.0/24'],
  ])('--gateway %s (%s): refused in one line, not one packet sent', (gateway, what) => {
    const before = txPackets(lab, hosts.b, 'lan0');
    const r = lab.exec(hosts.b, [...NETDOCTOR, 'garp', L.x, '--gateway', gateway, '--yes']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`netdoctor: gateway ${gateway} is ${what}, not a router's address\n`);
    expect(txPackets(lab, hosts.b, 'lan0')).toBe(before);
  });
});
