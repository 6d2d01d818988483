/**
 * The route resolver against the kernel with reverse-path filtering on: the agreement lab's
 * router (policy rules by source, mark, iif and `not`, extra tables, reject routes and rule
 * actions) with conf/all/rp_filter = 1 and per interface: lan0 0 (strict through `all`, with
 * src_valid_mark), lan1 2 (loose; forwarding off), lan2 0 (strict), lan3 2 (loose, with
 * accept_local), lan5 2 and no IPv4 address. Packets arrive (`iif`) from sources whose way
 * back leaves by another interface, by a reject route or rule, by a table a rule picks for
 * the packet's destination or its outgoing interface, or from our own addresses; the kernel
 * (`ip -j -d route get … iif`) and the resolver, from a snapshot and from the live state,
 * must give the same answer to each, refusals ("Invalid argument") included.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { describeLab, NETDOCTOR, NODE_TS, type Lab } from './lab.js';
import {
  buildAgreementLab,
  disagreements,
  kernelAnswer,
  liveScript,
  mulberry32,
  type AgreementLab,
  type Answer,
} from './route-agreement-lab.js';
import { parseSnapshotText } from '../../src/snapshot/load.js';
import { buildHostState } from '../../src/state/host-state.js';
import { resolveRoute } from '../../src/net/resolve-route.js';
import type { RouteDecision, RouteQuery, SourceOutcome } from '../../src/net/route-decision.js';

const QUESTIONS = 150;
const SEED = Number(process.env['ROUTE_SEED'] ?? 17);

/** Sources whose way back the rules and tables send every which way. */
const SOURCES = [
  '198.51.100.50', // lan0's network
  '203.0.113.50', // lan1's
  '10.20.0.50', // lan2's
  '10.30.0.50', // lan3's
  '8.8.4.4', // the default: lan0 (metric 100)
  '198.18.3.3', // main: via lan1
  '172.16.9.9', // main: via lan2
  '192.168.70.7', // rule 175 (no mark 0x2_) → table 300: via lan1
  '10.99.0.7', // only table 500, which rule 160 picks for iif lan2 (a packet forwarded out lan2)
  '192.168.66.7', // blackhole
  '192.168.67.7', // unreachable route
  '192.168.80.7', // unreachable rule
  '192.168.82.7', // blackhole rule
  '10.20.0.1', // our own address (lan2)
  '198.51.100.255', // lan0's broadcast
  '255.255.255.255',
];
const IIFS = ['lan0', 'lan1', 'lan2', 'lan3', 'lan5'];

function questions(l: AgreementLab, seed: number, n: number): RouteQuery[] {
  const rnd = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const out: RouteQuery[] = [];
  while (out.length < n) {
    const q: { -readonly [K in keyof RouteQuery]: RouteQuery[K] } = {
      dst: rnd() < 0.3 ? pick(l.local4) : pick(l.destinations4),
      src: pick(SOURCES),
      iif: pick(IIFS),
    };
    if (rnd() < 0.3) q.mark = pick(l.marks);
    out.push(q);
  }
  return out;
}

