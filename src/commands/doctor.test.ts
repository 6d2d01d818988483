import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../cli.js';
import type { CliIo } from './context.js';
import { runDoctor, type DoctorEnv } from './doctor.js';
import { VPN_SERVER, labHost } from '../../test/doctor/load.js';
import type { DoctorProbeDeps } from '../probes/doctor/types.js';

const FIX = resolve(import.meta.dirname, '../../test/fixtures');
const snap = (p: string) => resolve(FIX, `${p}.snapshot.json`);

function io() {
  const o = { out: '', err: '' };
  const cliIo: CliIo = {
    out: (t) => (o.out += t),
    err: (t) => (o.err += t),
    isTTY: false,
    env: {},
  };
  return { o, cliIo };
}

async function cli(...argv: string[]) {
  const { o, cliIo } = io();
  const code = await main(argv, cliIo);
  return { code, ...o };
}

describe('netdoctor doctor: usage errors are one line, exit 2', () => {
  it.each([
    [['doctor', '--to', 'nowhere'], /^netdoctor: --to takes an IP address, not "nowhere"\n$/],
    [['doctor', '--from', '10.0.0.1'], /^netdoctor: --from needs --to DEST\n$/],
    [['doctor', '--probe'], /^netdoctor: --probe checks a path: give it --to DEST\n$/],
    [
      ['doctor', '--to', '10.0.0.1', '--probe', '--snapshot', snap(VPN_SERVER)],
      /^netdoctor: --probe sends packets from this host, so it cannot run on a snapshot/,
    ],
    [['doctor', '--json', '--markdown'], /^netdoctor: choose one of --json and --markdown\n$/],
    [['doctor', '--to', '10.0.0.1', '--from', '2001:db8::1'], /one family/],
  ])('%j', async (argv, message) => {
    const r = await cli(...argv);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err.split('\n').length).toBe(2);
  });
});

describe('netdoctor doctor on snapshots', () => {
  it('the host as a whole: findings first, exit 1 on an error', async () => {
    const r = await cli(
      'doctor',
      '--snapshot',
      snap('findings/forwarding-disabled/raise/vpn-server-no-forwarding'),
    );
    expect(r.code).toBe(1);
    expect(r.out.split('\n')[0]).toBe('Findings (1)');
    expect(r.out).toContain('error   forwarding-disabled');
    expect(r.out).toContain('VPN network 10.8.0.0/24 on tun0');
  });

  it('a healthy host: exit 0, nothing found', async () => {
    const r = await cli('doctor', '--snapshot', snap(VPN_SERVER), '--to', '192.168.50.10');
    expect(r.code).toBe(0);
    expect(r.out).toContain('no problems found');
    expect(r.out).toContain('to 192.168.50.10: dev eth0 src 192.168.50.5 (table main');
  });

  it('--json is one object with the decision and the findings', async () => {
    const r = await cli(
      'doctor',
      '--snapshot',
      snap('doctor/snapshots/lan-server'),
      '--to',
      '10.8.0.6',
      '--json',
    );
    const j = JSON.parse(r.out) as {
      path: { decision: { gateway: string } };
      findings: { code: string }[];
    };
    expect(j.path.decision.gateway).toBe('192.168.50.1');
    expect(j.findings.map((f) => f.code)).toEqual(['private-via-default-gateway']);
  });

  it('--markdown: a ticket with the findings and every command read', async () => {
    const r = await cli(
      'doctor',
      '--snapshot',
      snap('doctor/snapshots/lan-server'),
      '--to',
      '10.8.0.6',
      '--markdown',
    );
    expect(r.out).toMatch(/^# netdoctor doctor: /);
    expect(r.out).toContain('### info: 10.8.0.6 is a private address');
    expect(r.out).toContain('## Commands run');
    expect(r.out).toContain('ip -j -4 route show table all');
  });
});

describe('runDoctor --probe', () => {
  it('says what it will send before it sends, and proves the missing return route', async () => {
    const ping = (name: string) => ({
      exitCode: Number(readFileSync(resolve(FIX, 'doctor/ping', `${name}.exit`), 'utf8')),
      stdout: readFileSync(resolve(FIX, 'doctor/ping', `${name}.stdout`), 'utf8'),
      stderr: '',
    });
    const order: string[] = [];
    const deps: DoctorProbeDeps = {
      run: (argv) => {
        const key = argv.join(' ');
        order.push(`run ${key}`);
        if (key.includes('-I 10.8.0.1')) return Promise.resolve(ping('silent-from-vpn'));
        if (key.startsWith('ping ')) return Promise.resolve(ping('answered'));
        return Promise.reject(new Error(`fake: unexpected ${key}`));
      },
    };
    const { o, cliIo } = io();
    const env: DoctorEnv = {
      loadHost: () => Promise.resolve(labHost(VPN_SERVER)),
      probeDeps: () => deps,
      arping: () => Promise.resolve(null),
    };
    const code = await runDoctor(cliIo, { to: '192.168.50.10', probe: true }, env);
    expect(code).toBe(1);
    expect(o.err.split('\n').slice(0, 4)).toEqual([
      'netdoctor will send (from this host, 3 checks, a few seconds):',
      '  ping: 3 ICMP echo requests to 192.168.50.10',
      '  return path: 3 ICMP echo requests to 192.168.50.10 from 192.168.50.5',
      '  return path: 3 ICMP echo requests to 192.168.50.10 from 10.8.0.1',
    ]);
    expect(order).toHaveLength(3);
    expect(o.out).toContain('error   return-route-missing');
    expect(o.out).toContain('ip route add 10.8.0.0/24 via 192.168.50.5');
    expect(o.out).toContain('skipped: ARP for the next hop: no arping netdoctor knows');
  });
});
