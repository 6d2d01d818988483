/**
 * The host's packet filter as one list of tables, from whichever sources the snapshot has:
 * nft's ruleset, with iptables-nft's own tables taken from iptables-save (which reads their
 * compat matches), plus any legacy iptables tables (which nft never shows). Says how each
 * source fared, so "not read" (an older snapshot, no privilege) is never taken for "no
 * firewall".
 */
import type { Snapshot, SourceRecord } from '../snapshot/types.js';
import { FIREWALL_SOURCES, LEGACY_FIREWALL_SOURCES, commandKey } from '../snapshot/sources.js';
import type { FirewallTable } from '../parse/firewall-model.js';
import { parseNftRuleset } from '../parse/nft-ruleset.js';
import { parseIptablesSave } from '../parse/iptables-save.js';
import type { ParseWarning } from '../parse/warnings.js';

export type FirewallSourceStatus =
  'read' | 'not-installed' | 'no-permission' | 'failed' | 'not-collected';

export interface FirewallSourceState {
  readonly key: string;
  readonly status: FirewallSourceStatus;
  /** Why it gave nothing, in words; null when read. */
  readonly message: string | null;
}

export interface FirewallState {
  /**
   * `read`: at least one tool's rules were read (the tables are the whole filter as far as
   * those tools show it); `no-permission`: the tools are there but would not answer without
   * CAP_NET_ADMIN; `no-tools`: neither nft nor iptables is installed; `not-collected`: the
   * snapshot is older than these sources; `failed`: they ran and failed otherwise.
   */
  readonly status: 'read' | 'no-permission' | 'no-tools' | 'not-collected' | 'failed';
  readonly tables: readonly FirewallTable[];
  readonly sources: readonly FirewallSourceState[];
}

const PERMISSION = /Operation not permitted|Permission denied|you must be root/i;

function sourceState(key: string, record: SourceRecord | undefined): FirewallSourceState {
  if (!record) return { key, status: 'not-collected', message: 'not in this snapshot' };
  if (record.error === 'not-installed') {
    return { key, status: 'not-installed', message: 'not installed' };
  }
  if (record.exitCode === 0 && !record.error) return { key, status: 'read', message: null };
  if (PERMISSION.test(record.stderr)) {
    return {
      key,
      status: 'no-permission',
      message: 'needs CAP_NET_ADMIN to read the rules (run netdoctor as root)',
    };
  }
  const why = record.error ?? (record.stderr.trim().split('\n')[0] || `exit ${record.exitCode}`);
  return { key, status: 'failed', message: why };
}

const sameTable = (a: FirewallTable, b: FirewallTable) =>
  a.family === b.family && a.name === b.name;

/** The filter of a snapshot; parse problems go to `warnings`. */
export function readFirewall(snapshot: Snapshot, warnings: ParseWarning[]): FirewallState {
  const nftKey = commandKey(FIREWALL_SOURCES.nft);
  const iptKeys = [FIREWALL_SOURCES.iptables, FIREWALL_SOURCES.ip6tables].map(commandKey);
  const legacyKeys = [LEGACY_FIREWALL_SOURCES.iptables, LEGACY_FIREWALL_SOURCES.ip6tables]
    .map(commandKey)
    .filter((key) => snapshot.sources[key] !== undefined);
  const sources = [nftKey, ...iptKeys, ...legacyKeys].map((key) =>
    sourceState(key, snapshot.sources[key]),
  );
  const isRead = (key: string) => sources.some((s) => s.key === key && s.status === 'read');
  const text = (key: string) => snapshot.sources[key]?.stdout ?? '';

  let tables: FirewallTable[] = [];
  if (isRead(nftKey)) {
    const parsed = parseNftRuleset(text(nftKey), nftKey);
    warnings.push(...parsed.warnings);
    tables = parsed.tables;
  }
  const legacy: FirewallTable[] = [];
  for (const key of [...iptKeys, ...legacyKeys]) {
    if (!isRead(key)) continue;
    const parsed = parseIptablesSave(text(key), key, key.startsWith('ip6') ? 'ip6' : 'ip');
    warnings.push(...parsed.warnings);
    if (parsed.backend === 'nf_tables') {
      // The same tables nft listed, with the matches nft shows only as opaque `xt`.
      tables = [
        ...tables.filter((t) => !parsed.tables.some((p) => sameTable(p, t))),
        ...parsed.tables,
      ];
    } else {
      legacy.push(...parsed.tables.filter((p) => !legacy.some((l) => sameTable(l, p))));
    }
  }
  return { status: overallStatus(sources), tables: [...tables, ...legacy], sources };
}

function overallStatus(sources: readonly FirewallSourceState[]): FirewallState['status'] {
  const has = (status: FirewallSourceStatus) => sources.some((s) => s.status === status);
  if (has('read')) return 'read';
  if (has('no-permission')) return 'no-permission';
  if (sources.every((s) => s.status === 'not-collected')) return 'not-collected';
  if (sources.every((s) => s.status === 'not-installed' || s.status === 'not-collected')) {
    return 'no-tools';
  }
  return 'failed';
}