describeLab('the route resolver checks sources as the kernel does (rp_filter)', (lab: Lab) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'netdoctor-rpf-'));
  const file = path.join(dir, 'r.json');
  let l: AgreementLab;
  let qs: RouteQuery[] = [];
  let kernel: Answer[] = [];

  beforeAll(() => {
    l = buildAgreementLab(lab);
    const far = lab.ns('far');
    lab.wire(l.router, 'lan5', far, 'far5');
    const set = (key: string, v: number) => lab.sysctl(l.router, `net.ipv4.conf.${key}`, v);
    set('all.rp_filter', 1);
    set('lan0.rp_filter', 0);
    set('lan0.src_valid_mark', 1);
    set('lan1.rp_filter', 2);
    set('lan2.rp_filter', 0);
    set('lan3.rp_filter', 2);
    set('lan3.accept_local', 1);
    set('lan5.rp_filter', 2);
    lab.sysctl(l.router, 'net.ipv4.conf.lan5.forwarding', 1);
    const fixed: RouteQuery[] = [
      // strict (all = 1): the way back to 8.8.4.4 leaves by lan0, not lan2.
      { dst: '198.51.100.7', src: '8.8.4.4', iif: 'lan2' },
      { dst: '198.51.100.7', src: '8.8.4.4', iif: 'lan0' },
      // strict, src_valid_mark: mark 0x10 sends the way back by table 200, out of lan1.
      { dst: '10.20.0.9', src: '8.8.4.4', iif: 'lan0', mark: 0x10 },
      // strict: forwarded out lan2, the way back looks as if it came in on lan2: rule 160.
      { dst: '172.16.1.1', src: '10.99.0.7', iif: 'lan2' },
      { dst: '10.20.0.1', src: '10.99.0.7', iif: 'lan2' },
      // loose: any way back will do, none is not enough.
      { dst: '203.0.113.1', src: '10.30.0.50', iif: 'lan3' },
      { dst: '203.0.113.1', src: '192.168.66.7', iif: 'lan3' },
      { dst: '10.30.0.1', src: '192.168.80.7', iif: 'lan1' },
      // accept_local on lan3: our own address gets in there, not on lan1.
      { dst: '10.30.0.1', src: '10.20.0.1', iif: 'lan3' },
      { dst: '203.0.113.1', src: '10.20.0.1', iif: 'lan1' },
      // lan5 has no address: loose refuses what does not come back by it.
      { dst: '10.20.0.9', src: '8.8.4.4', iif: 'lan5' },
    ];
    qs = [...fixed, ...questions(l, SEED, QUESTIONS)];
    kernel = qs.map((q) => kernelAnswer(lab, l.router, q));
    return () => rmSync(dir, { recursive: true, force: true });
  });

  const snapshotHost = () => {
    const snap = lab.exec(l.router, [...NETDOCTOR, 'snapshot', '-o', file]);
    expect(snap.status, snap.stderr).toBe(0);
    return buildHostState(parseSnapshotText(readFileSync(file, 'utf8'), file));
  };

  it('answers them all as the kernel does, from a snapshot, and says why it refuses', () => {
    const host = snapshotHost();
    const ours = qs.map((q) => resolveRoute(host, q));
    expect(disagreements(qs, kernel, ours)).toEqual([]);
    // Every way the check ends was asked, the refusals among them.
    const outcomes = new Set<SourceOutcome>(
      ours.flatMap((d) => (d.sourceCheck ? [d.sourceCheck.outcome] : [])),
    );
    expect([...outcomes].sort()).toEqual(
      expect.arrayContaining([
        'loose',
        'martian-source',
        'no-address',
        'no-route-back',
        'other-interface',
        'own-address',
        'same-interface',
      ]),
    );
    const refused = ours.filter((d) => d.sourceCheck?.passed === false).length;
    const passed = ours.filter((d) => d.sourceCheck?.passed === true).length;
    expect(refused).toBeGreaterThan(20);
    expect(passed).toBeGreaterThan(20);
    expect(ours[0]?.sourceCheck?.words).toBe(
      'rp_filter on lan2 drops it: the way back to 8.8.4.4 leaves by lan0 (strict, rp_filter = 1)',
    );
    expect(ours[6]?.sourceCheck?.words).toBe(
      'rp_filter on lan3 drops it: no route back to 192.168.66.7 at all (blackhole 192.168.66.0/24; loose, rp_filter = 2)',
    );
  });

  it('answers them all as the kernel does, from the live state read in the namespace', () => {
    const r = lab.exec(
      l.router,
      [...NODE_TS, '--input-type=module', '-e', liveScript()],
      JSON.stringify(qs),
    );
    expect(r.status, r.stderr).toBe(0);
    expect(disagreements(qs, kernel, JSON.parse(r.stdout) as RouteDecision[])).toEqual([]);
  });

  it('netdoctor route --iif, live, agrees with the kernel and says rp_filter drops it', () => {
    // Strict refusing, loose passing and refusing; the refusals say why in words.
    for (const i of [0, 5, 6]) {
      const q = qs[i] as RouteQuery;
      const argv = [...NETDOCTOR, 'route', q.dst, '--from', q.src ?? '', '--iif', q.iif ?? ''];
      const r = lab.exec(l.router, [...argv, '--json']);
      expect(r.status === 0 || r.status === 1, r.stderr).toBe(true);
      const out = JSON.parse(r.stdout) as {
        summary: string;
        kernel: { agrees: boolean } | null;
        sourceCheck: { passed: boolean; words: string } | null;
      };
      expect(out.kernel?.agrees, `${q.dst}: ${r.stdout}`).toBe(true);
      expect(out.sourceCheck?.passed, r.stdout).toBe(!('error' in (kernel[i] as Answer)));
      if (out.sourceCheck?.passed === false) expect(out.summary).toContain(out.sourceCheck.words);
    }
    const text = lab.exec(l.router, [
      ...NETDOCTOR,
      'route',
      '198.51.100.7',
      '--from',
      '8.8.4.4',
      '--iif',
      'lan2',
    ]).stdout;
    expect(text).toContain('rp_filter on lan2 drops it: the way back to 8.8.4.4 leaves by lan0');
    expect(text).toContain('the kernel agrees with netdoctor');
    expect(text).not.toContain('DISAGREE');
  });
});
