import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../App.js';
import { buildHostState } from '../../../state/host-state.js';
import { UNWIRED_PORTS } from '../../ports.js';
import { hostBSnapshot } from '../../../../test/fixtures/arping/fixtures.js';
import { fakeArpSender, type FakeArpSender } from '../../../../test/fixtures/arping/fake-sender.js';
import { frameWidth, renderTui, type Tui } from '../../../../test/helpers/ui.js';

const host = buildHostState(hostBSnapshot());
let tui: Tui | undefined;
afterEach(() => tui?.unmount());

/** Runs held until the test lets them answer, so each step's frame can be looked at. */
function gates() {
  const waiting: (() => void)[] = [];
  return {
    gate: () => new Promise<void>((resolve) => waiting.push(resolve)),
    async release(t: Tui) {
      for (let i = 0; i < 200 && waiting.length === 0; i++) await t.press('');
      const next = waiting.shift();
      if (!next) throw new Error('no arping run is waiting');
      next();
    },
  };
}

function open(sender: FakeArpSender, origin: 'live' | 'snapshot' = 'live') {
  tui = renderTui(
    <App
      origin={origin === 'live' ? { kind: 'live' } : { kind: 'snapshot', path: 'b.json' }}
      loadHost={async () => host}
      color={false}
      size={{ columns: 80, rows: 24 }}
      ports={{ ...UNWIRED_PORTS, garp: { readHost: async () => host, sender } }}
    />,
    { columns: 80, rows: 24 },
  );
  return tui;
}

/** The frame once it shows `expected` (keys read the newest state, so no settling is needed). */
function settled(t: Tui, expected: string | RegExp): Promise<string> {
  return t.waitForContent(expected);
}

/** Opens the panel with key 5 and chooses X (192.0.2.50, the second address on lan0). */
async function chooseX(t: Tui) {
  await settled(t, 'Host b');
  await t.press('5');
  await settled(t, 'The address that moved here');
  await t.press('down');
  return settled(t, '› 192.0.2.50/24 on lan0');
}

