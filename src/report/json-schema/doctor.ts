/** `doctor --json`: the host's role, the path asked about, the probes run, the findings. */
import { z } from 'zod';
import { endReason, findings, nullableString, schemaKey, warnings } from './common.js';
import { routeQuery } from './route.js';

const localNet = z.strictObject({ iface: z.string(), address: z.string(), cidr: z.string() });
const vpnNetwork = z.looseObject({ cidr: z.string() });

export const doctorJson = z.strictObject({
  schema: schemaKey('doctor'),
  host: z.strictObject({ hostname: z.string(), netns: nullableString, takenAt: z.string() }),
  role: z.strictObject({
    router: z.boolean(),
    vpnServer: z.boolean(),
    vpnClient: z.boolean(),
    multiHomed: z.boolean(),
    gatewayOf: z.array(localNet),
    clientNetworks: z.array(vpnNetwork),
    reasons: z.array(z.string()),
    vpnInterfaces: z.array(z.string()),
    vpnNetworks: z.array(vpnNetwork),
    pushedNetworks: z.array(vpnNetwork),
    lanNets: z.array(localNet),
  }),
  path: z
    .looseObject({ query: routeQuery, decision: z.looseObject({ type: z.string() }) })
    .nullable()
    .describe('with --to only'),
  probes: z
    .strictObject({
      skipped: z.array(z.unknown()),
      results: z.looseObject({}),
      cancelled: z.boolean(),
      outcomes: z.array(
        z.strictObject({
          id: z.string(),
          kind: z.string(),
          title: z.string(),
          command: z.array(z.string()),
          answered: z.boolean(),
          lines: z.array(z.string()),
          error: nullableString,
        }),
      ),
    })
    .nullable()
    .describe('with --probe only'),
  findings,
  warnings,
  end: endReason,
});
