/**
 * The seed's story end to end: X moves from server A to server B; gateway G keeps A's MAC
 * for X until `netdoctor garp X` on B tells it otherwise. While A still holds X, the repair
 * refuses with duplicate-ip naming A's MAC and sends nothing.
 */
import { beforeAll, expect, it } from 'vitest';
import { describeLab, NETDOCTOR, type Lab } from './lab.js';
import { buildGarpLab, GARP_LAB as L, neighMac, pause, type GarpLabHosts } from './garp-lab.js';
import type { GarpReport } from '../../src/probes/garp/types.js';

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
    expect(report.steps.find((s) => s.step === 'verify')?.summary).toBe(
      `${L.gatewayIp} (${L.gMac}) answers ${L.x} at our MAC ${L.bMac}`,
    );

    // The gateway's own ARP cache now sends X's traffic to B.
    expect(neighMac(lab, hosts.g, L.x)).toBe(L.bMac);
    const ping = lab.exec(hosts.g, ['ping', '-c1', '-W2', L.x]);
    expect(ping.status, ping.stderr).toBe(0);
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
});
