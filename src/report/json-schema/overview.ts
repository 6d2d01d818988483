/** `overview --json`: the host as read (HostState), its findings and what could not be read. */
import { z } from 'zod';
import { family, findings, nullableNumber, nullableString, schemaKey, warnings } from './common.js';

const address = z.looseObject({
  ifname: z.string(),
  family,
  local: z.string(),
  prefixlen: z.number().int(),
  scope: z.string(),
  label: nullableString,
  peer: nullableString,
  flags: z.array(z.string()),
});

export const interfaceJson = z.looseObject({
  index: z.number().int(),
  name: z.string(),
  flags: z.array(z.string()),
  adminUp: z.boolean(),
  carrier: z.boolean(),
  operstate: z.string(),
  mtu: nullableNumber,
  mac: nullableString,
  linkType: z.string(),
  kind: nullableString.describe('vlan, bridge, veth, tun ...; null for a plain device'),
  master: nullableString,
  link: nullableString,
  vlan: z.looseObject({ id: z.number().int(), protocol: z.string() }).nullable(),
  addresses: z.array(address),
});

export const routeRecord = z.looseObject({
  family,
  type: z.string(),
  table: z.string(),
  dst: z.string(),
  gateway: nullableString,
  dev: nullableString,
  protocol: nullableString,
  scope: nullableString,
  prefsrc: nullableString,
  metric: nullableNumber,
  flags: z.array(z.string()),
  nexthops: z.array(z.looseObject({ gateway: nullableString, dev: nullableString })),
});

export const ruleRecord = z.looseObject({
  family,
  priority: z.number().int(),
  from: z.string(),
  to: z.string(),
  table: nullableString,
  action: nullableString,
  not: z.boolean(),
});

const neighbour = z.looseObject({
  family,
  dst: z.string(),
  dev: z.string(),
  lladdr: nullableString,
  states: z.array(z.string()),
  router: z.boolean(),
});

const sysctlValues = z.record(z.string(), z.number().int().nullable());

export const overviewJson = z.strictObject({
  schema: schemaKey('overview'),
  meta: z.strictObject({
    hostname: z.string(),
    kernel: z.string(),
    netns: nullableString,
    takenAt: z.string().describe('ISO 8601: when the host was read'),
    root: z.boolean(),
    netdoctorVersion: z.string(),
  }),
  interfaces: z.array(interfaceJson),
  routes: z.array(routeRecord),
  rules: z.array(ruleRecord),
  neighbours: z.array(neighbour),
  sysctls: z.looseObject({
    ipForward: nullableNumber,
    ipv6Forward: nullableNumber,
    neighGcThresh3: nullableNumber,
    interfaces: z.record(z.string(), sysctlValues),
    ipv6Interfaces: z.record(z.string(), sysctlValues).optional(),
  }),
  tools: z.array(
    z.looseObject({
      name: z.string(),
      debianPackage: z.string(),
      present: z.boolean(),
      path: nullableString,
      version: nullableString,
    }),
  ),
  vlanProc: z.looseObject({
    status: z.enum(['loaded', 'absent', 'unreadable', 'not-collected']),
    error: nullableString,
  }),
  bridgeVlans: z.looseObject({
    status: z.enum(['read', 'failed', 'not-collected']),
    error: nullableString,
    ports: z.array(z.looseObject({})),
  }),
  openvpn: z
    .looseObject({
      dirs: z.array(z.strictObject({ path: z.string(), present: z.boolean() })),
      configs: z.array(z.looseObject({})),
      clientDirs: z.array(z.looseObject({ path: z.string(), present: z.boolean() })),
    })
    .optional(),
  firewall: z
    .looseObject({
      status: z.enum(['read', 'no-permission', 'no-tools', 'not-collected', 'failed']),
      tables: z.array(z.looseObject({})),
      sources: z.array(
        z.looseObject({ key: z.string(), status: z.string(), message: nullableString }),
      ),
    })
    .optional(),
  findings,
  warnings,
});
