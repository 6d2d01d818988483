/**
 * Every --json shape by its schema name, and its JSON Schema as docs/json-schemas/ holds it.
 * scripts/json-schemas.ts writes those files; json-schema.test.ts fails when they are stale
 * and holds real command output to them.
 */
import { z } from 'zod';
import { schemaId, type JsonDocumentName } from '../json-document.js';
import { doctorJson } from './doctor.js';
import { explainJson } from './explain.js';
import { garpJson } from './garp.js';
import { overviewJson } from './overview.js';
import { pathJson } from './path.js';
import { planJson } from './plan.js';
import { routeJson } from './route.js';
import { scanJson, scanWatchLine } from './scan.js';
import { traceJson } from './trace.js';
import { vlanJson, vlanMakeJson } from './vlan.js';

export const JSON_SHAPES: Readonly<Record<JsonDocumentName, z.ZodType>> = {
  overview: overviewJson,
  vlan: vlanJson,
  'vlan-make': vlanMakeJson,
  route: routeJson,
  doctor: doctorJson,
  scan: scanJson,
  'scan-watch': scanWatchLine,
  trace: traceJson,
  garp: garpJson,
  plan: planJson,
  explain: explainJson,
  path: pathJson,
};

/** Where the JSON Schema of a shape is checked in, from the repository's root. */
export function jsonSchemaPath(name: JsonDocumentName): string {
  return `docs/json-schemas/netdoctor.${name}.schema.json`;
}

/** The JSON Schema (draft 2020-12) of a shape, titled with its schema name. */
export function jsonSchemaOf(name: JsonDocumentName): Record<string, unknown> {
  const { $schema, ...rest } = z.toJSONSchema(JSON_SHAPES[name], { target: 'draft-2020-12' });
  return { $schema, title: schemaId(name), ...rest };
}
