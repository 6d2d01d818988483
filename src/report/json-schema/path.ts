/** `path SRC DEST --json`: the hosts read, both walks hop by hop, and where each breaks. */
import { z } from 'zod';
import { findings, nullableNumber, nullableString, schemaKey } from './common.js';

const hop = z.strictObject({
  host: z.string().describe('the host as the user named it'),
  iif: nullableString.describe('the interface the packet came in on; null where it starts'),
  arrival: z
    .enum(['owner', 'proxy-arp'])
    .nullable()
    .describe('owner: it holds the address sent to; proxy-arp: it answered ARP for it'),
  decision: z.strictObject({
    type: z.string(),
    table: z.union([z.string(), z.number()]).nullable(),
    rule: nullableNumber,
    route: nullableString,
    dev: nullableString,
    gateway: nullableString,
    prefsrc: nullableString,
    error: nullableString,
    sourceCheck: z
      .strictObject({ passed: z.boolean(), outcome: z.string(), words: z.string() })
      .nullable(),
  }),
  firewall: z
    .strictObject({ hook: z.string(), verdict: z.string(), rule: nullableString })
    .nullable(),
  nextHop: nullableString,
  words: z.string(),
});

const walk = z.strictObject({
  src: z.string(),
  dst: z.string(),
  verdict: z.enum(['ok', 'failed', 'unknown']),
  words: z.string(),
  end: z
    .looseObject({ kind: z.string() })
    .describe('delivered, handed-off, left, dropped, loop, no-start or unread, and where'),
  hops: z.array(hop),
});

export const pathJson = z.strictObject({
  schema: schemaKey('path'),
  src: z.string(),
  dst: z.string(),
  hosts: z.array(
    z.strictObject({
      name: z.string(),
      read: z.boolean(),
      error: nullableString,
      hostname: nullableString,
      netns: nullableString,
    }),
  ),
  forward: walk,
  return: walk,
  findings,
});
