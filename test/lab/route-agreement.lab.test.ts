/**
 * The honest test of the route resolver: hundreds of random questions (destination, and
 * maybe a source, a mark, an incoming interface) about a lab router with policy rules,
 * extra tables, throw, several defaults and reject routes, each answered by the kernel
 * (`ip -j -d route get`) and by the resolver from a snapshot of that namespace: same type,
 * table, output device, gateway and source. A sample is also asked of `netdoctor route`
 * live in the namespace, which asks the kernel itself and must find no disagreement.
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
import type { RouteDecision, RouteQuery } from '../../src/net/route-decision.js';

const QUESTIONS = 400;
/** ROUTE_SEED=N asks another set of questions. */
const SEED = Number(process.env['ROUTE_SEED'] ?? 9);

function questions(l: AgreementLab, seed: number, n: number): RouteQuery[] {
  const rnd = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const out: RouteQuery[] = [];
  while (out.length < n) {
    const v6 = rnd() < 0.25;
    const dst = pick(v6 ? l.destinations6 : l.destinations4);
    const q: { -readonly [K in keyof RouteQuery]: RouteQuery[K] } = { dst };
    const forwarded = rnd() < 0.25;
    if (forwarded) {
      q.iif = pick(l.iifs);
      q.src = pick(v6 ? l.foreign6 : l.foreign4);
    } else if (rnd() < 0.4) {
      q.src = pick(v6 ? l.local6 : l.local4);
    }
    if (rnd() < 0.35) q.mark = pick(l.marks);
    if (!v6 && rnd() < 0.1) q.tos = 0x10;
    out.push(q);
  }
  return out;
}

describeLab('the route resolver answers as the kernel does', (lab: Lab) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'netdoctor-route-'));
  const file = path.join(dir, 'r.json');
  let l: AgreementLab;
  let qs: RouteQuery[] = [];
  let kernel: Answer[] = [];

  beforeAll(() => {
    l = buildAgreementLab(lab);
    // A few fixed questions make sure every kind of answer is asked at least once.
    const fixed: RouteQuery[] = [
      { dst: '10.99.0.1', src: '198.18.3.3', iif: 'lan2' },
      { dst: '10.98.0.1', src: '10.20.0.50', iif: 'lan0' },
      { dst: '8.8.8.8', src: '10.20.0.50', iif: 'lan1' },
      { dst: '198.51.100.9', mark: 0x10 },
      { dst: '192.168.70.1' },
      { dst: '2001:db8:101::1', mark: 0x10 },
    ];
    qs = [...fixed, ...questions(l, SEED, QUESTIONS)];
    kernel = qs.map((q) => kernelAnswer(lab, l.router, q));
    return () => rmSync(dir, { recursive: true, force: true });
  });

  it(`asks the kernel ${QUESTIONS} random questions that reach every kind of answer`, () => {
    const kindOf = (k: Answer) => ('error' in k ? k.error : `${k.type} ${k.table}`);
    const kinds = new Set(kernel.map(kindOf));
    // No one answer swallows the questions (a too-broad rule in the lab would).
    const most = Math.max(...[...kinds].map((t) => kernel.filter((k) => kindOf(k) === t).length));
    if (process.env['ROUTE_DEBUG'])
      console.log(
        Object.fromEntries(
          [...kinds].map((t) => [t, kernel.filter((k) => kindOf(k) === t).length]),
        ),
      );
    expect(most).toBeLessThan(kernel.length / 2);
    expect([...kinds].sort()).toEqual(
      expect.arrayContaining([
        'Invalid argument',
        'Network is unreachable',
        'No route to host',
        'Permission denied',
        'broadcast local',
        'local local',
        'unicast 100',
        'unicast 200',
        'unicast 300',
        'unicast 500',
        'unicast 600',
        'unicast main',
      ]),
    );
  });

  it('answers them all as the kernel does, from a snapshot of the namespace', () => {
    const snap = lab.exec(l.router, [...NETDOCTOR, 'snapshot', '-o', file]);
    expect(snap.status, snap.stderr).toBe(0);
    const host = buildHostState(parseSnapshotText(readFileSync(file, 'utf8'), file));
    expect(
      disagreements(
        qs,
        kernel,
        qs.map((q) => resolveRoute(host, q)),
      ),
    ).toEqual([]);
    // A multipath route whose other hop is dead (its interface down) has one way only.
    for (const dst of ['198.18.64.1', '198.18.65.2', '2001:db8:200::1']) {
      const d = resolveRoute(host, { dst });
      const k = kernelAnswer(lab, l.router, { dst });
      expect([d.nexthops, d.gateway], dst).toEqual([[], 'gateway' in k ? k.gateway : 'error']);
    }
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

  it('netdoctor route, live in the namespace, finds the kernel agreeing', () => {
    for (const q of questions(l, 21, 8)) {
      const argv = [...NETDOCTOR, 'route', q.dst, '--json'];
      if (q.src !== undefined) argv.push('--from', q.src);
      if (q.iif !== undefined) argv.push('--iif', q.iif);
      if (q.mark !== undefined) argv.push('--mark', String(q.mark));
      const r = lab.exec(l.router, argv);
      expect(r.status === 0 || r.status === 1, r.stderr).toBe(true);
      const out = JSON.parse(r.stdout) as { kernel: { agrees: boolean } | null };
      expect(out.kernel?.agrees, `${q.dst}: ${r.stdout}`).toBe(true);
    }
  });
});
