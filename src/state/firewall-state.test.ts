import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Snapshot, SourceRecord } from '../snapshot/types.js';
import { readFirewall } from './firewall-state.js';
import type { ParseWarning } from '../parse/warnings.js';
import { VPN_SERVER, labHost } from '../../test/doctor/load.js';

const F = resolve(import.meta.dirname, '../../test/fixtures/firewall');
const read = (name: string) => readFileSync(resolve(F, name), 'utf8');
const ok = (stdout: string, stderr = ''): SourceRecord => ({
  kind: 'command',
  exitCode: 0,
  stdout,
  stderr,
});
const failed = (stderr: string, exitCode = 1): SourceRecord => ({
  kind: 'command',
  exitCode,
  stdout: '',
  stderr,
});
const missing: SourceRecord = {
  kind: 'command',
  exitCode: null,
  stdout: '',
  stderr: '',
  error: 'not-installed',
};

function snapshot(sources: Record<string, SourceRecord>): Snapshot {
  return {
    format: 'netdoctor-snapshot',
    formatVersion: 1,
    netdoctorVersion: 'test',
    takenAt: '2026-01-01T00:00:00Z',
    host: { hostname: 'h', kernel: 'k', uid: 0 },
    sources,
  };
}

function firewall(sources: Record<string, SourceRecord>) {
  const warnings: ParseWarning[] = [];
  return { ...readFirewall(snapshot(sources), warnings), warnings };
}

describe('readFirewall', () => {
  it('an older snapshot without these sources: not collected, never "no firewall"', () => {
    expect(firewall({})).toMatchObject({ status: 'not-collected', tables: [] });
    // A snapshot captured before netdoctor read the filter still loads, without an error.
    const older = labHost(VPN_SERVER);
    expect(older.firewall?.status).toBe('not-collected');
    expect(older.sourceErrors.filter((e) => /tables|nft/.test(e.source))).toEqual([]);
  });

  it('without CAP_NET_ADMIN: no-permission, in words (the tools’ own stderr, captured as nobody)', () => {
    const fw = firewall({
      'nft -j list ruleset': failed(read('nft-no-permission.stderr')),
      'iptables-save -c': failed(read('iptables-no-permission.stderr'), 4),
      'ip6tables-save -c': failed(read('iptables-no-permission.stderr'), 4),
    });
    expect(fw.status).toBe('no-permission');
    expect(fw.sources[0]?.message).toBe(
      'needs CAP_NET_ADMIN to read the rules (run netdoctor as root)',
    );
  });

  it('no tools installed: no-tools', () => {
    const fw = firewall({
      'nft -j list ruleset': missing,
      'iptables-save -c': missing,
      'ip6tables-save -c': missing,
    });
    expect(fw.status).toBe('no-tools');
  });

  it("iptables-nft's tables come from iptables-save, which reads what nft shows as xt", () => {
    const fw = firewall({
      'nft -j list ruleset': ok(read('nft-of-iptables-nft.json')),
      'iptables-save -c': ok(read('iptables-nft.save')),
      'ip6tables-save -c': ok(read('ip6tables-nft.save')),
    });
    expect(fw.status).toBe('read');
    expect(fw.tables.map((t) => `${t.tool} ${t.family} ${t.name}`).sort()).toEqual([
      'ip6tables ip6 filter',
      'iptables ip filter',
      'iptables ip nat',
    ]);
    expect(fw.warnings).toEqual([]);
  });

  it('nft absent: iptables-save alone; legacy tables are added beside the nf_tables ones', () => {
    const fw = firewall({
      'nft -j list ruleset': missing,
      'iptables-save -c': ok(read('iptables-nft.save'), read('iptables-nft-legacy-warning.stderr')),
      'iptables-legacy-save -c': ok(read('iptables-legacy.save')),
    });
    expect(fw.tables.map((t) => `${t.source}: ${t.name}`)).toEqual([
      'iptables-save -c: filter',
      'iptables-save -c: nat',
      'iptables-legacy-save -c: filter',
    ]);
  });

  it('nft-only tables stay as nft read them', () => {
    const fw = firewall({
      'nft -j list ruleset': ok(read('nft-inet.json')),
      'iptables-save -c': ok(''),
    });
    expect(fw.tables.map((t) => `${t.tool} ${t.family} ${t.name}`)).toEqual(['nft inet filter']);
  });
});
