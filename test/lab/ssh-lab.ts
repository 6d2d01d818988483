/**
 * SSH into lab boxes (LAB.md "SSH into lab boxes"), for every test that reaches a box the way
 * a person does: the real OpenSSH server run inside the box's namespace, the real client.
 *
 *   const ssh = new SshLab(lab);              // once per describeLab; tears down with the lab
 *   const r1 = ssh.addBox(lab.addHost('r1')); // sshd on r1, reachable as `r1` from ssh.opsNs
 *   ssh.netdoctor(['snapshot', '--ssh', r1.target]);   // netdoctor run in the ops namespace
 *
 * - A management network: switch `mgmt` and namespace `ops` (where netdoctor and ssh run);
 *   each box gets interface `mgmt0` with an address in 198.19.254.0/24 (benchmark range, so
 *   it never collides with a story's own networks) and an sshd listening there on port 22.
 * - Everything secret or configured lives in one temp dir (mode 0700) made here: each box's
 *   host key, the client's key made at test time, authorized_keys, sshd configs, the client's
 *   ssh_config and known_hosts. The user's ~/.ssh is never read: `ssh` on the PATH netdoctor
 *   gets (`binDir`) is a wrapper running /usr/bin/ssh -F <our ssh_config>.
 * - Key auth only (a box may allow passwords too, for the password-prompt test); login as root.
 * - Teardown: every process left in the lab's own namespaces (sshd, sessions, ssh masters) is
 *   killed, the temp dir removed, /run/sshd removed if this lab made it and no sshd runs.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  rmdirSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { NETDOCTOR, type ExecResult, type Lab } from './lab.js';

/** The management network: never one a story uses. */
const MGMT_PREFIX = '198.19.254';
/** sshd's privilege separation directory (compiled in); Debian makes it at boot, labs may not find it. */
const PRIVSEP_DIR = '/run/sshd';
const HIDE_BASHRC_THEN_SSHD =
  'if [ -e /root/.bashrc ]; then mount --bind /dev/null /root/.bashrc; fi; exec /usr/sbin/sshd -D -e -f "$1"';

export interface SshBox {
  /** The box's namespace. */
  readonly ns: string;
  /** Its name in our ssh_config (`Host NAME`): what `--ssh` takes. */
  readonly name: string;
  /** Its management address. */
  readonly address: string;
  /** `--ssh` target: the ssh_config alias. */
  readonly target: string;
}

export interface BoxOptions {
  /** The alias in ssh_config (default: the namespace's short name). */
  readonly name?: string;
  /** Put its host key in known_hosts (default true); false for the unknown-host-key test. */
  readonly trusted?: boolean;
  /** Also allow password login (no password will do: for the prompt test). */
  readonly passwords?: boolean;
  /** Accept our client key (default true). */
  readonly authorized?: boolean;
}

