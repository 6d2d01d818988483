/** `garp IP --json`: the repair's report (its refusals are one line on stderr, no document). */
import { z } from 'zod';
import { endReason, findings, nullableString, schemaKey, warnings } from './common.js';

const run = z.strictObject({ command: z.string(), output: z.array(z.string()) });

export const garpJson = z.strictObject({
  schema: schemaKey('garp'),
  request: z.strictObject({
    ip: z.string(),
    iface: z.string().optional(),
    gateway: z.string().optional(),
    count: z.number().int().optional(),
    mode: z.enum(['request', 'reply']).optional(),
  }),
  plan: z
    .looseObject({
      ip: z.string(),
      iface: z.string(),
      mac: z.string(),
      prefixlen: z.number().int(),
      gateway: nullableString,
      gatewayFrom: z.enum(['option', 'default-route', 'none']),
    })
    .nullable(),
  arping: z
    .strictObject({ path: nullableString, flavour: z.string(), version: nullableString })
    .nullable(),
  steps: z.array(
    z.strictObject({
      step: z.string(),
      status: z.enum(['running', 'ok', 'problem', 'failed', 'skipped']),
      summary: z.string(),
      explain: z.array(z.string()),
      command: nullableString,
      output: z.array(z.string()),
      more: z.array(run).optional(),
    }),
  ),
  findings,
  outcome: z.enum([
    'verified',
    'sent',
    'unverified',
    'duplicate',
    'not-local',
    'bad-request',
    'tool-missing',
    'needs-privilege',
    'declined',
    'failed',
    'cancelled',
  ]),
  message: z.string(),
  fix: z.array(z.string()),
  warnings,
  end: endReason,
});
