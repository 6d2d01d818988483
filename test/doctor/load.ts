/** Loads the doctor's captured lab snapshots for unit tests. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { snapshotSchema } from '../../src/snapshot/types.js';
import { buildHostState, type HostState } from '../../src/state/host-state.js';
import { parseOpenVpnCcd, parseOpenVpnConfig } from '../../src/parse/openvpn.js';

const ROOT = resolve(import.meta.dirname, '../fixtures');

/** A snapshot under test/fixtures (e.g. `findings/rp-filter-drop/raise/two-uplinks-strict`). */
export function labHost(path: string): HostState {
  const raw: unknown = JSON.parse(readFileSync(resolve(ROOT, `${path}.snapshot.json`), 'utf8'));
  return buildHostState(snapshotSchema.parse(raw));
}

export const VPN_SERVER = 'doctor/snapshots/vpn-server';
export const VPN_SERVER_NO_FORWARDING =
  'findings/forwarding-disabled/raise/vpn-server-no-forwarding';
export const LAN_SERVER = 'doctor/snapshots/lan-server';
export const LAN_SERVER_WITH_ROUTE =
  'findings/private-via-default-gateway/clear/lan-server-with-route';
export const ROUTER = 'findings/proxy-arp-needed/clear/router-proxy-arp';
export const ROUTER_NO_PROXY_ARP = 'findings/proxy-arp-needed/raise/router-no-proxy-arp';
export const ROUTER_NO_FORWARDING = 'findings/forwarding-disabled/raise/router-no-forwarding';
export const VM = 'findings/forwarding-disabled/clear/vm-behind-router';
export const TWO_UPLINKS_STRICT = 'findings/rp-filter-drop/raise/two-uplinks-strict';
export const TWO_UPLINKS_LOOSE = 'findings/rp-filter-drop/clear/two-uplinks-loose';
export const ASYM_ROUTER = 'findings/rp-filter-drop/clear/the-router';
export const OPENVPN_SITE_CLIENT = 'doctor/snapshots/openvpn-site-client';
export const OPENVPN_SERVER_NO_CCD = 'findings/openvpn-iroute-missing/raise/server-without-ccd';
export const OPENVPN_SERVER_CCD_NO_IROUTE =
  'findings/openvpn-iroute-missing/raise/server-ccd-without-iroute';
export const OPENVPN_SERVER_IROUTE = 'findings/openvpn-iroute-missing/clear/server-with-iroute';
export const OPENVPN_CLIENT_REMOTE_IN_TUNNEL =
  'findings/vpn-remote-via-tunnel/raise/client-remote-in-pushed-route';
export const OPENVPN_CLIENT_HOST_ROUTE =
  'findings/vpn-remote-via-tunnel/clear/client-with-host-route';

/**
 * A lab host with its OpenVPN configs replaced by these texts (by file path), and the files
 * of their client-config-dir: by name, or null for a directory that is not there.
 */
export function withOpenVpn(
  host: HostState,
  configs: Readonly<Record<string, string>>,
  ccd: Readonly<Record<string, string>> | null = null,
): HostState {
  const parsed = Object.entries(configs).map(
    ([source, text]) => parseOpenVpnConfig(text, source).config,
  );
  const dirs = [...new Set(parsed.flatMap((c) => c.clientConfigDir ?? []))];
  return {
    ...host,
    openvpn: {
      dirs: host.openvpn?.dirs ?? [],
      configs: parsed,
      clientDirs: dirs.map((path) => ({
        path,
        present: ccd !== null,
        files: Object.entries(ccd ?? {}).map(
          ([name, text]) => parseOpenVpnCcd(text, `${path}/${name}`).file,
        ),
      })),
    },
  };
}
export const POLICY_FIX = 'findings/rp-filter-drop/clear/policy-fix-applied';
export const LOOSE_NO_ROUTE_BACK = 'findings/rp-filter-drop/snapshots/loose-no-route-back';
export const LOOSE_ROUTE_BACK = 'findings/rp-filter-drop/clear/loose-route-back';
