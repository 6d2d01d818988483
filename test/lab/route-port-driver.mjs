/* global process, AbortController, setTimeout */
// Drives the Route panel's live port (src/wiring/route-port.ts, as `netdoctor` wires it)
// inside a lab namespace: asks the kernel, runs a trace for a while, stops it with the
// Tracer's stop, and tells whether an mtr-packet child is left. Prints one JSON object.
// Usage: node --import tsx route-port-driver.mjs DEST MS (the lab's NODE_TS)
import { execFileSync } from 'node:child_process';
import { liveRoutePort } from '../../src/wiring/route-port.ts';
import { LOCAL_HOST } from '../../src/wiring/host.ts';
import { DEFAULT_CONFIG } from '../../src/probes/trace/types.ts';

const [dest = '', ms = '2500'] = process.argv.slice(2);
const port = await liveRoutePort(LOCAL_HOST);
const children = () => {
  try {
    return execFileSync('pgrep', ['-P', String(process.pid), 'mtr-packet'], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean).length;
  } catch {
    return 0;
  }
};
const kernel = await port.routeGet({ dst: dest }, new AbortController().signal);
const out = { kernel, uid: port.uid() };
try {
  const family = dest.includes(':') ? 6 : 4;
  const session = await port.openTrace({
    ...DEFAULT_CONFIG,
    target: { input: dest, address: dest, family },
  });
  const run = session.run(new AbortController().signal);
  await new Promise((r) => setTimeout(r, Number(ms)));
  const during = children();
  session.stop();
  const last = await run;
  Object.assign(out, { note: session.note, during, after: children(), last });
} catch (err) {
  Object.assign(out, { error: err instanceof Error ? err.message : String(err) });
}
process.stdout.write(JSON.stringify(out));