describe('ARP repair panel at 80x24', () => {
  it('offers this host’s addresses, sends nothing until asked', async () => {
    const sender = fakeArpSender('iputils', []);
    const t = open(sender);
    const frame = await chooseX(t);
    expect(frame).toContain(' 5 ARP repair ');
    expect(frame).toContain('   192.0.2.20/24 on lan0');
    expect(frame).toContain('Send 3 unsolicited ARP requests (arping -U)   m: mode');
    await t.press('m');
    expect(await settled(t, 'replies')).toContain('Send 3 unsolicited ARP replies (arping -A)');
    expect(sender.calls).toEqual([]);
    expect(frameWidth(t.lastFrame())).toBeLessThanOrEqual(80);
  });

  it('shows each step as it runs, asks before sending, and ends verified', async () => {
    const g = gates();
    const sender = fakeArpSender(
      'iputils',
      ['dad-after-move', 'announce-count-3', 'ping-gateway'],
      { gate: g.gate, pings: ['echo-answered'] },
    );
    const t = open(sender);
    await chooseX(t);
    await t.press('enter');

    // Step 1 done, step 2 running: the duplicate check, with its command.
    let frame = await t.waitForContent('… 2 Anyone else holding it?');
    expect(frame).toContain(
      '✓ 1 Where                    192.0.2.50 on lan0 (02:00:00:00:01:0b), gateway',
    );
    expect(frame).toContain('· 3 Tell the network');
    expect(frame).toContain('$ arping -D -I lan0 -c 2 -w 3 192.0.2.50');
    expect(frame).toMatch(/asks "who has 192\.0\.2\.50\?" from 0\.0\.0\.0/);
    expect(frame).toContain('x: cancel');

    // The confirmation: nothing is announced without a yes.
    await g.release(t);
    frame = await settled(t, 'Send?  y yes, send   n no, send nothing');
    expect(frame).toContain('✓ 2 Anyone else holding it?  nobody else answered for 192.0.2.50');
    expect(frame).toMatch(
      /About to send 3 unsolicited ARP requests to 192\.0\.2\.1 on lan0,\s+saying/,
    );
    expect(frame).toContain('This changes the ARP cache of the gateway');
    expect(sender.calls).toHaveLength(1);

    await t.press('y');
    frame = await t.waitForContent('… 3 Tell the network');
    expect(frame).toContain('$ arping -U -I lan0 -s 192.0.2.50 -c 3 192.0.2.1');
    expect(frame).toMatch(/Switches learn which port a MAC sits behind/);

    await g.release(t);
    frame = await t.waitForContent('… 4 Check it took');
    expect(frame).toContain('✓ 3 Tell the network');
    expect(frame).toContain('$ arping -I lan0 -s 192.0.2.50 -c 2 -w 3 192.0.2.1');

    // The ARP ping answered; the echo from X runs: its reply proves the gateway's entry.
    await g.release(t);
    frame = await t.waitForContent('$ ping -n -c 3 -i 0.2 -W 1 -I 192.0.2.50 192.0.2.1');
    expect(frame).toContain('… 4 Check it took');

    await g.release(t);
    frame = await t.waitForContent('Repaired');
    expect(frame).toMatch(/✓ 4 Check it took +192\.0\.2\.1 answers pings from 192\.0\.2\.50/);
    expect(frame).toMatch(/192\.0\.2\.1 now sends 192\.0\.2\.50's traffic to\s+02:00:00:00:01:0b/);
    expect(sender.calls).toHaveLength(4);
    for (const l of frame.split('\n')) expect([...l].length).toBeLessThanOrEqual(80);
  });

  it('a gateway that kept the old MAC: not verified, and the fix names the gateway', async () => {
    const sender = fakeArpSender(
      'iputils',
      ['dad-after-move', 'announce-count-3', 'ping-gateway'],
      {
        pings: ['echo-static-entry', 'control-answered'],
      },
    );
    const t = open(sender);
    await chooseX(t);
    await t.press('enter');
    await settled(t, 'Send?  y yes');
    await t.press('y');
    let frame = await t.waitForContent('Announced, but not verified');
    expect(frame).toMatch(/✗ 4 Check it took +192\.0\.2\.1 answers ARP but not a ping from 192/);
    expect(frame).toMatch(
      /the gateway 192\.0\.2\.1 kept the old MAC for 192\.0\.2\.50: it does not send\s+192\.0\.2\.50's traffic to this server; fix, on the gateway 192\.0\.2\.1: ip neigh\s+flush to 192\.0\.2\.50 nud all/,
    );
    expect(frame).toMatch(/error +gateway-kept-old-mac +the gateway 192\.0\.2\.1 kept the old MAC/);
    // The finding's fix, under the box it belongs on, one page down.
    frame = await t.pressAndWaitForChange('pagedown');
    expect(frame).toContain('  fix, on the gateway 192.0.2.1:');
    expect(frame).toContain('    ip neigh flush to 192.0.2.50 nud all');
    expect(frame).not.toContain('fix: ip neigh');
    expect(sender.calls.slice(-2)).toEqual([
      'ping -n -c 3 -i 0.2 -W 1 -I 192.0.2.50 192.0.2.1',
      'ping -n -c 3 -i 0.2 -W 1 -I 192.0.2.20 192.0.2.1',
    ]);
    for (const l of frame.split('\n')) expect([...l].length).toBeLessThanOrEqual(80);
  });

  it('a no at the confirmation sends nothing', async () => {
    const sender = fakeArpSender('iputils', ['dad-after-move']);
    const t = open(sender);
    await chooseX(t);
    await t.press('enter');
    await settled(t, 'Send?  y yes');
    await t.press('n');
    const frame = await t.waitForContent('Nothing sent');
    expect(frame).toContain('nothing sent: the announcement was not confirmed');
    expect(frame).toContain('· 3 Tell the network');
    expect(sender.calls).toEqual(['arping -D -I lan0 -c 2 -w 3 192.0.2.50']);
  });

  it('refuses with duplicate-ip naming the MAC that still holds the address', async () => {
    const sender = fakeArpSender('iputils', ['dad-taken']);
    const t = open(sender);
    await chooseX(t);
    await t.press('enter');
    const frame = await t.waitForContent('Refused: someone else still holds the address');
    expect(frame).toContain(
      '✗ 2 Anyone else holding it?  192.0.2.50 is still held by 02:00:00:00:01:0a',
    );
    expect(frame).toMatch(/error +duplicate-ip +192\.0\.2\.50 is still held by 02:00:00:00:01:0a/);
    expect(frame).toContain('· 3 Tell the network');
    expect(sender.calls).toHaveLength(1);
  });

  it('cancelling the running check stops arping and says so', async () => {
    const sender = fakeArpSender('iputils', ['dad-after-move'], { hang: true });
    const t = open(sender);
    await chooseX(t);
    await t.press('enter');
    await settled(t, '… 2 Anyone else holding it?');
    await t.press('x');
    const frame = await t.waitForContent('Cancelled');
    expect(frame).toContain('cancelled: arping was stopped');
  });

  it('on a snapshot: explains that the repair works on a live host only', async () => {
    const sender = fakeArpSender('iputils', []);
    const t = open(sender, 'snapshot');
    await settled(t, 'Host b');
    await t.press('5');
    const frame = await settled(t, 'works on a live host only');
    await t.press('enter');
    await settled(t, 'works on a live host only');
    expect(t.lastFrame()).toBe(frame);
    expect(sender.calls).toEqual([]);
  });

  it('lists its keys in the help overlay', async () => {
    const t = open(fakeArpSender('iputils', []));
    await settled(t, 'Host b');
    await t.press('5');
    await settled(t, 'The address that moved here');
    await t.press('?');
    const frame = await t.waitForContent('yes, send the announcements');
    expect(frame).toContain('check the address (where, who else holds it)');
  });
});
