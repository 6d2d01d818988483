/**
 * Discover, second round, on a small bridged LAN with one address claimed by two hosts:
 * - the default scan names the duplicate as nobody (iputils arping's cap_net_raw) and as
 *   root, and says once in `limits` when its arping cannot send (a copy without the
 *   capability, first on PATH);
 * - `scan --watch --json --interval 1` as nobody: a host plugged in during the watch is
 *   `new` within one interval, a host taken away is `gone` after two sweeps, the gateway
 *   answering from another MAC is `moved` with a gateway-mac-changed finding; Ctrl-C ends it
 *   with no child left.
 */
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { copyFileSync, chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  describeLab,
  leftAfterExit,
  NETDOCTOR,
  NOBODY,
  spawnNetdoctorAsNobody,
  type Lab,
} from './lab.js';
import { addLanHost, buildLan, type DiscoverLan } from './discover-lab.js';

interface ScanJson {
  hosts: {
    ip: string;
    mac: string;
    macs: string[];
    flags: string[];
    rttMs: number | null;
    via: string;
    state: string | null;
  }[];
  findings: { code: string; subject: string; why: string; evidence: { text: string }[] }[];
  limits: string[];
}

interface WatchLine {
  event: string;
  ip?: string;
  sweep?: number;
  from?: string;
  to?: string;
  gateway?: boolean;
  macs?: string[];
  findings?: { code: string; severity: string }[];
}

/** The lines of a running watch, and a bounded wait for one that matches. */
class Watch {
  readonly lines: WatchLine[] = [];
  private waiters: (() => void)[] = [];
  readonly closed: Promise<number | null>;
  stderr = '';

  constructor(readonly child: ChildProcessWithoutNullStreams) {
    let rest = '';
    child.stdout.on('data', (chunk: Buffer) => {
      rest += chunk.toString();
      const parts = rest.split('\n');
      rest = parts.pop() ?? '';
      for (const p of parts) if (p.trim()) this.lines.push(JSON.parse(p) as WatchLine);
      this.waiters.splice(0).forEach((w) => w());
    });
    child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.closed = new Promise((resolve) => child.on('close', resolve));
  }

