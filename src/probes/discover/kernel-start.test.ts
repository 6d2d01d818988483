/**
 * The OS sweep port's set-up read (one sh: the route check, the neighbour table, arping -V;
 * all reads, nothing sent) when a signal has stopped the sweep: the reads are cancelled, and
 * that is an interrupted sweep, not an error (a HUP as `ip monitor` started threw, and the
 * scan exited 129 without its document: test/lab/harden.lab.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { parsePrefix4 } from '../../net/prefix.js';
import { osSweepPort } from './kernel.js';
import type { ScanTarget } from './types.js';

const target: ScanTarget = {
  iface: 'lo',
  prefix: parsePrefix4('198.18.0.0/25')!,
  onLink: true,
  localAddresses: ['198.18.0.1'],
  localMac: '02:00:5e:00:53:01',
  gateways: [],
  ipv6: false,
};

describe('the OS sweep port, setting up', () => {
  it('gives no route problem and an empty table when the signal stopped its reads', async () => {
    const controller = new AbortController();
    controller.abort('SIGHUP');
    const port = osSweepPort(target, controller.signal, async () => null);
    try {
      await expect(port.readStart()).resolves.toEqual({
        route: null,
        table: { records: [], warnings: [] },
      });
    } finally {
      port.close();
    }
  });
});
