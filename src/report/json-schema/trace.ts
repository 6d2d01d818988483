/** `trace DEST --json`: one document at the end of the rounds (or of --once). */
import { z } from 'zod';
import { endReason, nullableString, schemaKey, warnings } from './common.js';

const hop = z.looseObject({
  ttl: z.number().int(),
  address: nullableString.describe('the first address that answered at this TTL'),
  addresses: z.array(z.looseObject({ address: z.string() })),
});

export const traceJson = z.strictObject({
  schema: schemaKey('trace'),
  target: z.strictObject({
    input: z.string().describe('as typed: a name or an address'),
    address: z.string(),
    family: z.union([z.literal(4), z.literal(6)]),
  }),
  backend: z.enum(['mtr-packet', 'traceroute']).nullable(),
  protocol: z.enum(['icmp', 'udp', 'tcp']),
  mode: z.enum(['once', 'rounds']),
  reached: z.boolean(),
  verdict: z.looseObject({
    kind: z.enum(['running', 'reached', 'unreachable', 'dies', 'failed']),
  }),
  words: z.string(),
  hops: z.array(hop),
  rounds: z.number().int(),
  probesSent: z.number().int(),
  elapsedMs: z.number().int(),
  notes: z.array(z.string()),
  warnings,
  end: endReason,
});
