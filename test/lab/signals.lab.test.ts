/**
 * Killed at any moment, nothing left behind (issue 21 items 3 and 4). The TUI in a real pty
 * inside a lab box, with a watch on Discover, a trace on Route and live rates on VLAN, is
 * sent INT, TERM or HUP: it exits 130/143/129, gives the terminal back (its last output
 * leaves the alternate screen) and leaves no `ip monitor` or `mtr-packet` in the box. Killed
 * during --prove (the Plan panel's P, or `plan --prove`), no namespace of its is left.
 * `doctor --probe` interrupted prints the report of what ran and exits 130.
 */
import { execFileSync, spawn } from 'node:child_process';
import { afterEach, beforeAll, expect, it } from 'vitest';
import { describeLab, NETDOCTOR, type Lab } from './lab.js';
import { buildTraceLab, TRACE_LAB as L, type TraceLabHosts } from './trace-lab.js';
import { gaveScreenBack, processesIn, startTuiInPty, type PtyTui } from './tui-pty.js';

const PLAN = new URL('../../examples/plans/three-vpcs-broken.yaml', import.meta.url).pathname;
const EXIT = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 } as const;
/** What a TUI job leaves running if its cleanup does not run. */
const JOB_CHILDREN = /^(\S*\/)?(ip monitor neigh|mtr-packet)/;
/** A probe of doctor's (execa runs the resolved path, /usr/bin/ping). */
const PING = /^(\S*\/)?ping /;

/** The namespaces a netdoctor process (by pid) made: uniqueNamespacePrefix() starts so. */
function namespacesOf(pid: number): string[] {
  const prefix = `ndp${pid.toString(36)}`;
  // stderr ignored: `ip netns list` complains of a namespace deleted while it lists.
  return execFileSync('ip', ['netns', 'list'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  })
    .split('\n')
    .map((l) => l.split(' ')[0] ?? '')
    .filter((n) => n.startsWith(prefix));
}

