/** Test support for the path rules: the captured router (test/fixtures/route/capture-findings.sh). */
import { buildHostState } from '../../src/state/host-state.js';
import { parseSnapshotText } from '../../src/snapshot/load.js';
import { resolveRoute } from '../../src/net/resolve-route.js';
import type { DiagnoseContext } from '../../src/diagnose/rule.js';
import { fixture } from './fixtures.js';

export const routerHost = buildHostState(
  parseSnapshotText(fixture('route/findings-router.snapshot.json'), 'findings-router'),
);

export function pathContext(dst: string, src?: string): DiagnoseContext {
  const query = { dst, ...(src !== undefined ? { src } : {}) };
  return { host: routerHost, path: { query, decision: resolveRoute(routerHost, query) } };
}
