/**
 * The network lab: namespaces, veth pairs and a bridge as switch, built for one test file
 * and torn down after it, also on failure. Never linked to the root namespace: no veth end
 * stays outside, no route out (../shared/docs/LAB.md).
 */
import {
  execFileSync,
  spawn,
  spawnSync,
  type ChildProcessWithoutNullStreams,
  type SpawnSyncReturns,
} from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, rmdirSync, rmSync } from 'node:fs';
import { afterAll, describe, it } from 'vitest';

export interface ExecResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the rest of an argv as user nobody (util-linux setpriv). */
export const NOBODY = ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'];

function run(argv: readonly string[], input?: string, timeoutMs = 120_000): ExecResult {
  const [cmd, ...args] = argv;
  const r: SpawnSyncReturns<string> = spawnSync(cmd ?? 'false', args, {
    encoding: 'utf8',
    input,
    timeout: timeoutMs,
    env: { ...process.env, LC_ALL: 'C' },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

function must(argv: readonly string[]): string {
  const r = run(argv);
  if (r.status !== 0) throw new Error(`${argv.join(' ')} failed (${r.status}): ${r.stderr.trim()}`);
  return r.stdout;
}

/** Whether this process can build labs: root, and `ip netns` works. */
export function labAvailability(): { ok: true } | { ok: false; reason: string } {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) {
    return { ok: false, reason: 'not root (lab tests build network namespaces)' };
  }
  const probe = `ndprobe${process.pid}`;
  const r = run(['ip', 'netns', 'add', probe]);
  if (r.status !== 0) return { ok: false, reason: `ip netns add failed: ${r.stderr.trim()}` };
  run(['ip', 'netns', 'del', probe]);
  return { ok: true };
}

export class Lab {
  /** Short and unique per run: interface names have 15 characters at most. */
  readonly id = `nd${randomBytes(3).toString('hex')}`;
  private readonly namespaces: string[] = [];
  private readonly etcDirs: string[] = [];
  /** /etc/netns, /etc/openvpn: made by this lab because the machine had none. */
  private readonly madeEtc: string[] = [];
  private vethCount = 0;

  /** The full name of a lab namespace. */
  ns(name: string): string {
    return `${this.id}-${name}`;
  }

  /** A host: a namespace with loopback up. Returns its full name. */
  addHost(name: string): string {
    const ns = this.ns(name);
    must(['ip', 'netns', 'add', ns]);
    this.namespaces.push(ns);
    must(['ip', '-n', ns, 'link', 'set', 'lo', 'up']);
    return ns;
  }

  /** A switch: a namespace holding bridge br0. */
  addSwitch(name: string): string {
    const ns = this.addHost(name);
    must(['ip', '-n', ns, 'link', 'add', 'br0', 'type', 'bridge']);
    // No STP delay, and forward at once: the lab switch is a wire.
    must([
      'ip',
      '-n',
      ns,
      'link',
      'set',
      'br0',
      'type',
      'bridge',
      'forward_delay',
      '0',
      'stp_state',
      '0',
    ]);
    must(['ip', '-n', ns, 'link', 'set', 'br0', 'up']);
    return ns;
  }

  /**
   * Plugs host `ns` into switch `sw` with a veth whose host end is `ifname` (up, with `mac`
   * if given). Returns the switch-side port name.
   */
  plug(ns: string, ifname: string, sw: string, mac?: string): string {
    const port = `p${++this.vethCount}`;
    must([
      'ip',
      'link',
      'add',
      ifname,
      'netns',
      ns,
      'type',
      'veth',
      'peer',
      'name',
      port,
      'netns',
      sw,
    ]);
    must(['ip', '-n', sw, 'link', 'set', port, 'master', 'br0', 'up']);
    if (mac) must(['ip', '-n', ns, 'link', 'set', ifname, 'address', mac]);
    must(['ip', '-n', ns, 'link', 'set', ifname, 'up']);
    return port;
  }

  /** A point-to-point veth between two hosts. */
  wire(nsA: string, ifA: string, nsB: string, ifB: string): void {
    must([
      'ip',
      'link',
      'add',
      ifA,
      'netns',
      nsA,
      'type',
      'veth',
      'peer',
      'name',
      ifB,
      'netns',
      nsB,
    ]);
    must(['ip', '-n', nsA, 'link', 'set', ifA, 'up']);
    must(['ip', '-n', nsB, 'link', 'set', ifB, 'up']);
  }

  /** `ip -n NS ARGS...`, insisting on success. */
  ip(ns: string, ...args: string[]): string {
    return must(['ip', '-n', ns, ...args]);
  }

  /** `ip -n NS -j ARGS...` parsed. */
  ipJson<T = unknown>(ns: string, ...args: string[]): T {
    return JSON.parse(must(['ip', '-n', ns, '-j', ...args]) || '[]') as T;
  }

  sysctl(ns: string, key: string, value: string | number): void {
    must(['ip', 'netns', 'exec', ns, 'sysctl', '-qw', `${key}=${value}`]);
  }

  /** Runs argv inside the namespace, as root (killed after `timeoutMs`: status null). */
  exec(ns: string, argv: readonly string[], input?: string, timeoutMs?: number): ExecResult {
    return run(['ip', 'netns', 'exec', ns, ...argv], input, timeoutMs);
  }

  /** Runs argv inside the namespace as user nobody, with no capabilities. */
  execAsNobody(ns: string, argv: readonly string[]): ExecResult {
    return run(['ip', 'netns', 'exec', ns, ...NOBODY, ...argv]);
  }

  /**
   * /etc/netns/NS (or its sub-directory `sub`, e.g. openvpn), which `ip netns exec NS` mounts
   * over /etc (resolv.conf) or /etc/SUB. A mount needs its target: /etc/SUB is made when this
   * machine has none. At teardown all of it goes, and /etc/netns and /etc/SUB with it when
   * this lab made them (rmdir: another lab's entries there keep them).
   */
  etcDir(ns: string, sub?: string): string {
    const madeHere = (dir: string) => {
      if (existsSync(dir)) return;
      mkdirSync(dir);
      this.madeEtc.push(dir);
    };
    madeHere('/etc/netns');
    if (sub !== undefined) madeHere(`/etc/${sub}`);
    const dir = `/etc/netns/${ns}`;
    mkdirSync(sub === undefined ? dir : `${dir}/${sub}`, { recursive: true });
    if (!this.etcDirs.includes(dir)) this.etcDirs.push(dir);
    return sub === undefined ? dir : `${dir}/${sub}`;
  }

  teardown(): void {
    for (const dir of this.etcDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
    for (const dir of this.madeEtc.splice(0).reverse()) {
      try {
        rmdirSync(dir);
      } catch {
        // not empty (another lab's), or gone already
      }
    }
    for (const ns of this.namespaces.splice(0).reverse()) run(['ip', 'netns', 'del', ns]);
    // Anything a test made under our prefix without telling us goes too.
    for (const line of run(['ip', 'netns', 'list']).stdout.split('\n')) {
      const name = line.split(' ')[0];
      if (name?.startsWith(`${this.id}-`)) run(['ip', 'netns', 'del', name]);
    }
  }
}

/**
 * A describe block that builds a lab. Where labs cannot run it says so loudly and skips;
 * under CI=true a lab that cannot run is a failure, never a skip.
 */
export function describeLab(title: string, body: (lab: Lab) => void): void {
  const availability = labAvailability();
  if (!availability.ok) {
    const reason = availability.reason;
    if (process.env['CI'] === 'true') {
      describe(title, () => {
        it('can build its lab', () => {
          throw new Error(`lab tests must run under CI, but cannot: ${reason}`);
        });
      });
      return;
    }
    process.stderr.write(
      `\n!!! LAB TESTS SKIPPED: "${title}": ${reason}. Run npm test as root to run them. !!!\n\n`,
    );
    describe.skip(title, () => body(new Lab()));
    return;
  }
  describe(title, () => {
    const lab = new Lab();
    afterAll(() => lab.teardown());
    body(lab);
  });
}

/** The netdoctor command as built by `npm run build`. */
export const NETDOCTOR = ['node', new URL('../../bin/netdoctor.js', import.meta.url).pathname];

/**
 * Node running our TypeScript sources through tsx, for a lab script that drives a module
 * directly (the build is one bundle, so there is no compiled module to import). With tsx's
 * disk cache off: it would leave /tmp/tsx-UID behind for every user a script runs as.
 */
export const NODE_TS = [
  'env',
  'TSX_DISABLE_CACHE=1',
  'node',
  '--import',
  new URL('../../node_modules/tsx/dist/loader.mjs', import.meta.url).href,
];

/** For tests that must be sure nothing leaked: the lab namespaces still present. */
export function leftoverNamespaces(lab: Lab): string[] {
  return execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' })
    .split('\n')
    .map((l) => l.split(' ')[0] ?? '')
    .filter((n) => n.startsWith(`${lab.id}-`));
}

/**
 * Starts `netdoctor ARGS` as nobody inside namespace `ns` and returns at once, for a test that
 * signals it or reads it as it streams (a sweep to interrupt, a watch).
 */
export function spawnNetdoctorAsNobody(
  ns: string,
  args: readonly string[],
): ChildProcessWithoutNullStreams {
  return spawn('ip', ['netns', 'exec', ns, ...NOBODY, ...NETDOCTOR, ...args], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

/**
 * What `pgrep ARGS` finds in a namespace once the processes that are on their way out are
 * gone: a child killed as its parent exits is still listed for a moment. Polls up to 2 s;
 * a process that is really left behind is still there after it.
 */
export async function leftAfterExit(
  lab: Lab,
  ns: string,
  pgrepArgs: readonly string[],
): Promise<string> {
  let found = '';
  for (let i = 0; i < 40; i++) {
    found = lab.exec(ns, ['pgrep', ...pgrepArgs]).stdout;
    if (found === '') return '';
    await new Promise((r) => setTimeout(r, 50));
  }
  return found;
}
