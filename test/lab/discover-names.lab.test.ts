/**
 * The names a sweep shows come from one place, however it is started: `netdoctor scan` and
 * the TUI's Discover panel (its live port) both ask the system resolver (`getent hosts`), so
 * a host /etc/hosts names is named in both; the panel's opening table (the kernel's
 * neighbours, no packet sent) reads /etc/hosts itself (issue 21: it showed no names).
 * S and H share a LAN; S's /etc/hosts (ip netns exec mounts /etc/netns/S/hosts) names H.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { describeLab, NETDOCTOR, NODE_TS, type Lab } from './lab.js';

const DRIVER = new URL('./discover-port-driver.mjs', import.meta.url).pathname;

describeLab('discover: /etc/hosts names in scan and in the panel alike', (lab: Lab) => {
  const lan = `l${lab.id.slice(2)}`;
  let s = '';

  beforeAll(() => {
    s = lab.addHost('s');
    const h = lab.addHost('h');
    lab.wire(s, lan, h, 'eth0');
    lab.ip(s, 'addr', 'add', '198.18.4.1/29', 'dev', lan);
    lab.ip(h, 'addr', 'add', '198.18.4.2/29', 'dev', 'eth0');
    // No resolver: a name can come from /etc/hosts only.
    const etc = lab.etcDir(s);
    writeFileSync(path.join(etc, 'hosts'), '127.0.0.1 localhost\n198.18.4.2 printer.lab\n');
    writeFileSync(
      path.join(etc, 'resolv.conf'),
      'nameserver 127.0.0.1\noptions timeout:1 attempts:1\n',
    );
  });

  it('scan names H from /etc/hosts', () => {
    const r = lab.execAsNobody(s, [...NETDOCTOR, 'scan', '--iface', lan, '--json']);
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout) as {
      hosts: { ip: string; name: string | null; nameSource: string | null }[];
    };
    expect(json.hosts.find((x) => x.ip === '198.18.4.2')).toMatchObject({
      name: 'printer.lab',
      nameSource: 'hosts',
    });
  });

  it('the panel names H from /etc/hosts too: its opening table and its sweep', () => {
    const r = lab.execAsNobody(s, [...NODE_TS, DRIVER, lan]);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as {
      local: Record<string, string>;
      seen: string[];
      names: Record<string, unknown>;
    };
    expect(out.local['198.18.4.2']).toBe('printer.lab');
    expect(out.seen).toContain('198.18.4.2');
    expect(out.names['198.18.4.2']).toEqual({ name: 'printer.lab', source: 'hosts' });
  });
});
