/** `scan --json` (one document) and `scan --watch --json` (a stream of one object a line). */
import { z } from 'zod';
import {
  END_SHAPES,
  endReason,
  findings,
  nullableNumber,
  nullableString,
  schemaKey,
  warnings,
} from './common.js';

const host = z.strictObject({
  ip: z.string(),
  iface: z.string(),
  mac: nullableString,
  macs: z
    .array(z.string())
    .describe('every MAC that answered for ip: more than one is a duplicate'),
  macVendors: z.array(nullableString).describe('the vendor of each of macs'),
  vendor: nullableString,
  vendorPrefix: nullableString,
  vendorBlock: nullableString,
  vendorRecord: nullableString,
  name: nullableString,
  nameSource: nullableString,
  flags: z.array(z.string()).describe('gateway, self, raspberry-pi, duplicate-ip, random-mac ...'),
  rttMs: nullableNumber,
  firstSeen: z.string(),
  lastSeen: z.string(),
  via: z.string(),
  state: nullableString,
  ipv6: z.array(z.string()),
});

export const scanJson = z.strictObject({
  schema: schemaKey('scan'),
  backend: z.enum(['kernel', 'arp-scan', 'passive']),
  targets: z.array(
    z.strictObject({
      iface: z.string(),
      cidr: z.string(),
      onLink: z.boolean(),
      localAddresses: z.array(z.string()),
      gateways: z.array(z.string()),
    }),
  ),
  hosts: z.array(host),
  findings,
  limits: z.array(z.string()).describe('what this backend cannot see'),
  warnings: warnings.describe(
    'what could not be read of the routing sources, then the sweep\'s own (source "sweep")',
  ),
  interrupted: z.boolean(),
  signal: z.string().optional().describe('when interrupted'),
  stoppedEarly: z.array(z.string()),
  stats: z.strictObject({
    hosts: z.number().int(),
    raspberryPis: z.number().int(),
    durationMs: z.number(),
    firstHostMs: nullableNumber,
    sent: z.number().int(),
    sendErrors: z.number().int(),
  }),
  end: endReason,
});

const at = z.string().describe('ISO 8601');
const event = { at, iface: z.string(), ip: z.string() };

/** One line of `scan --watch --json`: the first is `start`, the last `end`. */
export const scanWatchLine = z.union([
  z.strictObject({
    schema: schemaKey('scan-watch'),
    event: z.literal('start'),
    at,
    backend: z.enum(['kernel', 'arp-scan', 'passive']),
    intervalMs: z.number().int(),
    targets: z.array(z.strictObject({ iface: z.string(), cidr: z.string() })),
    warnings,
  }),
  z.strictObject({
    event: z.literal('new'),
    ...event,
    mac: z.string(),
    vendor: nullableString,
    gateway: z.boolean(),
  }),
  z.strictObject({ event: z.literal('gone'), ...event, mac: z.string(), lastSeen: at }),
  z.strictObject({
    event: z.literal('moved'),
    ...event,
    from: z.string(),
    fromVendor: nullableString,
    to: z.string(),
    toVendor: nullableString,
    gateway: z.boolean(),
    findings,
  }),
  z.strictObject({
    event: z.literal('duplicate'),
    ...event,
    macs: z.array(z.string()),
    vendors: z.array(nullableString),
    findings,
  }),
  z.strictObject({ event: z.literal('limit'), message: z.string() }),
  z.strictObject({
    event: z.literal('sweep'),
    sweep: z.number().int(),
    at,
    hosts: z.number().int(),
    next: at,
  }),
  ...END_SHAPES.map((end) => z.strictObject({ event: z.literal('end'), at, ...end })),
]);
