/**
 * `plan FILE --json` (and with --prove): the simulation, the expectations, the findings. A
 * --prove that a signal or an error ended before its report prints only `file` and `end`.
 */
import { z } from 'zod';
import { END_SHAPES, findings, nullableString, schemaKey } from './common.js';

const reach = z.enum(['both', 'one-way', 'no']).nullable();

export const planJson = z.union([
  z.strictObject({
    schema: schemaKey('plan'),
    file: z.string(),
    networks: z.array(
      z.strictObject({ name: z.string(), cidr: z.string(), gateway: nullableString }),
    ),
    hosts: z.array(
      z.strictObject({
        network: z.string(),
        address: z.string(),
        gateway: z.strictObject({ router: z.string(), address: z.string() }).nullable(),
      }),
    ),
    matrix: z.strictObject({
      networks: z.array(z.string()),
      cells: z.array(z.array(reach)).describe('row: from, column: to; null on the diagonal'),
    }),
    expectations: z.array(
      z.strictObject({ from: z.string(), to: z.string(), text: z.string(), ok: z.boolean() }),
    ),
    paths: z.array(
      z.strictObject({
        from: z.string(),
        to: z.string(),
        src: z.string(),
        dst: z.string(),
        delivered: z.boolean(),
        stop: z.string(),
        reason: z.string(),
        hops: z.array(z.strictObject({ node: z.string(), route: nullableString })),
      }),
    ),
    prove: z
      .strictObject({
        pairs: z.array(
          z.strictObject({
            from: z.string(),
            to: z.string(),
            delivered: z.boolean(),
            replied: z.boolean(),
            command: z.string(),
            output: z.string(),
          }),
        ),
        routes: z.array(
          z.strictObject({
            router: z.string(),
            route: z.string(),
            added: z.boolean(),
            error: z.string(),
          }),
        ),
        durationMs: z.number(),
      })
      .optional()
      .describe('with --prove only'),
    findings,
    end: z.strictObject(END_SHAPES[0]),
  }),
  ...END_SHAPES.slice(1).map((end) =>
    z.strictObject({ schema: schemaKey('plan'), file: z.string(), end: z.strictObject(end) }),
  ),
]);
