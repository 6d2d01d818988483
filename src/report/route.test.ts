import { describe, expect, it } from 'vitest';
import { routeSections, routeSummary } from './route.js';
import { resolveRoute } from '../net/resolve-route.js';
import { routerHost } from '../../test/helpers/route-host.js';
import { documentText } from './document.js';
import { labHost, TWO_UPLINKS_STRICT } from '../../test/doctor/load.js';

const decide = (dst: string) => resolveRoute(routerHost, { dst });

describe('route decision in words', () => {
  it.each([
    [
      '203.0.113.200',
      '203.0.113.200 → rule 32766 (main) → default via 198.51.100.254 dev lan0 metric 100, source 198.51.100.1; 198.51.100.254 is 02:00:00:00:01:fe (REACHABLE)',
    ],
    [
      '198.51.100.9',
      '198.51.100.9 → rule 32766 (main) → 198.51.100.0/24 dev lan0, source 198.51.100.1; 198.51.100.9 has no neighbour entry yet (the kernel resolves it with the first packet)',
    ],
    [
      '10.8.0.1',
      '10.8.0.1 → rule 32766 (main) → blackhole 10.8.0.0/16: dropped silently (Invalid argument)',
    ],
    [
      '10.70.0.1',
      '10.70.0.1 → rule 100 (unreachable) → unreachable: dropped, the sender told "unreachable" (Network is unreachable)',
    ],
    [
      '2001:db8:99::1',
      '2001:db8:99::1 → no route in any table the rules select (Network is unreachable)',
    ],
  ])('%s', (dst, want) => {
    expect(routeSummary(routerHost, decide(dst))).toBe(want);
  });

  it('says when rp_filter drops a packet that arrives, and the way back', () => {
    const host = labHost(TWO_UPLINKS_STRICT);
    const d = resolveRoute(host, { dst: '203.0.113.5', src: '198.18.0.7', iif: 'eth1' });
    expect(routeSummary(host, d)).toBe(
      "203.0.113.5 → rule 0 (local) → 203.0.113.5 local: this host's own address, delivered through lo → but rp_filter on eth1 drops it: the way back to 198.18.0.7 leaves by eth0 (strict, rp_filter = 1) (Invalid argument)",
    );
    const text = documentText(routeSections(host, d, [], null));
    expect(text).toContain('way back  default via 198.51.100.1 dev eth0');
  });

  it('says when forwarding is off for a packet that arrives', () => {
    const d = resolveRoute(routerHost, { dst: '203.0.113.200', src: '198.51.100.50', iif: 'lan0' });
    expect(routeSummary(routerHost, d)).toBe(
      '203.0.113.200 → rule 32766 (main) → default via 198.51.100.254 dev lan0 metric 100, but forwarding is off on lan0: a packet that arrives there is not routed (No route to host)',
    );
  });

  it('shows the kernel disagreeing, field by field', () => {
    const d = decide('203.0.113.200');
    const text = documentText(
      routeSections(routerHost, d, [], {
        argv: ['ip', '-j', '-d', 'route', 'get', '203.0.113.200'],
        answer: { kind: 'error', error: 'Network is unreachable', types: ['none'] },
        raw: '',
        comparison: {
          agrees: false,
          differences: ['error: kernel Network is unreachable, netdoctor none'],
        },
      }),
    );
    expect(text).toContain('DISAGREE');
    expect(text).toContain('error: kernel Network is unreachable, netdoctor none');
  });

  it('makes text from the host safe for a terminal', () => {
    const host = {
      ...routerHost,
      neighbours: routerHost.neighbours.map((n) => ({ ...n, states: ['REACHABLE\u001b[2J'] })),
    };
    const text = documentText(
      routeSections(host, resolveRoute(host, { dst: '203.0.113.200' }), [], null),
    );
    expect(text).not.toContain('\u001b');
    expect(text).toContain('REACHABLE\\x1b[2J');
  });
});
