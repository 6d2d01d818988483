/**
 * openvpn-iroute-missing (host): an OpenVPN server routes a network into its tunnel
 * (`route NET MASK`: a site behind one of its clients) but no client's file in its
 * client-config-dir says `iroute` for it. The kernel hands the site's packets to OpenVPN,
 * and OpenVPN, which routes between clients by its own table (built only from `iroute`),
 * has no client to give them to: it drops them, and drops the site's replies too (their
 * source is not one it allows from that client). The config proves it: an error.
 */
import type { Evidence, Finding } from '../finding.js';
import type { CodeDocs, Rule } from '../rule.js';
import type { OpenVpnConfig } from '../../parse/openvpn.js';
import type { HostState, OpenVpnClientDir } from '../../state/host-state.js';
import { parseCidr, type Cidr } from '../../net/cidr.js';
import { safeText } from '../../text/safe.js';

/** `a` holds every address of `b`. */
export function cidrCovers(a: Cidr, b: Cidr): boolean {
  return a.family === b.family && a.first <= b.first && a.last >= b.last;
}

/** `192.168.77.0/24` → `192.168.77.0 255.255.255.0`, the way OpenVPN writes a network. */
export function netAndMask(cidr: Cidr): string {
  const mask = cidr.length === 0 ? 0 : (0xffffffff << (32 - cidr.length)) >>> 0;
  const octets = [24, 16, 8, 0].map((s) => (mask >>> s) & 255).join('.');
  return `${cidr.text.split('/')[0] ?? ''} ${octets}`;
}

/** The placeholder for the client's name, explained in the fix's own words. */
const CLIENT = 'CLIENT';

function fixFor(config: OpenVpnConfig, dir: OpenVpnClientDir | null, net: Cidr): string[] {
  const ccd = config.clientConfigDir ?? `${config.source.replace(/\/[^/]*$/, '')}/ccd`;
  const existing = (dir?.files ?? []).map((f) => f.commonName);
  return [
    ...(dir?.present ? [] : [`mkdir -p ${ccd}`]),
    ...(config.clientConfigDir === null
      ? [`# add this line to ${config.source}: client-config-dir ${ccd}`]
      : []),
    `# in ${ccd}/${CLIENT} add the line: iroute ${netAndMask(net)}`,
    `# ${CLIENT} is the common name (CN) in the certificate of the client that ${net.text} sits behind (openssl x509 -noout -subject -in its cert; the Common Name column of this server's status file)` +
      (existing.length > 0 ? ` (files there now: ${existing.slice(0, 8).join(', ')})` : ''),
    '# then restart this OpenVPN server (or reconnect that client): the file is read when the client connects',
  ];
}

function configEvidence(config: OpenVpnConfig, pattern: RegExp): Evidence[] {
  return config.lines
    .filter((l) => pattern.test(l))
    .map((l) => ({ source: config.source, text: safeText(l) }));
}

function missingFor(host: HostState, config: OpenVpnConfig): Finding[] {
  const server = parseCidr(config.server ?? '');
  const dir = host.openvpn?.clientDirs.find((d) => d.path === config.clientConfigDir) ?? null;
  const iroutes = (dir?.files ?? []).flatMap((f) =>
    f.iroutes.flatMap((r) => parseCidr(r) ?? []).map((cidr) => ({ file: f, cidr })),
  );
  const out: Finding[] = [];
  for (const text of config.routes) {
    const net = parseCidr(text);
    // A route inside the server's own network is the clients' addresses: OpenVPN knows those.
    if (!net || (server && cidrCovers(server, net))) continue;
    if (iroutes.some((i) => cidrCovers(i.cidr, net))) continue;
    const where =
      config.clientConfigDir === null
        ? 'it has no client-config-dir, so no client has an iroute'
        : dir?.present
          ? `no file in its client-config-dir ${config.clientConfigDir} has an iroute for it`
          : `its client-config-dir ${config.clientConfigDir} does not exist (or could not be read)`;
    const evidence: Evidence[] = [
      ...configEvidence(config, /^(--)?(server|route|client-config-dir)\s/),
      ...(dir?.present
        ? dir.files.map((f) => ({
            source: f.source,
            text: safeText(f.lines.join('; ') || '(no iroute line)'),
          }))
        : []),
    ];
    out.push({
      code: 'openvpn-iroute-missing',
      severity: 'error',
      title: safeText(
        `OpenVPN server ${config.source} routes ${net.text} into its tunnel, but no client has an iroute for it`,
      ),
      why: safeText(
        `The line "route ${netAndMask(net)}" makes the kernel send packets for ${net.text} into ` +
          `the tunnel, but ${where}. OpenVPN picks the client for a packet from its own table, ` +
          `which only iroute lines fill: with none for ${net.text} it drops the packets, ` +
          `and it also drops what the site sends ` +
          `from ${net.text}, as a source that client is not allowed to use. The route needs an ` +
          `iroute in the file of the client the site sits behind.`,
      ),
      evidence,
      fix: fixFor(config, dir, net),
      box: { role: 'vpn-server', words: 'this host, the VPN server' },
      subject: net.text,
    });
  }
  return out;
}

const DOCS: CodeDocs = {
  'openvpn-iroute-missing': {
    title: 'an OpenVPN server routes a site into its tunnel with no client iroute for it',
    severity: { error: 'always: the configuration proves it' },
    means:
      "An OpenVPN server's config says `route NET MASK` (a site behind one of its clients), but no file in its client-config-dir says `iroute NET MASK` for it.",
    matters:
      "The kernel hands the site's packets to OpenVPN, and OpenVPN, which routes between clients by its own table built only from `iroute`, has no client to give them to: it drops them, and drops the site's replies too.",
    proof:
      "From the server's config files in /etc/openvpn and the files of its client-config-dir, read into the snapshot (key material removed).",
    fix: "Add `iroute NET MASK` to the client-config-dir file of the client the site sits behind (its file is named by its certificate's common name), then reconnect that client.",
    box: 'the VPN server',
  },
};

export const openVpnIrouteMissingRule: Rule = {
  id: 'openvpn-iroute-missing',
  topic: 'host',
  codes: ['openvpn-iroute-missing'],
  docs: DOCS,
  run: ({ host }) => {
    if (!host) return [];
    return (host.openvpn?.configs ?? [])
      .filter((c) => !c.client && c.server !== null)
      .flatMap((c) => missingFor(host, c));
  },
};
