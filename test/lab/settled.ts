/** Waiting for a lab namespace's state to stop moving before two reads are compared. */
import { setTimeout as delay } from 'node:timers/promises';
import type { Lab } from './lab.js';

/**
 * Waits until no IPv6 address of the namespace is still in duplicate address detection: a
 * link-local address is `tentative` for a second or two after its link comes up, and a read
 * on either side of that moment would differ for reasons that are not netdoctor's.
 */
export async function ipv6Settled(lab: Lab, ns: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const r = lab.exec(ns, ['ip', '-6', 'addr', 'show', 'tentative']);
    if (r.status === 0 && r.stdout.trim() === '') return;
    await delay(100);
  }
  throw new Error(`${ns}: IPv6 addresses still tentative after 10 s`);
}
