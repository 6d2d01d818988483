/* global process, AbortController */
// Drives the Discover panel's live port (src/wiring/live-ports.ts, as `netdoctor` wires the
// TUI) inside a lab namespace: reads the names the opening table shows (/etc/hosts), reads
// the host, picks the targets for one interface, sweeps them as `s` does, and prints one JSON
// object with both sets of names.
// Usage: node --import tsx discover-port-driver.mjs IFACE (the lab's NODE_TS)
import { livePorts } from '../../src/wiring/live-ports.ts';
import { LOCAL_HOST } from '../../src/wiring/host.ts';

const [iface = ''] = process.argv.slice(2);
const ports = await livePorts(LOCAL_HOST);
const local = Object.fromEntries((await ports.discover.localNames?.()) ?? []);
const host = await ports.readHost();
const targets = await ports.discover.targets(host, { ifaces: [iface], backend: 'kernel' });
const names = {};
const seen = [];
await ports.discover.sweep(targets, new AbortController().signal, (event) => {
  if (event.type === 'sighting') seen.push(event.sighting.ip);
  if (event.type === 'name') names[event.ip] = { name: event.name, source: event.source };
});
process.stdout.write(JSON.stringify({ local, seen, names }));
