/**
 * OpenVPN stories with a real openvpn in namespaces (LAB.md): a tiny PKI made at test time
 * (EC keys, fast), every key inline in the configs (so a snapshot of the box holds keys to
 * leave out), configs under /etc/netns/NS/openvpn/ (`ip netns exec` mounts them over
 * /etc/openvpn). Each openvpn runs as a daemon with its own pid file; `stopAll` kills them.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Lab } from './lab.js';
import { removeEtc } from './doctor-lab.js';

/** PEM texts of a CA, a server and the clients, and a tls-crypt key. */
export interface Pki {
  readonly ca: string;
  readonly tlsCrypt: string;
  readonly server: { readonly cert: string; readonly key: string };
  readonly clients: Readonly<Record<string, { readonly cert: string; readonly key: string }>>;
}

function openssl(dir: string, args: readonly string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
}

/** A CA, a server certificate (serverAuth) and one client certificate per common name. */
export function makePki(clientNames: readonly string[]): Pki {
  const dir = mkdtempSync(join(tmpdir(), 'nd-pki-'));
  try {
    const key = (name: string) =>
      openssl(dir, [
        'genpkey',
        '-algorithm',
        'EC',
        '-pkeyopt',
        'ec_paramgen_curve:P-256',
        '-out',
        `${name}.key`,
      ]);
    key('ca');
    openssl(dir, [
      'req',
      '-x509',
      '-new',
      '-key',
      'ca.key',
      '-subj',
      '/CN=lab-ca',
      '-days',
      '2',
      '-out',
      'ca.crt',
    ]);
    const signed = (name: string, usage: string) => {
      key(name);
      writeFileSync(
        join(dir, `${name}.ext`),
        `extendedKeyUsage=${usage}\nkeyUsage=digitalSignature\n`,
      );
      openssl(dir, [
        'req',
        '-new',
        '-key',
        `${name}.key`,
        '-subj',
        `/CN=${name}`,
        '-out',
        `${name}.csr`,
      ]);
      openssl(dir, [
        'x509',
        '-req',
        '-in',
        `${name}.csr`,
        '-CA',
        'ca.crt',
        '-CAkey',
        'ca.key',
        '-CAcreateserial',
        '-days',
        '2',
        '-extfile',
        `${name}.ext`,
        '-out',
        `${name}.crt`,
      ]);
      return {
        cert: readFileSync(join(dir, `${name}.crt`), 'utf8'),
        key: readFileSync(join(dir, `${name}.key`), 'utf8'),
      };
    };
    const server = signed('server', 'serverAuth');
    const clients = Object.fromEntries(clientNames.map((n) => [n, signed(n, 'clientAuth')]));
    execFileSync('openvpn', ['--genkey', 'secret', join(dir, 'tc.key')], { stdio: 'ignore' });
    return {
      ca: readFileSync(join(dir, 'ca.crt'), 'utf8'),
      tlsCrypt: readFileSync(join(dir, 'tc.key'), 'utf8'),
      server,
      clients,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The inline key blocks of a config: every secret of the box sits in the file. */
function inline(pki: Pki, own: { cert: string; key: string }): string {
  return [
    `<ca>\n${pki.ca}</ca>`,
    `<cert>\n${own.cert}</cert>`,
    `<key>\n${own.key}</key>`,
    `<tls-crypt>\n${pki.tlsCrypt}</tls-crypt>`,
  ].join('\n');
}

/** A TLS server config: the options given, keys inline. */
export function serverConf(pki: Pki, options: readonly string[]): string {
  return [
    'port 1194',
    'proto udp',
    'dev tun0',
    'topology subnet',
    'dh none',
    'keepalive 10 60',
    'verb 3',
    ...options,
    inline(pki, pki.server),
    '',
  ].join('\n');
}

/** A client config for `name`, connecting to `remote`, keys inline. */
export function clientConf(
  pki: Pki,
  name: string,
  remote: string,
  options: readonly string[] = [],
): string {
  const own = pki.clients[name];
  if (!own) throw new Error(`no certificate for ${name}`);
  return [
    'client',
    'dev tun0',
    'proto udp',
    `remote ${remote} 1194`,
    'nobind',
    'remote-cert-tls server',
    'verb 3',
    ...options,
    inline(pki, own),
    '',
  ].join('\n');
}

/** What the lab put under /etc, to take away again (only what it made). */
export interface EtcMade {
  readonly dirs: string[];
  madeEtcNetns: boolean;
  madeEtcOpenvpn: boolean;
}

export function newEtc(): EtcMade {
  return {
    dirs: [],
    madeEtcNetns: !existsSync('/etc/netns'),
    madeEtcOpenvpn: !existsSync('/etc/openvpn'),
  };
}

/** Writes `/etc/netns/NS/openvpn/<rel>`; returns the path as the box sees it (/etc/openvpn/<rel>). */
export function writeNetnsFile(etc: EtcMade, ns: string, rel: string, text: string): string {
  const root = `/etc/netns/${ns}`;
  if (!etc.dirs.includes(root)) etc.dirs.push(root);
  const path = `${root}/openvpn/${rel}`;
  mkdirSync(path.replace(/\/[^/]*$/, ''), { recursive: true });
  writeFileSync(path, text);
  // `ip netns exec` bind-mounts /etc/netns/NS/openvpn over /etc/openvpn, which must exist.
  if (!existsSync('/etc/openvpn')) mkdirSync('/etc/openvpn');
  return `/etc/openvpn/${rel}`;
}

export function removeEtcMade(etc: EtcMade): void {
  // Each namespace's directory goes; the shared parents only after the last, if the lab made them.
  etc.dirs.forEach((etcDir, k) => {
    const last = k === etc.dirs.length - 1;
    removeEtc({
      etcDir,
      madeEtcOpenvpn: last && etc.madeEtcOpenvpn,
      madeEtcNetns: last && etc.madeEtcNetns,
    });
  });
}

/** The openvpn daemons a lab started, by pid file. */
export class OpenVpnDaemons {
  private readonly dir = mkdtempSync(join(tmpdir(), 'nd-ovpn-'));
  private readonly pidFiles = new Map<string, string>();

  constructor(private readonly lab: Lab) {}

  /** The daemon's log, for a failure message and for waiting. */
  log(name: string): string {
    try {
      return readFileSync(join(this.dir, `${name}.log`), 'utf8');
    } catch {
      return '';
    }
  }

  /** Starts `openvpn --config CONFIG` in ns as a daemon named `name`. */
  start(name: string, ns: string, config: string): void {
    const pid = join(this.dir, `${name}.pid`);
    const log = join(this.dir, `${name}.log`);
    rmSync(log, { force: true });
    const r = this.lab.exec(ns, [
      'openvpn',
      '--config',
      config,
      '--daemon',
      `nd-${name}`,
      '--writepid',
      pid,
      '--log',
      log,
    ]);
    if (r.status !== 0)
      throw new Error(`openvpn ${name} did not start: ${r.stderr}${this.log(name)}`);
    this.pidFiles.set(name, pid);
  }

  /** Waits until the log says the tunnel is up (a client) or the server listens. */
  async waitFor(name: string, pattern: RegExp, timeoutMs = 15_000): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (Date.now() < end) {
      if (pattern.test(this.log(name))) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`openvpn ${name}: no ${pattern} within ${timeoutMs} ms:\n${this.log(name)}`);
  }

  /** Starts a server and then its client, each waited for until its tunnel is up. */
  async connect(
    server: { readonly ns: string; readonly config: string },
    client: { readonly ns: string; readonly config: string },
  ): Promise<void> {
    this.start('server', server.ns, server.config);
    await this.waitFor('server', CONNECTED);
    this.start('client', client.ns, client.config);
    await this.waitFor('client', CONNECTED);
  }

  stop(name: string): void {
    const file = this.pidFiles.get(name);
    if (!file) return;
    this.pidFiles.delete(name);
    const pid = Number(readFileSync(file, 'utf8').trim());
    if (!Number.isInteger(pid) || pid <= 1) return;
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      return; // gone already
    }
    // Wait (bounded) until it is gone, so a restart does not find the port taken.
    const end = Date.now() + 5000;
    while (Date.now() < end) {
      try {
        process.kill(pid, 0);
      } catch {
        return;
      }
      execFileSync('sleep', ['0.05']);
    }
    process.kill(pid, 'SIGKILL');
  }

  stopAll(): void {
    for (const name of [...this.pidFiles.keys()]) this.stop(name);
  }

  /** Stops every daemon and removes their pid files and logs. */
  dispose(): void {
    this.stopAll();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** The log line OpenVPN prints when a client's tunnel is up and its routes are in. */
export const CONNECTED = /Initialization Sequence Completed/;

export interface IrouteStory {
  /** VPN server S (198.51.100.1, tun 10.8.0.1), site router C (a VPN client), site host H 192.168.77.10. */
  readonly s: string;
  readonly c: string;
  readonly h: string;
  readonly site: string;
  readonly siteHost: string;
  /** The client's common name: its ccd file's name. */
  readonly clientName: string;
  readonly serverConfig: string;
}

/**
 * A site behind a VPN client: the server routes the site's network into its tunnel
 * (`route`), without any client-config-dir, so OpenVPN has no client for the site's packets.
 */
export function buildIrouteStory(
  lab: Lab,
  etc: EtcMade,
  pki: Pki,
  clientName: string,
): IrouteStory {
  const s = lab.addHost('vs');
  const c = lab.addHost('vc');
  const h = lab.addHost('vh');
  lab.wire(s, 'eth0', c, 'eth0');
  lab.ip(s, 'addr', 'add', '198.51.100.1/24', 'dev', 'eth0');
  lab.sysctl(s, 'net.ipv4.ip_forward', 1);
  lab.ip(c, 'addr', 'add', '198.51.100.2/24', 'dev', 'eth0');
  lab.wire(c, 'eth1', h, 'eth0');
  lab.ip(c, 'addr', 'add', '192.168.77.1/24', 'dev', 'eth1');
  lab.sysctl(c, 'net.ipv4.ip_forward', 1);
  lab.ip(h, 'addr', 'add', '192.168.77.10/24', 'dev', 'eth0');
  lab.ip(h, 'route', 'add', 'default', 'via', '192.168.77.1');
  const serverConfig = writeNetnsFile(
    etc,
    s,
    'server.conf',
    serverConf(pki, ['server 10.8.0.0 255.255.255.0', 'route 192.168.77.0 255.255.255.0']),
  );
  writeNetnsFile(etc, c, 'client/site.conf', clientConf(pki, clientName, '198.51.100.1'));
  return { s, c, h, site: '192.168.77.0/24', siteHost: '192.168.77.10', clientName, serverConfig };
}

export interface RemoteStory {
  /** Client C (203.0.113.2, gateway R .1), router R, server S 198.51.100.1 on the LAN it pushes. */
  readonly c: string;
  readonly r: string;
  readonly s: string;
  readonly remote: string;
  readonly gateway: string;
  readonly serverTun: string;
}

/**
 * A client whose server lies inside the network the server pushes: the server's own LAN.
 * Once the pushed route is in, the tunnel's packets to the server go into the tunnel.
 */
export function buildRemoteStory(
  lab: Lab,
  etc: EtcMade,
  pki: Pki,
  clientName: string,
): RemoteStory {
  const c = lab.addHost('rc');
  const r = lab.addHost('rr');
  const s = lab.addHost('rs');
  lab.wire(c, 'eth0', r, 'eth0');
  lab.wire(r, 'eth1', s, 'eth0');
  lab.ip(c, 'addr', 'add', '203.0.113.2/24', 'dev', 'eth0');
  lab.ip(c, 'route', 'add', 'default', 'via', '203.0.113.1');
  lab.ip(r, 'addr', 'add', '203.0.113.1/24', 'dev', 'eth0');
  lab.ip(r, 'addr', 'add', '198.51.100.254/24', 'dev', 'eth1');
  lab.sysctl(r, 'net.ipv4.ip_forward', 1);
  lab.ip(s, 'addr', 'add', '198.51.100.1/24', 'dev', 'eth0');
  lab.ip(s, 'route', 'add', 'default', 'via', '198.51.100.254');
  writeNetnsFile(
    etc,
    s,
    'server/lan.conf',
    serverConf(pki, ['server 10.9.0.0 255.255.255.0', 'push "route 198.51.100.0 255.255.255.0"']),
  );
  writeNetnsFile(etc, c, 'client/office.conf', clientConf(pki, clientName, '198.51.100.1'));
  return { c, r, s, remote: '198.51.100.1', gateway: '203.0.113.1', serverTun: '10.9.0.1' };
}
