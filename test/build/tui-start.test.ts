/**
 * What the TUI's start loads: the modules `netdoctor` reaches through static imports from the
 * Overview command and the TUI's runner (dynamic imports load when used, inside the one built
 * file too). The plan parser with YAML and zod (25-35 ms of module start) loads when a plan
 * is opened, not before the first frame; the sweep (with mDNS) and the trace
 * load when their panel first uses them, not while the ports are built. Every panel but the
 * Overview loads on the first switch away from it (src/ui/panels/index.ts's loadPanels).
 */
import { describe, expect, it } from 'vitest';
import { staticClosure } from '../helpers/static-closure.js';

describe("the TUI's start", () => {
  it('loads no plan parser, YAML or zod until a plan is opened', async () => {
    const start = await staticClosure(['src/commands/overview.ts', 'src/ui/run.tsx']);
    expect(start.has('src/ui/App.tsx')).toBe(true); // the closure is the TUI's
    expect([...start].filter((f) => /^src\/plan\/parse\.ts$|^(yaml|zod)$/.test(f))).toEqual([]);
  }, 30_000);

  it('builds the live ports without the sweep, mDNS or the tracer', async () => {
    const start = await staticClosure([
      'src/commands/overview.ts',
      'src/ui/run.tsx',
      'src/wiring/live-ports.ts',
    ]);
    expect(start.has('src/wiring/route-port.ts')).toBe(true); // the closure is the ports'
    const late =
      /^src\/probes\/(discover\/(discover|names|sweep|watch-loop)|trace\/tracer)\.ts$|^multicast-dns$/;
    expect([...start].filter((f) => late.test(f))).toEqual([]);
  }, 30_000);

  it('loads no panel but the Overview before the first frame', async () => {
    const start = await staticClosure(['src/commands/overview.ts', 'src/ui/run.tsx']);
    expect(start.has('src/ui/panels/overview/index.tsx')).toBe(true);
    expect([...start].filter((f) => /^src\/ui\/panels\/(?!overview\/|index\.ts$)/.test(f))).toEqual(
      [],
    );
  }, 30_000);
});
