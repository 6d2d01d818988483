import { describe, expect, it } from 'vitest';
import { parseMonitorLine } from './monitor-line.js';
import { parseGetentHosts } from './getent.js';
import { fixture } from '../../../test/helpers/fixtures.js';

describe('parseMonitorLine over `ip monitor neigh dev lan0` during a lab sweep', () => {
  const lines = fixture('neigh/monitor-sweep.txt').split('\n');
  const changes = lines.map(parseMonitorLine).filter((c) => c !== null);

  it('reads every line', () => {
    expect(changes.filter((c) => typeof c === 'string')).toEqual([]);
  });

  it('announces each IPv4 answer as REACHABLE with its MAC, the duplicate only once', () => {
    const reachable = changes.filter(
      (c) => typeof c !== 'string' && c.states.includes('REACHABLE') && !c.dst.includes(':'),
    );
    expect(reachable.map((c) => typeof c !== 'string' && c.dst)).toEqual([
      '203.0.113.10',
      '203.0.113.11',
      '203.0.113.12',
      '203.0.113.13',
      '203.0.113.14',
      '203.0.113.15',
      '203.0.113.50',
      '203.0.113.254',
    ]);
    expect(reachable[0]).toEqual({
      deleted: false,
      dst: '203.0.113.10',
      dev: null,
      lladdr: 'b8:27:eb:00:00:10',
      states: ['REACHABLE'],
      router: false,
    });
  });

  it('reports IPv6 neighbours from the echo as STALE, and unanswered addresses as FAILED', () => {
    const v6 = changes.filter((c) => typeof c !== 'string' && c.dst.startsWith('fe80:'));
    expect(v6.length).toBeGreaterThanOrEqual(9);
    const failed = changes.filter((c) => typeof c !== 'string' && c.states.includes('FAILED'));
    expect(failed.length).toBeGreaterThan(200);
    expect(failed.every((c) => typeof c !== 'string' && c.lladdr === null)).toBe(true);
  });

  it.each([
    ['Deleted 203.0.113.9 dev lan0 FAILED', { deleted: true, dev: 'lan0', states: ['FAILED'] }],
    [
      'fe80::1 dev lan0 lladdr 00:1B:21:00:00:01 router STALE',
      { router: true, lladdr: '00:1b:21:00:00:01' },
    ],
  ])('%s', (line, expected) => {
    expect(parseMonitorLine(line)).toMatchObject(expected);
  });

  it('refuses what is not a neighbour line', () => {
    expect(parseMonitorLine('Timestamp: Fri Nov 27 2026')).toMatch(/^not a neighbour line/);
    expect(parseMonitorLine('   ')).toBeNull();
  });
});

describe('parseGetentHosts over `getent hosts` in the capture lab', () => {
  it('maps each named address to its first name', () => {
    expect([...parseGetentHosts(fixture('neigh/getent-hosts.txt'))]).toEqual([
      ['203.0.113.10', 'raspberrypi.lab'],
      ['203.0.113.254', 'gw.lab'],
    ]);
  });
});
