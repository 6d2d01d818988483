import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parsePlan } from '../plan/parse.js';
import { planQuestion } from '../plan/question.js';
import { documentText } from './document.js';
import {
  expectationsSection,
  matrixSection,
  pathLines,
  planJson,
  planJsonText,
  planMatrix,
  planSections,
} from './plan.js';
import { diagnose } from '../diagnose/diagnose.js';
import { toJson } from '../commands/context.js';
import { bigPlanText } from '../../test/helpers/big-plan.js';
import { pathOf } from '../plan/simulate.js';

const broken = parsePlan(
  readFileSync(new URL('../../examples/plans/three-vpcs-broken.yaml', import.meta.url), 'utf8'),
  'broken.yaml',
);
const q = planQuestion(broken);

describe('plan report', () => {
  it('the matrix as data: rows send to columns', () => {
    const m = planMatrix(broken, q.simulation);
    expect(m.networks).toEqual(['private', 'vpc1-web', 'vpc2-web', 'vpc3-db']);
    expect(m.cells[1]).toEqual(['one-way', null, 'both', 'both']);
    expect(m.cells[2]?.[3]).toBe('one-way');
    expect(m.cells[3]?.[2]).toBe('no');
  });

  it('the matrix as lines', () => {
    expect(matrixSection(broken, q.simulation).lines.map((l) => l.text)).toEqual([
      'from \\ to private vpc1-web vpc2-web vpc3-db',
      'private   -       no       no       no',
      'vpc1-web  one way -        reaches  reaches',
      'vpc2-web  one way reaches  -        one way',
      'vpc3-db   one way reaches  no       -',
      'reaches: arrives and is answered; one way: arrives, the answer is lost; no: never arrives',
    ]);
  });

  it('a path: each hop with its route, and where it stops', () => {
    const path = pathOf(q.simulation, 'vpc3-db', 'vpc2-web');
    expect(path && pathLines(path).map((l) => l.text)).toEqual([
      'vpc3-db -> vpc2-web  (10.3.1.254 -> 10.2.1.254)  FAILS',
      '  1. host on vpc3-db        default via 10.3.1.1',
      '  2. vpc3                   no route',
      '  stops: vpc3 has no route to 10.2.1.254 (vpc2-web): it drops the packet and answers "network unreachable"',
    ]);
  });

  it('writes control characters from the file visibly', () => {
    const evil = parsePlan(
      'networks:\n  "a\\e[2J": 10.0.0.0/24\n  b: 10.0.1.0/24\nrouters: {}\n',
      'e.yaml',
    );
    const text = documentText(planSections(planQuestion(evil), []));
    expect(text).not.toContain('\u001b');
    expect(text).toContain('a\\x1b[2J');
  });
});

describe('plan --json in pieces', () => {
  it('is the same text as the whole object printed at once', () => {
    const findings = diagnose({ host: null, plan: q }, ['plan']);
    const pieces = [...planJsonText(q, findings)];
    expect(pieces.join('')).toBe(toJson(planJson(q, findings)));
    const none = planQuestion(parsePlan('networks: {a: 10.1.0.0/24}\nrouters: {}\n', 'one.yaml'));
    expect([...planJsonText(none, [])].join('')).toBe(toJson(planJson(none, [])));
  });

  it('counts the expectations that hold past a few hundred, and lists every failure', () => {
    const big = planQuestion(parsePlan(bigPlanText(30, 3), 'big.yaml'));
    const section = expectationsSection(big.plan, big.simulation);
    expect(section.title).toBe('Expectations (812 of 812 hold)');
    expect(section.lines.map((l) => l.text)).toEqual([
      'ok     812 more pairs arrive (--json lists each)',
    ]);
    const failing = expectationsSection(broken, q.simulation).lines.filter((l) => l.tone === 'bad');
    expect(failing.length).toBeGreaterThan(0);
  });
});
