/**
 * The pieces every --json document shares, as zod types: the source of docs/json-schemas/
 * (scripts/json-schemas.ts) and of the test that holds real output to them. Only that
 * script and the tests load these: the commands never parse their own output.
 *
 * Objects a script reads key by key are strict (a key renamed or dropped fails the test);
 * records that mirror a tool's output are loose past the keys named here.
 */
import { z } from 'zod';
import { FINDING_CODES } from '../../diagnose/finding.js';
import { schemaId, type JsonDocumentName } from '../json-document.js';

/** The first key of every document. */
export const schemaKey = (name: JsonDocumentName) => z.literal(schemaId(name));

/** What could not be read: a source (command line or file path) and what was wrong with it. */
export const warning = z.strictObject({
  source: z.string().describe('the command line or file path, as a snapshot key'),
  message: z.string(),
});
export const warnings = z
  .array(warning)
  .describe('what could not be read of the sources this command used (failed sources first)');

/** The keys of each way a run ends, for the `end` key and for a stream's end record. */
export const END_SHAPES = [
  { reason: z.literal('done') },
  { reason: z.literal('interrupted'), signal: z.string().describe('SIGINT, SIGTERM or SIGHUP') },
  { reason: z.literal('error'), error: z.string().describe('one line') },
] as const;

export const endReason = z
  .discriminatedUnion('reason', [
    z.strictObject(END_SHAPES[0]),
    z.strictObject(END_SHAPES[1]),
    z.strictObject(END_SHAPES[2]),
  ])
  .describe('how the run ended: done, interrupted by a signal, or an error');

const severity = z.enum(['error', 'warning', 'info']);

export const finding = z.strictObject({
  code: z.enum(FINDING_CODES),
  severity,
  title: z.string(),
  why: z.string(),
  evidence: z.array(z.strictObject({ source: z.string(), text: z.string() })),
  fix: z.array(z.string()).describe('commands to copy; alternatives follow a # line'),
  box: z
    .strictObject({ role: z.string(), words: z.string(), address: z.string().optional() })
    .optional()
    .describe('the box the first fix belongs on; absent: this host'),
  subject: z.string(),
  host: z.string().optional().describe('path: the host the finding is on, as the user named it'),
});
export const findings = z.array(finding);

export const family = z.enum(['inet', 'inet6']);
export const nullableString = z.string().nullable();
export const nullableNumber = z.number().nullable();
