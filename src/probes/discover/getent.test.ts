import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseEtcHosts, parseGetentHosts } from './getent.js';

describe('getent and /etc/hosts', () => {
  it('reads getent hosts lines', () => {
    expect([...parseGetentHosts('198.18.4.10    pi.lab pi\n')]).toEqual([
      ['198.18.4.10', 'pi.lab'],
    ]);
  });

  it('reads /etc/hosts: every name of an address, comments and blanks skipped', () => {
    const text =
      '# hosts\n127.0.0.1\tlocalhost\n\n198.18.4.10 pi.lab pi # the Pi\n198.18.4.10 kitchen\n';
    const hosts = parseEtcHosts(text);
    expect(hosts.get('198.18.4.10')).toEqual(['pi.lab', 'pi', 'kitchen']);
    expect(hosts.get('127.0.0.1')).toEqual(['localhost']);
    expect(hosts.size).toBe(2);
  });

  it("reads this machine's own /etc/hosts without a hitch", () => {
    const hosts = parseEtcHosts(readFileSync('/etc/hosts', 'utf8'));
    for (const names of hosts.values()) expect(names.length).toBeGreaterThan(0);
  });
});
