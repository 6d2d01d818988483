/** `explain --json` (every code with its title) and `explain CODE --json` (one code's doc). */
import { z } from 'zod';
import { FINDING_CODES } from '../../diagnose/finding.js';
import { schemaKey } from './common.js';

const code = z.enum(FINDING_CODES);

export const explainJson = z.union([
  z.strictObject({
    schema: schemaKey('explain'),
    codes: z.array(z.strictObject({ code, title: z.string() })),
  }),
  z.looseObject({
    schema: schemaKey('explain'),
    code,
    title: z.string(),
    severity: z
      .partialRecord(z.enum(['error', 'warning', 'info']), z.string())
      .describe('each severity the code can have, and when'),
    means: z.string(),
    matters: z.string(),
    proof: z.string(),
    fix: z.string(),
    box: z.string(),
    rule: z.string().describe('the rule that emits and documents the code'),
    example: z
      .strictObject({ fixture: z.string(), lines: z.array(z.string()) })
      .nullable()
      .describe('the finding as a fixture raises it'),
  }),
]);
