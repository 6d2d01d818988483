/** `vlan --json` and `vlan --make ... --json`. */
import { z } from 'zod';
import { findings, nullableNumber, nullableString, schemaKey, warnings } from './common.js';

const vlanNode = z.looseObject({
  name: z.string(),
  id: z.number().int(),
  protocol: z.string(),
  parent: nullableString,
  adminUp: z.boolean(),
  carrier: z.boolean(),
  operstate: z.string(),
  mtu: nullableNumber,
  mac: nullableString,
  addresses: z.array(z.string()),
  flags: z.array(z.string()),
});

const switchPort = z.looseObject({
  name: z.string(),
  vlans: z.array(z.looseObject({ vid: z.number().int() })),
  pvid: nullableNumber,
  untagged: z.array(z.string()),
  tagged: z.array(z.string()),
});

export const vlanJson = z.strictObject({
  schema: schemaKey('vlan'),
  vlans: z
    .array(
      z.looseObject({
        name: z.string(),
        exists: z.boolean(),
        adminUp: z.boolean(),
        carrier: z.boolean(),
        mtu: nullableNumber,
        kind: nullableString,
        vlans: z.array(vlanNode),
      }),
    )
    .describe('each parent with its VLANs under it'),
  bridges: z.array(
    z.looseObject({
      bridge: z.string(),
      vlanFiltering: z.boolean().nullable(),
      self: switchPort.nullable(),
      ports: z.array(switchPort),
    }),
  ),
  support: z
    .enum(['loaded', 'absent', 'unreadable', 'not-collected'])
    .describe('the 8021q module, from /proc/net/vlan'),
  rates: z
    .array(
      z.strictObject({
        name: z.string(),
        rxFramesPerSec: z.number(),
        rxBytesPerSec: z.number(),
        txFramesPerSec: z.number(),
        txBytesPerSec: z.number(),
      }),
    )
    .optional()
    .describe('with --rates only'),
  findings,
  warnings,
});

export const vlanMakeJson = z.strictObject({
  schema: schemaKey('vlan-make'),
  make: z.strictObject({
    name: z.string(),
    parent: z.string(),
    id: z.number().int(),
    address: nullableString,
    commands: z.array(z.string()),
    persistent: z.array(z.strictObject({ tool: z.string(), file: z.string(), text: z.string() })),
  }),
  warnings,
});
