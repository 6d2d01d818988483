/** `route DEST --json`: the kernel's decision in words and fields. */
import { z } from 'zod';
import { family, findings, nullableNumber, nullableString, schemaKey, warnings } from './common.js';

export const routeQuery = z.looseObject({
  dst: z.string(),
  src: z.string().optional(),
  iif: z.string().optional(),
  mark: z.number().optional(),
  uid: z.number().optional(),
});

export const routeJson = z.strictObject({
  schema: schemaKey('route'),
  query: routeQuery,
  family,
  type: z.string().describe('unicast, blackhole, unreachable, prohibit, local, none ...'),
  table: nullableString,
  rule: nullableNumber.describe('the priority of the rule that chose the table'),
  route: nullableString.describe('the destination prefix of the route chosen'),
  metric: nullableNumber,
  dev: nullableString,
  gateway: nullableString,
  prefsrc: nullableString,
  error: nullableString,
  nexthops: z.array(z.looseObject({})),
  interface: z
    .strictObject({
      name: z.string(),
      adminUp: z.boolean(),
      carrier: z.boolean(),
      operstate: z.string(),
    })
    .nullable(),
  neighbour: z
    .strictObject({
      address: z.string(),
      dev: z.string(),
      lladdr: nullableString,
      vendor: nullableString,
      states: z.array(z.string()),
    })
    .nullable(),
  summary: z.string(),
  steps: z.array(
    z.strictObject({ rule: z.number().int(), outcome: z.string(), note: nullableString }),
  ),
  caveats: z.array(z.string()),
  sourceCheck: z.looseObject({ passed: z.boolean(), words: z.string() }).nullable(),
  kernel: z
    .looseObject({ argv: z.array(z.string()), raw: z.string() })
    .nullable()
    .describe('live only: what `ip route get` answered, and whether it agrees'),
  findings,
  warnings,
});
