import { describe, expect, it } from 'vitest';
import { naturalOrder } from './natural-order.js';

describe('naturalOrder', () => {
  it('orders names as the English numeric collator does', () => {
    const names = [
      'main',
      'local',
      'default',
      '100',
      '2',
      '10',
      '253',
      'eth10',
      'eth2',
      'eth0',
      'vpn',
      'vpn2',
      'isp-a',
      'isp-b',
      'wg0',
      'br-lan',
      'lan0',
      'lan0.10',
      'lan0.9',
    ];
    const collator = new Intl.Collator('en', { numeric: true });
    expect([...names].sort(naturalOrder)).toEqual([...names].sort(collator.compare));
  });

  it('is a total order: equal only for the same name', () => {
    expect(naturalOrder('Wan', 'wan')).not.toBe(0);
    expect(naturalOrder('wan', 'wan')).toBe(0);
    expect(naturalOrder('01', '1')).not.toBe(0);
  });
});
