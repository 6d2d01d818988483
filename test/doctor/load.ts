/** Loads the doctor's captured lab snapshots for unit tests. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { snapshotSchema } from '../../src/snapshot/types.js';
import { buildHostState, type HostState } from '../../src/state/host-state.js';

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
export const POLICY_FIX = 'findings/rp-filter-drop/clear/policy-fix-applied';
export const LOOSE_NO_ROUTE_BACK = 'findings/rp-filter-drop/snapshots/loose-no-route-back';
export const LOOSE_ROUTE_BACK = 'findings/rp-filter-drop/clear/loose-route-back';
