import { describe, expect, it } from 'vitest';
import { VPN_SERVER_NO_FORWARDING, labHost } from '../../test/doctor/load.js';
import { diagnose } from '../diagnose/diagnose.js';
import { findingMarkdown } from './findings.js';

describe('findingMarkdown evidence', () => {
  const [f] = diagnose({ host: labHost(VPN_SERVER_NO_FORWARDING) }, ['host']);

  it('a file that was read is not written as a command; one head per source', () => {
    const md = findingMarkdown(f!);
    const evidence = md.split('**Evidence**')[1]?.split('```')[1]?.split('\n') ?? [];
    expect(evidence.filter(Boolean)).toEqual([
      '/proc/sys/net/ipv4/ip_forward:',
      '0',
      '/etc/openvpn/server.conf:',
      'server 10.8.0.0 255.255.255.0',
      'push "route 192.168.50.0 255.255.255.0"',
    ]);
    expect(md).not.toContain('$ /');
  });

  it('a command keeps its prompt', () => {
    const md = findingMarkdown({
      ...f!,
      evidence: [{ source: 'ip -j neigh show', text: '192.0.2.1 dev eth0 FAILED' }],
    });
    expect(md).toContain('$ ip -j neigh show\n192.0.2.1 dev eth0 FAILED');
  });
});