  /** The index of the first line from `from` on that matches; fails after `ms`. */
  async next(match: (l: WatchLine) => boolean, from = 0, ms = 20_000): Promise<number> {
    const deadline = Date.now() + ms;
    for (;;) {
      const at = this.lines.findIndex((l, i) => i >= from && match(l));
      if (at >= 0) return at;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching line; saw ${JSON.stringify(this.lines)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** The sweep number of the first sweep line after line `i`. */
  async sweepAfter(i: number): Promise<number> {
    const at = await this.next((l) => l.event === 'sweep', i + 1);
    return this.lines[at]!.sweep!;
  }
}

describeLab('discover, second round: duplicates without root, watch', (lab: Lab) => {
  let lan: DiscoverLan;
  let noCapDir: string;

  beforeAll(() => {
    lan = buildLan(lab, {
      cidr: '198.18.4.0/24',
      offsets: [10, 11, 12, 13, 14, 15, 254],
      piEvery: 3,
      duplicateOf: 2,
    });
    // arping copied without its file capability: it cannot open its raw socket.
    noCapDir = mkdtempSync(join(tmpdir(), 'nd-nocap-'));
    copyFileSync('/usr/bin/arping', join(noCapDir, 'arping'));
    chmodSync(noCapDir, 0o755);
    chmodSync(join(noCapDir, 'arping'), 0o755);
  });
  afterAll(() => rmSync(noCapDir, { recursive: true, force: true }));

  const expectDuplicate = (r: { status: number | null; stdout: string; stderr: string }) => {
    expect(r.status, r.stderr).toBe(1);
    const scan = JSON.parse(r.stdout) as ScanJson;
    const dup = scan.findings.filter((f) => f.code === 'duplicate-ip');
    expect(dup.map((f) => f.subject)).toEqual([lan.duplicate?.ip]);
    // arping's own reply lines are the evidence, one per MAC.
    const macs = dup[0]!.evidence.map((e) =>
      /\[([0-9A-F:]{17})\]/.exec(e.text)?.[1]?.toLowerCase(),
    );
    expect(macs.sort()).toEqual([...lan.duplicate!.macs].sort());
    expect(dup[0]!.why).toMatch(/neighbour table holds/);
    expect(dup[0]!.why).toMatch(/netdoctor garp/);
    expect(scan.limits).toEqual([]);
    // RTTs from the monotonic clock: a LAN answer is a fraction of a millisecond, never 0.
    const rtts = scan.hosts.map((h) => h.rttMs).filter((r): r is number => r !== null);
    expect(rtts.length).toBeGreaterThan(0);
    expect(rtts.every((r) => r > 0)).toBe(true);
    expect(rtts.some((r) => !Number.isInteger(r))).toBe(true);
  };

  it('names the duplicate in the default scan as nobody', () => {
    expectDuplicate(lab.execAsNobody(lan.scanner, [...NETDOCTOR, 'scan', '--json', '--no-names']));
  });

  it('names the duplicate in the default scan as root', () => {
    // A table the first scan filled would answer without a packet: start from an empty one.
    lab.ip(lan.scanner, 'neigh', 'flush', 'dev', lan.iface);
    expectDuplicate(lab.exec(lan.scanner, [...NETDOCTOR, 'scan', '--json', '--no-names']));
  });

  it("a MAC the scanner's table held STALE is no answer: the address that moved shows the MAC that answers, no duplicate; the one gone is unconfirmed", () => {
    // The seed's moved address, seen from the box that still caches the old MAC (and one
    // more, of a host long gone).
    const moved = lan.hosts[0]!;
    const gone = '198.18.4.99';
    const plant = () => {
      lab.ip(lan.scanner, 'neigh', 'flush', 'dev', lan.iface);
      for (const [ip, mac] of [
        [moved.ip, '02:0c:0c:0c:00:0a'],
        [gone, '02:0c:0c:0c:00:63'],
      ] as const) {
        lab.ip(
          lan.scanner,
          'neigh',
          'replace',
          ip,
          'lladdr',
          mac,
          'dev',
          lan.iface,
          'nud',
          'stale',
        );
      }
    };
    plant();
    const r = lab.execAsNobody(lan.scanner, [...NETDOCTOR, 'scan', '--json', '--no-names']);
    // Exit 1 for the LAN's real duplicate, and only for it.
    expect(r.status, r.stderr).toBe(1);
    const scan = JSON.parse(r.stdout) as ScanJson;
    expect(scan.findings.map((f) => f.subject)).toEqual([lan.duplicate?.ip]);
    const host = (ip: string) => scan.hosts.find((h) => h.ip === ip);
    expect(host(moved.ip)).toMatchObject({ mac: moved.mac, macs: [moved.mac] });
    expect(host(moved.ip)?.flags).not.toContain('duplicate-ip');
    expect(host(moved.ip)?.via).not.toBe('table');
    expect(host(gone)).toMatchObject({ via: 'table', rttMs: null, macs: ['02:0c:0c:0c:00:63'] });
    expect(['STALE', 'DELAY', 'PROBE']).toContain(host(gone)?.state);
    // The scan's datagram sent the gone host's entry on its way to FAILED: plant it again.
    plant();
    const text = lab.execAsNobody(lan.scanner, [...NETDOCTOR, 'scan', '--no-names']);
    expect(text.stdout).toMatch(/only in the neighbour table, unconfirmed/);
  });

  it('says once in limits when its arping cannot send', () => {
    const r = lab.exec(lan.scanner, [
      ...NOBODY,
      'env',
      `PATH=${noCapDir}:/usr/sbin:/usr/bin:/sbin:/bin`,
      ...NETDOCTOR,
      'scan',
      '--json',
      '--no-names',
    ]);
    expect(r.status, r.stderr).toBe(0);
    const scan = JSON.parse(r.stdout) as ScanJson;
    expect(scan.findings).toEqual([]);
    expect(scan.limits).toHaveLength(1);
    expect(scan.limits[0]).toMatch(
      /duplicate IPs are not checked: arping cannot open a raw socket/,
    );
  });

  it('watches: new within one interval, gone after two sweeps, the gateway moved; Ctrl-C leaves no child', async () => {
    const pattern = ['-u', 'nobody', '-f', '(ip monitor neigh|arping|ping -6)'];
    const busy = () => lab.exec(lan.scanner, ['pgrep', ...pattern]).stdout;
    // An arping the duplicate check stopped (its batch's answers were in) may be a zombie
    // for a moment after the scans above exited, until init reaps it.
    expect(await leftAfterExit(lab, lan.scanner, pattern)).toBe('');
    const child = spawnNetdoctorAsNobody(lan.scanner, [
      'scan',
      '--watch',
      '--json',
      '--interval',
      '1',
      '--no-names',
    ]);
    const watch = new Watch(child);
    try {
      // The baseline: the duplicate is reported, nothing is new.
      const first = await watch.next((l) => l.event === 'sweep');
      expect(watch.lines[first]!.sweep).toBe(1);
      expect(watch.lines.filter((l) => l.event === 'new')).toEqual([]);
      expect(watch.lines.some((l) => l.event === 'duplicate' && l.ip === lan.duplicate?.ip)).toBe(
        true,
      );

      // Plugged in after sweep k: new before sweep k + 2 has ended (within one interval).
      const added = '198.18.4.77';
      const mark = watch.lines.length;
      const k = watch.lines[mark - 1]?.sweep ?? 1;
      addLanHost(lab, lan, 'hnew', '02:00:5e:00:53:77', `${added}/24`);
      const isNew = await watch.next((l) => l.event === 'new' && l.ip === added, mark);
      expect(await watch.sweepAfter(isNew)).toBeLessThanOrEqual(k + 2);

      // Taken away: gone at the second sweep that misses it, not before.
      const removedAt = watch.lines.length;
      lab.ip(lan.hostsNs, 'addr', 'del', `${added}/24`, 'dev', 'hnew');
      const gone = await watch.next((l) => l.event === 'gone' && l.ip === added, removedAt);
      const sweepsBefore = watch.lines.slice(removedAt, gone).filter((l) => l.event === 'sweep');
      expect(sweepsBefore.length).toBeGreaterThanOrEqual(1);
      expect(sweepsBefore.length).toBeLessThanOrEqual(2);

      // The gateway's address answers from another MAC: moved, with an error finding.
      const gwIndex = lan.hosts.findIndex((h) => h.ip === lan.gateway);
      const swapped = '02:00:5e:00:53:fe';
      const swapAt = watch.lines.length;
      lab.ip(lan.hostsNs, 'link', 'set', `h${gwIndex}`, 'address', swapped);
      const moved = await watch.next((l) => l.event === 'moved' && l.ip === lan.gateway, swapAt);
      expect(watch.lines[moved]).toMatchObject({
        from: lan.hosts[gwIndex]!.mac,
        to: swapped,
        gateway: true,
      });
      expect(watch.lines[moved]!.findings?.map((f) => [f.code, f.severity])).toEqual([
        ['gateway-mac-changed', 'error'],
      ]);
      expect(busy()).not.toBe('');

      child.kill('SIGINT');
      expect(await watch.closed).toBe(130);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    expect(watch.stderr).toBe('');
    // The duplicate check's tree runs for the whole sweep: its arpings, killed with it, are
    // zombies of init's for a moment (their xargs went first).
    expect(await leftAfterExit(lab, lan.scanner, pattern)).toBe('');
  }, 90_000);
});
