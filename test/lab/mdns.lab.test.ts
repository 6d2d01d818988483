/**
 * mDNS names in a sweep: a small bridged LAN where one host (a Raspberry Pi's MAC) runs an
 * mDNS responder that answers the reverse PTR question for its address with
 * raspberrypi.local, as avahi does on a Pi, and another host answers nothing. No namespace
 * has a route for multicast: the query leaves by the socket's multicast interface.
 * `netdoctor scan --json` as nobody must name the Pi; --no-names and the passive backend must
 * not ask the LAN at all (the responder logs every query it receives).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeLab, leftoverNamespaces, NETDOCTOR, type Lab } from './lab.js';

interface ScanJson {
  hosts: { ip: string; name: string | null; flags: string[] }[];
  warnings: { source: string; message: string }[];
}

const RESPONDER = new URL('../fixtures/mdns/responder.mjs', import.meta.url).pathname;
const PI = { ip: '198.18.0.4', mac: 'b8:27:eb:00:53:04', name: 'raspberrypi.local' };
const SILENT = { ip: '198.18.0.7', mac: '00:1b:21:00:53:07' };

describeLab('discover: mDNS names during a sweep', (lab: Lab) => {
  let scanner = '';
  let responder: ChildProcess | null = null;
  // The responder writes straight to this file (synchronously, before it answers), so the
  // log is current when a scan returns; spawnSync blocks the pipes a stream would need.
  const logDir = mkdtempSync(join(tmpdir(), 'nd-mdns-'));
  const logFile = join(logDir, 'responder.log');
  const log = () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '');

  /** The queries the responder has received so far. */
  const queries = () =>
    log()
      .split('\n')
      .filter((l) => l.startsWith('query from'));

  function scan(...args: string[]): ScanJson {
    const r = lab.execAsNobody(scanner, [...NETDOCTOR, 'scan', '--json', ...args]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    return JSON.parse(r.stdout) as ScanJson;
  }

  beforeAll(async () => {
    const sw = lab.addSwitch('sw');
    scanner = lab.addHost('scan');
    const pi = lab.addHost('pi');
    const silent = lab.addHost('silent');
    lab.plug(scanner, 'lan0', sw, '02:00:5e:00:53:01');
    lab.ip(scanner, 'addr', 'add', '198.18.0.1/24', 'dev', 'lan0');
    lab.plug(pi, 'lan0', sw, PI.mac);
    lab.ip(pi, 'addr', 'add', `${PI.ip}/24`, 'dev', 'lan0');
    lab.plug(silent, 'lan0', sw, SILENT.mac);
    lab.ip(silent, 'addr', 'add', `${SILENT.ip}/24`, 'dev', 'lan0');

    // `ip netns exec` execs node, so this pid is the responder's own.
    const out = openSync(logFile, 'w');
    const child = spawn('ip', ['netns', 'exec', pi, 'node', RESPONDER, PI.name, PI.ip], {
      stdio: ['ignore', out, out],
    });
    closeSync(out);
    responder = child;
    let exited: number | null | undefined;
    child.once('exit', (code) => (exited = code));
    for (let i = 0; i < 200 && !log().includes('ready\n'); i++) {
      if (exited !== undefined) throw new Error(`responder exited (${exited}): ${log()}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    if (!log().includes('ready\n')) throw new Error(`responder did not start: ${log()}`);
  });

  afterAll(() => {
    responder?.kill('SIGKILL');
    responder = null;
    rmSync(logDir, { recursive: true, force: true });
  });

  it('as nobody, names the Pi raspberrypi.local from its own mDNS answer', () => {
    const result = scan();
    const pi = result.hosts.find((h) => h.ip === PI.ip);
    expect(pi?.flags).toContain('raspberry-pi');
    expect(pi?.name).toBe(PI.name);
    // The silent host is found but has no mDNS name; nothing went wrong with mDNS.
    const silent = result.hosts.find((h) => h.ip === SILENT.ip);
    expect(silent).toBeDefined();
    expect(silent?.name ?? '').not.toMatch(/\.local$/);
    expect(result.warnings.filter((w) => w.message.startsWith('mDNS'))).toEqual([]);
    // The query came from the scanner's address on the swept interface.
    expect(queries().some((q) => q.startsWith('query from 198.18.0.1:'))).toBe(true);
  });

  it('--no-names asks the LAN nothing and shows no mDNS name', () => {
    const before = queries().length;
    const result = scan('--no-names');
    expect(result.hosts.find((h) => h.ip === PI.ip)?.name).toBeNull();
    expect(queries().length).toBe(before);
  });

  it('the passive backend asks the LAN nothing either', () => {
    const before = queries().length;
    const result = scan('--backend', 'passive');
    // The Pi is still in the table from the sweeps above, but unnamed by mDNS.
    const pi = result.hosts.find((h) => h.ip === PI.ip);
    expect(pi).toBeDefined();
    expect(pi?.name ?? '').not.toBe(PI.name);
    expect(queries().length).toBe(before);
  });

  it('leaves nothing behind once torn down', () => {
    responder?.kill('SIGKILL');
    responder = null;
    lab.teardown();
    expect(leftoverNamespaces(lab)).toEqual([]);
  });
});
