import { describe, expect, it } from 'vitest';
import { killLeftoverChildren, liveChildCount } from './children.js';
import { openMtrPacket } from './mtr-packet.js';
import { runCommand } from './run.js';
import { streamLines } from './stream.js';

describe('the children registry', () => {
  it('holds every child started through src/system/ until it exits', async () => {
    const before = liveChildCount();
    const streamed = await streamLines(['sleep', '30'], { onLine: () => {} });
    await streamed.started;
    const ran = runCommand(['sleep', '30']);
    // runCommand resolves its program first; give it the moment to spawn.
    for (let i = 0; i < 50 && liveChildCount() < before + 2; i++) {
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(liveChildCount()).toBe(before + 2);
    // The net under every job: at exit, a child still running is killed for good.
    expect(killLeftoverChildren()).toBe(2);
    expect(await streamed.done).toMatchObject({ exitCode: null });
    expect((await ran).exitCode).toBeNull();
    expect(liveChildCount()).toBe(before);
  });

  it('forgets a child once it has exited by itself', async () => {
    const before = liveChildCount();
    const out = await runCommand(['true']);
    expect(out.exitCode).toBe(0);
    expect(liveChildCount()).toBe(before);
    expect(killLeftoverChildren()).toBe(0);
  });

  it('holds mtr-packet too, while it runs', async () => {
    const before = liveChildCount();
    // mtr-tiny is installed wherever the tests run (.ci/run); mtr-packet sends nothing unasked.
    const channel = await openMtrPacket(
      () => {},
      () => {},
    );
    expect(liveChildCount()).toBe(before + 1);
    await channel.close();
    expect(liveChildCount()).toBe(before);
  });
});