async function until(what: string, check: () => boolean, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Deletes what a failed test left, so one failure does not leak into the machine. */
function deleteNamespaces(names: readonly string[]): void {
  for (const n of names) execFileSync('ip', ['netns', 'del', n]);
}

describeLab('killed at any moment, nothing left behind', (lab: Lab) => {
  let h: TraceLabHosts;

  beforeAll(() => {
    h = buildTraceLab(lab);
    const ping = lab.exec(h.c, ['ping', '-c1', '-w5', L.server]);
    expect(ping.status, ping.stderr).toBe(0);
  });

  /** TUIs of a test that failed are ended with everything they started. */
  const started: PtyTui[] = [];
  afterEach(() => {
    for (const tui of started.splice(0)) tui.kill();
  });

  /** The TUI on C with a watch, a trace and live rates running. */
  async function busyTui(): Promise<PtyTui> {
    const tui = startTuiInPty(h.c);
    started.push(tui);
    await tui.waitFor(/Interfaces \(\d+\)/);
    await tui.keys('2');
    await tui.waitFor(/w watch/);
    await tui.keys('w');
    await until('ip monitor running', () => processesIn(h.c, /ip monitor neigh/).length > 0);
    await tui.keys('4');
    await tui.waitFor(/Which way does this host send a packet/);
    await tui.keys('/');
    await tui.waitFor(/route to>/);
    await tui.keys(L.server);
    // Enter only once the text is drawn: the panel reads the question of its last render.
    await tui.waitFor(/route to> 198\.18\.0\.2/);
    await tui.keys('\r');
    await tui.waitFor(/kernel agrees/);
    await tui.keys('t');
    await until('mtr-packet running', () => processesIn(h.c, /mtr-packet/).length > 0);
    await tui.keys('3');
    await tui.waitFor(/VLAN/);
    await tui.keys('t');
    await tui.waitFor(/running: .*rates/i);
    return tui;
  }

  it.each(['SIGTERM', 'SIGINT', 'SIGHUP'] as const)(
    '%s: exit 128+n, the screen given back, no ip monitor or mtr-packet left',
    async (name) => {
      const tui = await busyTui();
      const running = processesIn(h.c, JOB_CHILDREN);
      expect(running.some((p) => p.includes('ip monitor neigh'))).toBe(true);
      expect(running.some((p) => p.includes('mtr-packet'))).toBe(true);
      process.kill(tui.nodePid(), name);
      expect(await tui.exited).toBe(EXIT[name]);
      expect(gaveScreenBack(tui.raw())).toBe(true);
      expect(processesIn(h.c, JOB_CHILDREN)).toEqual([]);
    },
    30_000,
  );

  it.each([
    ['q', 'q'],
    ['Ctrl-C (a key in raw mode)', '\u0003'],
  ])(
    '%s: exit 0, the screen given back, no ip monitor or mtr-packet left',
    async (_, key) => {
      const tui = await busyTui();
      expect(processesIn(h.c, JOB_CHILDREN)).toHaveLength(2);
      await tui.keys(key);
      expect(await tui.exited).toBe(0);
      expect(gaveScreenBack(tui.raw())).toBe(true);
      expect(processesIn(h.c, JOB_CHILDREN)).toEqual([]);
    },
    30_000,
  );

  /** The TUI on the Plan panel, --prove started and its first namespaces built. */
  async function proving(): Promise<{ tui: PtyTui; node: number }> {
    // --prove makes namespaces of its own and pings only inside them: it runs from here.
    const tui = startTuiInPty(null, ['--plan', PLAN]);
    started.push(tui);
    await tui.waitFor(/P: prove/);
    await tui.keys('P');
    await tui.waitFor(/Enter or P starts/);
    const node = tui.nodePid();
    await tui.keys('\r');
    await until('its namespaces built', () => namespacesOf(node).length >= 3);
    return { tui, node };
  }

  it('killed during P on the Plan panel: exit 143 and none of its namespaces left', async () => {
    let node = 0;
    try {
      const run = await proving();
      node = run.node;
      process.kill(node, 'SIGTERM');
      expect(await run.tui.exited).toBe(143);
      expect(gaveScreenBack(run.tui.raw())).toBe(true);
      expect(namespacesOf(node)).toEqual([]);
    } finally {
      deleteNamespaces(namespacesOf(node));
    }
  }, 30_000);

  it('the terminal closing during P (the pty hangs up): none of its namespaces left', async () => {
    let node = 0;
    try {
      const run = await proving();
      node = run.node;
      // The pty's master closes: the kernel sends HUP to the TUI and its writes fail (EIO).
      run.tui.script.kill('SIGKILL');
      await until('the TUI gone', () => !alive(node), 15_000);
      expect(namespacesOf(node)).toEqual([]);
    } finally {
      deleteNamespaces(namespacesOf(node));
    }
  }, 30_000);

  it('plan --prove interrupted: exit 130, one line, and none of its namespaces left', async () => {
    const [node, script] = NETDOCTOR;
    const child = spawn(node ?? 'node', [script ?? '', 'plan', '--prove', PLAN]);
    const pid = child.pid ?? 0;
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    try {
      await until('its namespaces built', () => namespacesOf(pid).length >= 3);
      child.kill('SIGINT');
      expect(await exited).toBe(130);
      expect(stderr).toMatch(
        /^netdoctor: --prove interrupted by SIGINT: its namespaces are deleted$/m,
      );
      expect(namespacesOf(pid)).toEqual([]);
    } finally {
      child.kill('SIGKILL');
      deleteNamespaces(namespacesOf(pid));
    }
  }, 30_000);

  it('plan --prove --json interrupted: a document that says by which signal, exit 143', async () => {
    const [node, script] = NETDOCTOR;
    const child = spawn(node ?? 'node', [script ?? '', 'plan', '--prove', '--json', PLAN]);
    const pid = child.pid ?? 0;
    let stdout = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    try {
      await until('its namespaces built', () => namespacesOf(pid).length >= 3);
      child.kill('SIGTERM');
      expect(await exited).toBe(143);
      expect(JSON.parse(stdout)).toEqual({
        schema: 'netdoctor.plan/1',
        file: PLAN,
        end: { reason: 'interrupted', signal: 'SIGTERM' },
      });
      expect(namespacesOf(pid)).toEqual([]);
    } finally {
      child.kill('SIGKILL');
      deleteNamespaces(namespacesOf(pid));
    }
  }, 30_000);

  it.each([
    ['trace', [L.server, '--no-names'], /mtr-packet/],
    ['doctor', ['--probe', '--to', L.blackholed], PING],
  ] as const)(
    '%s --json interrupted: the document ends with the signal, exit 130',
    async (command, args, running) => {
      const child = spawnNetdoctor(h.c, [command, ...args, '--json']);
      let stdout = '';
      child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
      const exited = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
      try {
        await until(`${command} probing`, () => processesIn(h.c, running).length > 0);
        child.kill('SIGINT');
        expect(await exited).toBe(130);
        const doc = JSON.parse(stdout) as { schema: string; end: unknown };
        expect(doc.schema).toBe(`netdoctor.${command}/1`);
        expect(doc.end).toEqual({ reason: 'interrupted', signal: 'SIGINT' });
      } finally {
        child.kill('SIGKILL');
      }
    },
    30_000,
  );

  it('trace interrupted: exit 130, the hop table so far, no mtr-packet left', async () => {
    const child = spawnNetdoctor(h.c, ['trace', L.server, '--no-names']);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    try {
      await until('the trace running', () => /^tracing /m.test(stderr));
      await until('mtr-packet started', () => processesIn(h.c, /mtr-packet/).length > 0);
      await new Promise((r) => setTimeout(r, 1500)); // a round or two
      child.kill('SIGINT');
      expect(await exited).toBe(130);
      expect(stdout).toContain(L.hops[0]);
      expect(processesIn(h.c, /mtr-packet/)).toEqual([]);
    } finally {
      child.kill('SIGKILL');
    }
  }, 30_000);

  it('doctor --probe interrupted: exit 130 and the report of what ran, marked as stopped', async () => {
    const child = spawnNetdoctor(h.c, ['doctor', '--probe', '--to', L.blackholed]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    try {
      // The blackholed destination never answers: the ping runs its full 3 s.
      await until('the ping probe running', () => /^\.\.\. ping/m.test(stderr));
      await until('ping started', () => processesIn(h.c, PING).length > 0);
      child.kill('SIGINT');
      expect(await exited).toBe(130);
      expect(stdout).toMatch(/^Probes$/m);
      expect(stdout).toMatch(/stopped before every probe ran/);
      expect(stderr).toMatch(
        /^netdoctor: doctor interrupted by SIGINT: the report holds what ran$/m,
      );
      expect(processesIn(h.c, PING)).toEqual([]);
    } finally {
      child.kill('SIGKILL');
    }
  }, 30_000);
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** `netdoctor ARGS` as root in namespace `ns`, returning at once (to signal it). */
function spawnNetdoctor(ns: string, args: readonly string[]) {
  // ip netns exec execs node: the child's pid is node's, and a signal goes to it.
  return spawn('ip', ['netns', 'exec', ns, ...NETDOCTOR, ...args]);
}