function sh(argv: readonly string[], input?: string, timeoutMs = 30_000): ExecResult {
  const [cmd, ...args] = argv;
  const r = spawnSync(cmd ?? 'false', args, {
    encoding: 'utf8',
    input,
    timeout: timeoutMs,
    env: { ...process.env, LC_ALL: 'C' },
  });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

function must(argv: readonly string[]): string {
  const r = sh(argv);
  if (r.status !== 0) throw new Error(`${argv.join(' ')} failed (${r.status}): ${r.stderr.trim()}`);
  return r.stdout;
}

export class SshLab {
  /** Where netdoctor and ssh run: only the management network reaches it. */
  readonly opsNs: string;
  /** The temp dir holding keys, configs and known_hosts (removed at teardown). */
  readonly dir: string;
  /** Put first on PATH: holds the `ssh` wrapper that uses our ssh_config. */
  readonly binDir: string;
  readonly sshConfig: string;
  readonly knownHosts: string;
  private readonly switchNs: string;
  private readonly boxes: SshBox[] = [];
  private readonly daemons: ChildProcess[] = [];
  private readonly labNamespaces: string[] = [];
  private madePrivsep = false;

  constructor(
    private readonly lab: Lab,
    /** Registers its own teardown (afterAll) unless told not to. */
    registerTeardown = true,
  ) {
    this.dir = mkdtempSync(path.join(tmpdir(), 'nd-sshlab-'));
    chmodSync(this.dir, 0o700);
    this.binDir = path.join(this.dir, 'bin');
    mkdirSync(this.binDir);
    this.sshConfig = path.join(this.dir, 'ssh_config');
    this.knownHosts = path.join(this.dir, 'known_hosts');
    writeFileSync(this.knownHosts, '');
    must([
      'ssh-keygen',
      '-q',
      '-t',
      'ed25519',
      '-N',
      '',
      '-C',
      'netdoctor-lab',
      '-f',
      this.clientKey,
    ]);
    writeFileSync(path.join(this.dir, 'authorized_keys'), must(['cat', `${this.clientKey}.pub`]));
    this.writeClientConfig();
    const wrapper = path.join(this.binDir, 'ssh');
    writeFileSync(wrapper, `#!/bin/sh\nexec /usr/bin/ssh -F '${this.sshConfig}' "$@"\n`);
    chmodSync(wrapper, 0o755);
    if (!existsSync(PRIVSEP_DIR)) {
      mkdirSync(PRIVSEP_DIR, { mode: 0o755 });
      this.madePrivsep = true;
    }
    this.switchNs = lab.addSwitch('mgmt');
    this.opsNs = lab.addHost('ops');
    this.labNamespaces.push(this.switchNs, this.opsNs);
    lab.plug(this.opsNs, 'mgmt0', this.switchNs);
    lab.ip(this.opsNs, 'addr', 'add', `${MGMT_PREFIX}.1/24`, 'dev', 'mgmt0');
    if (registerTeardown) afterAll(() => this.teardown());
  }

  get clientKey(): string {
    return path.join(this.dir, 'id_ed25519');
  }

  /**
   * Starts sshd in `ns` (plugged into the management network as mgmt0) and names it in
   * ssh_config. Returns once the daemon accepts connections.
   */
  addBox(ns: string, options: BoxOptions = {}): SshBox {
    const index = this.boxes.length + 2;
    const name = options.name ?? ns.slice(this.lab.id.length + 1);
    const address = `${MGMT_PREFIX}.${index}`;
    this.lab.plug(ns, 'mgmt0', this.switchNs);
    this.lab.ip(ns, 'addr', 'add', `${address}/24`, 'dev', 'mgmt0');
    const hostKey = path.join(this.dir, `host-${name}`);
    must(['ssh-keygen', '-q', '-t', 'ed25519', '-N', '', '-C', name, '-f', hostKey]);
    const config = path.join(this.dir, `sshd-${name}.conf`);
    const authorized = path.join(
      this.dir,
      options.authorized === false ? 'nobody_keys' : 'authorized_keys',
    );
    writeFileSync(
      config,
      [
        `ListenAddress ${address}:22`,
        `HostKey ${hostKey}`,
        `PidFile ${path.join(this.dir, `sshd-${name}.pid`)}`,
        `AuthorizedKeysFile ${authorized}`,
        'UsePAM no',
        // The temp dir sits in a world-writable TMPDIR: sshd's ownership checks would refuse it.
        'StrictModes no',
        'PermitRootLogin yes',
        'PubkeyAuthentication yes',
        `PasswordAuthentication ${options.passwords ? 'yes' : 'no'}`,
        'KbdInteractiveAuthentication no',
        'PrintMotd no',
        'LogLevel ERROR',
        '',
      ].join('\n'),
    );
    // The box is a router, not this machine: the login shell must not run this machine's
    // ~root/.bashrc (here it starts pyenv, seconds a command). Hidden in the box's own mount
    // namespace (ip netns exec makes one, slave to the host's: nothing propagates back).
    const daemon = spawn(
      'ip',
      ['netns', 'exec', ns, 'sh', '-c', HIDE_BASHRC_THEN_SSHD, 'sh', config],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    daemon.stderr?.resume();
    this.daemons.push(daemon);
    if (!this.labNamespaces.includes(ns)) this.labNamespaces.push(ns);
    if (options.trusted !== false) {
      const pub = must(['cat', `${hostKey}.pub`]).split(' ');
      writeFileSync(this.knownHosts, `${address} ${pub[0]} ${pub[1]}\n`, { flag: 'a' });
    }
    const box: SshBox = { ns, name, address, target: name };
    this.boxes.push(box);
    this.writeClientConfig();
    this.waitListening(ns, address);
    return box;
  }

  /** Waits (bounded) until sshd listens on the box's address. */
  private waitListening(ns: string, address: string): void {
    for (let i = 0; i < 100; i++) {
      const ss = this.lab.exec(ns, ['ss', '-Hltn', `src ${address}:22`]).stdout;
      if (ss.trim() !== '') return;
      sh(['sleep', '0.05']);
    }
    throw new Error(`sshd in ${ns} did not start listening on ${address}:22`);
  }

  private writeClientConfig(): void {
    const lines = [
      ...this.boxes.flatMap((b) => [`Host ${b.name}`, `  HostName ${b.address}`]),
      'Host *',
      '  User root',
      `  IdentityFile ${this.clientKey}`,
      '  IdentitiesOnly yes',
      `  UserKnownHostsFile ${this.knownHosts}`,
      '  GlobalKnownHostsFile /dev/null',
      '  ConnectTimeout 3',
      '  LogLevel ERROR',
      '',
    ];
    writeFileSync(this.sshConfig, lines.join('\n'));
  }

  /** The environment for netdoctor or ssh run in the ops namespace: our wrapper first on PATH. */
  env(extra: Record<string, string> = {}): Record<string, string> {
    return {
      ...(process.env as Record<string, string>),
      PATH: `${this.binDir}:${process.env['PATH'] ?? '/usr/sbin:/usr/bin:/sbin:/bin'}`,
      LC_ALL: 'C',
      ...extra,
    };
  }

  /** Runs argv in the ops namespace with our ssh on PATH. */
  exec(argv: readonly string[], input?: string, timeoutMs = 60_000): ExecResult {
    const r = spawnSync('ip', ['netns', 'exec', this.opsNs, ...argv], {
      encoding: 'utf8',
      input,
      timeout: timeoutMs,
      env: this.env(),
      maxBuffer: 64 * 1024 * 1024,
    });
    return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
  }

  /** `netdoctor ARGS` in the ops namespace (stdin not a terminal: ssh runs in batch mode). */
  netdoctor(args: readonly string[], timeoutMs = 60_000): ExecResult {
    return this.exec([...NETDOCTOR, ...args], '', timeoutMs);
  }

  /** Starts `netdoctor ARGS` in the ops namespace and returns at once. */
  spawnNetdoctor(args: readonly string[]): ChildProcess {
    return spawn('ip', ['netns', 'exec', this.opsNs, ...NETDOCTOR, ...args], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: this.env(),
    });
  }

  /** `ssh TARGET ARGV` from the ops namespace through our config (one shell word each). */
  ssh(target: string, remoteCommand: string): ExecResult {
    return this.exec(['ssh', '-o', 'BatchMode=yes', target, remoteCommand]);
  }

  /** The host goes down: its management link is cut (sessions hang, new ones time out). */
  takeDown(box: SshBox): void {
    this.lab.ip(box.ns, 'link', 'set', 'mgmt0', 'down');
  }

  bringUp(box: SshBox): void {
    this.lab.ip(box.ns, 'link', 'set', 'mgmt0', 'up');
  }

  teardown(): void {
    for (const daemon of this.daemons.splice(0)) daemon.kill('SIGKILL');
    // Sessions, remote probes and ssh masters live on in the lab's namespaces: all of them go.
    for (const ns of this.labNamespaces.splice(0)) {
      const pids = sh(['ip', 'netns', 'pids', ns]).stdout.split('\n').filter(Boolean);
      if (pids.length > 0) sh(['kill', '-KILL', ...pids]);
    }
    rmSync(this.dir, { recursive: true, force: true });
    if (this.madePrivsep && sh(['pgrep', '-x', 'sshd']).stdout === '') {
      try {
        rmdirSync(PRIVSEP_DIR);
      } catch {
        // in use by another lab's sshd, or gone
      }
    }
  }
}
