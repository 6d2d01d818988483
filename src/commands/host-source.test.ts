import { describe, expect, it } from 'vitest';
import { TOOLS } from '../catalog/tools.js';
import type { HostState } from '../state/host-state.js';
import { hostSource } from './host-source.js';

describe('the live host source', () => {
  // Reads this host (ip, /proc, tool versions): reading sends no packet.
  it('hands the TUI the host before the tools are read, then the whole host', async () => {
    const source = await hostSource({}, undefined);
    const early: HostState[] = [];
    const whole = await source.load((host) => early.push(host));
    expect(early).toHaveLength(1);
    expect(early[0]!.tools).toEqual([]);
    expect(early[0]!.interfaces.map((i) => i.name)).toEqual(whole.interfaces.map((i) => i.name));
    expect(whole.tools.map((t) => t.name)).toEqual(TOOLS.map((t) => t.name));
    // Without `early`, one step: the tools come with everything else.
    expect((await source.load()).tools).toHaveLength(TOOLS.length);
  });
});
