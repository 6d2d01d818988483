/**
 * The finding fixtures: `test/fixtures/findings/<code>/raise/*` must make the rules emit
 * <code>, `…/clear/*` must not. A case is a netdoctor snapshot (`*.snapshot.json`, captured
 * in a lab namespace) or a case file (`*.case.json`) naming a snapshot and what else the
 * rules read: the question about a path (`"question": {"dst", "src"?, "iif"?, "mark"?}`,
 * answered with the route resolver into ctx.path), probe results, the topics asked.
 *
 * Each kind of case is read by a loader; a topic that needs another kind of input (a plan
 * file) adds its loader to CASE_LOADERS.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { snapshotSchema } from '../../src/snapshot/types.js';
import { buildHostState } from '../../src/state/host-state.js';
import type { DiagnoseContext, ProbeResults, Rule, Topic } from '../../src/diagnose/rule.js';
import type { Finding } from '../../src/diagnose/finding.js';
import { diagnose, diagnoseByRule } from '../../src/diagnose/diagnose.js';
import { resolveRoute } from '../../src/net/resolve-route.js';
import type { RouteQuery } from '../../src/net/route-decision.js';
import { parsePlan } from '../../src/plan/parse.js';
import { planQuestion } from '../../src/plan/question.js';
import type { ProveResults } from '../../src/plan/prove-types.js';
import { HostIndex } from '../../src/path/owners.js';
import { walk } from '../../src/path/walk.js';

export const FINDINGS_DIR = resolve(import.meta.dirname, '../fixtures/findings');

export interface FindingCase {
  readonly code: string;
  readonly expect: 'raise' | 'clear';
  readonly file: string;
}

/** Every case file under the fixtures folder. */
export function findingCases(): FindingCase[] {
  const cases: FindingCase[] = [];
  for (const code of readdirSync(FINDINGS_DIR)) {
    for (const expect of ['raise', 'clear'] as const) {
      let files: string[] = [];
      try {
        files = readdirSync(join(FINDINGS_DIR, code, expect));
      } catch {
        continue;
      }
      for (const f of files) {
        if (CASE_LOADERS.some((l) => l.matches(f))) {
          cases.push({ code, expect, file: join(FINDINGS_DIR, code, expect, f) });
        }
      }
    }
  }
  return cases;
}

interface CaseFile {
  /** Path of the snapshot, relative to the case file (a plan case may have none). */
  readonly snapshot?: string;
  /** Path of a plan file, relative to the case file. */
  readonly plan?: string;
  /** What `plan --prove` saw, for plan-kernel-disagrees: inline, or a file (relative). */
  readonly prove?: ProveResults;
  readonly proveFile?: string;
  readonly asked?: readonly Topic[];
  readonly probes?: ProbeResults;
  /** A question about one packet: the walker answers it with the resolver (ctx.path). */
  readonly question?: RouteQuery;
}

function proveOf(file: string, c: CaseFile): ProveResults | undefined {
  if (c.proveFile === undefined) return c.prove;
  return JSON.parse(readFileSync(resolve(dirname(file), c.proveFile), 'utf8')) as ProveResults;
}

function loadPlan(path: string) {
  return parsePlan(readFileSync(path, 'utf8'), path);
}

function loadSnapshotHost(path: string) {
  const raw: unknown = JSON.parse(readFileSync(path, 'utf8'));
  return buildHostState(snapshotSchema.parse(raw));
}

/** What a case asks the rules: the context, and the topics when not all. */
interface CaseQuestion {
  readonly ctx: DiagnoseContext;
  readonly topics?: readonly Topic[];
}

interface CaseLoader {
  readonly matches: (file: string) => boolean;
  readonly question: (file: string) => CaseQuestion;
}

/** How each kind of case file becomes findings. */
export const CASE_LOADERS: CaseLoader[] = [
  {
    matches: (f) => f.endsWith('.snapshot.json'),
    question: (file) => ({ ctx: { host: loadSnapshotHost(file) } }),
  },
  {
    matches: (f) => f.endsWith('.case.json'),
    question: (file) => {
      const c = JSON.parse(readFileSync(file, 'utf8')) as CaseFile;
      const host =
        c.snapshot !== undefined ? loadSnapshotHost(resolve(dirname(file), c.snapshot)) : null;
      const planFile = c.plan !== undefined ? resolve(dirname(file), c.plan) : null;
      if (c.question && !host) throw new Error(`${file}: a question needs a snapshot`);
      const ctx: DiagnoseContext = {
        host,
        ...(c.question && host
          ? { path: { query: c.question, decision: resolveRoute(host, c.question) } }
          : {}),
        ...(planFile ? { plan: planQuestion(loadPlan(planFile), proveOf(file, c)) } : {}),
        ...(c.probes ? { probes: c.probes } : {}),
        ...(c.asked ? { asked: c.asked } : {}),
      };
      return { ctx };
    },
  },
];

CASE_LOADERS.push({
  // A route plan (`netdoctor plan FILE`): the plan topic's rules over its simulation.
  matches: (f) => f.endsWith('.plan.yaml'),
  question: (file) => ({
    ctx: { host: null, plan: planQuestion(loadPlan(file)) },
    topics: ['plan'],
  }),
});

/** `netdoctor path` over snapshots (`*.path.json`): hosts by name, the ends, hosts unread. */
interface PathCase {
  readonly hosts: Readonly<Record<string, string>>;
  readonly src: string;
  readonly dst: string;
  /** Hosts that could not be read, with why. */
  readonly unread?: Readonly<Record<string, string>>;
}

CASE_LOADERS.push({
  matches: (f) => f.endsWith('.path.json'),
  question: (file) => {
    const c = JSON.parse(readFileSync(file, 'utf8')) as PathCase;
    const hosts = [
      ...Object.entries(c.hosts).map(([name, snap]) => ({
        name,
        state: loadSnapshotHost(resolve(dirname(file), snap)),
        error: null,
      })),
      ...Object.entries(c.unread ?? {}).map(([name, error]) => ({ name, state: null, error })),
    ];
    const index = new HostIndex(hosts);
    const walks = {
      index,
      forward: walk(index, 'forward', c.src, c.dst),
      back: walk(index, 'return', c.dst, c.src),
    };
    return { ctx: { host: null, walks }, topics: ['hosts'] };
  },
});

function caseQuestion(file: string): CaseQuestion {
  const loader = CASE_LOADERS.find((l) => l.matches(file));
  if (!loader) throw new Error(`no loader reads ${file}`);
  return loader.question(file);
}

export function caseFindings(file: string): Finding[] {
  const { ctx, topics } = caseQuestion(file);
  return diagnose(ctx, topics);
}

/** The case's findings, each with the rule that drew it. */
export function caseFindingsByRule(file: string): { rule: Rule; findings: readonly Finding[] }[] {
  const { ctx, topics } = caseQuestion(file);
  return diagnoseByRule(ctx, topics);
}
