import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { buildHostState } from '../state/host-state.js';
import { isSafeText } from '../text/safe.js';
import { renamedRouterSnapshot } from '../../test/helpers/hostile.js';
import { parsePlan } from './parse.js';
import { planFromHost } from './from-host.js';

/** A namespace name that, pasted into a comment raw, ends it and adds a network. */
const INJECTING_NETNS = 'lab\nnetworks:\n  evil: 10.66.0.0/16\nx:';
/** An interface name the kernel accepts that reorders what a terminal draws after it. */
const BIDI_IFNAME = 'lan\u202e1ved';

describe('plan --from-host from a host with hostile names', () => {
  const host = buildHostState(renamedRouterSnapshot(BIDI_IFNAME, { netns: INJECTING_NETNS }));
  const { text, plan } = planFromHost(host);

  it('parses back to exactly the plan it meant: no injected key, the name kept', () => {
    expect(parse(text)).toEqual({
      networks: {
        lan0: '192.0.2.0/24',
        'lan0-2': '2001:db8:1::/64',
        [BIDI_IFNAME]: '198.51.100.0/24',
      },
      routers: {
        vm: {
          interfaces: {
            lan0: '192.0.2.1',
            'lan0-2': '2001:db8:1::1',
            [BIDI_IFNAME]: '198.51.100.1',
          },
          routes: [
            'default via 192.0.2.254',
            '10.8.0.0/24 via 10.8.0.2',
            'blackhole 203.0.113.0/26',
            'unreachable 203.0.113.64/26',
            'default via 2001:db8:1::fe',
          ],
        },
      },
    });
    const read = parsePlan(text, 'host.yaml');
    expect(read.networks.map((n) => [n.name, n.cidr.text])).toEqual(
      [...plan.networks].map(([name, cidr]) => [name, cidr]),
    );
    expect(read.routers.map((r) => r.name)).toEqual(['vm']);
  });

  it('shows every line as it reads: the comment stays comments, the name escaped', () => {
    expect(isSafeText(text.replaceAll('\n', ''))).toBe(true);
    expect(text).toContain('"lan\\u202e1ved": 198.51.100.0/24');
    const comment = text.split('\n').filter((l) => l.includes('netns'));
    expect(comment).toEqual([
      expect.stringMatching(/^# .*\(netns lab\\nnetworks:\\n {2}evil: 10\.66\.0\.0\/16\\nx:\)/),
    ]);
  });
});
