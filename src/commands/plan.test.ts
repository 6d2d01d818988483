import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { runCli } from '../../test/helpers/cli.js';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliIo } from './context.js';
import { runPlanCommand, type PlanCommandEnv } from './plan.js';
import { parsePlan } from '../plan/parse.js';
import { NO_SIGNALS } from '../system/signals.js';

const examples = new URL('../../examples/plans/', import.meta.url).pathname;
const snapshot = new URL('../../test/fixtures/lab-router/snapshot.json', import.meta.url).pathname;
const dir = mkdtempSync(path.join(tmpdir(), 'netdoctor-plan-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cli = runCli;

describe('netdoctor plan', () => {
  it('exits 0 on the complete three VPCs', async () => {
    const r = await cli('plan', path.join(examples, 'three-vpcs.yaml'));
    expect(r.code).toBe(0);
    expect(r.out).toContain('Expectations (6 of 6 hold)');
    expect(r.out).toContain('no problems found');
  });

  it('exits 1 on the broken plan, naming the router and the route to add', async () => {
    const r = await cli('plan', path.join(examples, 'three-vpcs-broken.yaml'));
    expect(r.code).toBe(1);
    expect(r.out).toContain('plan-missing-route  vpc3 has no route to vpc2-web (10.2.1.0/24)');
    expect(r.out).toContain('- 10.2.1.0/24 via 172.16.0.12');
    expect(r.out).toContain('ip route add 10.2.1.0/24 via 172.16.0.12   # on vpc3');
    expect(r.out).toContain('plan-asymmetric');
  });

  it('--json prints one object with the matrix, paths, expectations and findings', async () => {
    const r = await cli('plan', '--json', path.join(examples, 'three-vpcs-broken.yaml'));
    const json = JSON.parse(r.out) as {
      matrix: { networks: string[]; cells: (string | null)[][] };
      findings: { code: string }[];
    };
    expect(json.matrix.networks).toEqual(['private', 'vpc1-web', 'vpc2-web', 'vpc3-db']);
    expect(json.matrix.cells[3]?.[2]).toBe('no');
    expect(json.matrix.cells[2]?.[3]).toBe('one-way');
    expect(json.findings.map((f) => f.code)).toContain('plan-missing-route');
  });

  it('a bad file is one line with line:column, exit 2', async () => {
    const bad = path.join(dir, 'bad.yaml');
    writeFileSync(
      bad,
      'networks:\n  a: 10.0.0.0/8\nrouters:\n  r:\n    interfaces: {a: 10.0.0.1}\n    routes: [10.1.0.0/16 va 10.0.0.2]\n',
    );
    const r = await cli('plan', bad);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(
      /^netdoctor: .*bad\.yaml:6:14: routers\.r\.routes\[0\]: expected 'PREFIX via ADDR'.*\n$/,
    );
    expect(r.err.split('\n')).toHaveLength(2);
  });

  it('a missing file is one line, exit 2', async () => {
    const r = await cli('plan', path.join(dir, 'nope.yaml'));
    expect(r.code).toBe(2);
    expect(r.err).toContain('no such file or directory');
  });

  it('--prove refuses without privilege, in one line naming sudo and the capabilities', async () => {
    let err = '';
    const io: CliIo = { out: () => {}, err: (t) => (err += t), isTTY: false, env: {} };
    const env: PlanCommandEnv = {
      canProve: async () => false,
      prefix: () => 'ndpT',
      prove: {
        addNamespace: () => Promise.reject(new Error('must not build')),
        deleteNamespace: () => Promise.reject(new Error('must not build')),
        ipBatch: () => Promise.reject(new Error('must not build')),
        ipIn: () => Promise.reject(new Error('must not build')),
        execIn: () => Promise.reject(new Error('must not build')),
      },
    };
    await expect(
      runPlanCommand(io, path.join(examples, 'three-vpcs.yaml'), { prove: true }, env),
    ).rejects.toThrow(/needs root \(sudo\) or CAP_NET_ADMIN\+CAP_SYS_ADMIN/);
    expect(err).toBe('');
  });

  it('--prove --json that fails: a document whose end carries the error, then the error', async () => {
    let out = '';
    const io: CliIo = { out: (t) => (out += t), err: () => {}, isTTY: false, env: {} };
    const refuse = () => Promise.reject(new Error('must not run'));
    const env: PlanCommandEnv = {
      canProve: async () => true,
      prefix: () => 'ndpT',
      trap: { host: NO_SIGNALS },
      prove: {
        addNamespace: () => Promise.reject(new Error('ip netns add: File exists\nmore')),
        deleteNamespace: async () => true,
        ipBatch: refuse,
        ipIn: refuse,
        execIn: refuse,
      },
    };
    const file = path.join(examples, 'three-vpcs.yaml');
    await expect(runPlanCommand(io, file, { prove: true, json: true }, env)).rejects.toThrow(
      /File exists/,
    );
    const doc = JSON.parse(out) as { schema: string; file: string; end: { error: string } };
    expect(doc).toMatchObject({ schema: 'netdoctor.plan/1', file, end: { reason: 'error' } });
    expect(doc.end.error).toMatch(/File exists$/);
  });

  it('--from-host writes a plan of the host that reads back', async () => {
    const out = path.join(dir, 'host.yaml');
    const r = await cli('plan', '--from-host', '--snapshot', snapshot, '-o', out);
    expect(r.code).toBe(0);
    const plan = parsePlan(readFileSync(out, 'utf8'), out);
    expect(plan.routers).toHaveLength(1);
    expect(plan.routers[0]?.routes.map((x) => x.text)).toContain('blackhole 203.0.113.0/26');
  });

  it('needs a FILE or --from-host', async () => {
    const r = await cli('plan');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^netdoctor: plan needs a FILE/);
  });
});
