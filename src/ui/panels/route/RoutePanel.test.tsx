import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../App.js';
import { JobStore } from '../../jobs.js';
import { UNWIRED_PORTS, type RoutePort, type TraceSession, type UiPorts } from '../../ports.js';
import { buildHostState, type HostState } from '../../../state/host-state.js';
import type { RouteQuery } from '../../../net/route-decision.js';
import type { TraceConfig } from '../../../probes/trace/types.js';
import { Tracer } from '../../../probes/trace/tracer.js';
import { mtrPacketBackend } from '../../../probes/trace/mtr-packet-backend.js';
import { routerSnapshot, fixture } from '../../../../test/helpers/fixtures.js';
import { routerHost } from '../../../../test/helpers/route-host.js';
import { FakeClock, fakeMtrPacket } from '../../../../test/fixtures/trace/fake-mtr-packet.js';
import { fits, renderTui, typeText, type Tui } from '../../../../test/helpers/ui.js';

let tui: Tui | undefined;
afterEach(() => tui?.unmount());

const SIZE = { columns: 80, rows: 24 };
/** The lab router (test/fixtures/capture.sh): policy rules, a fwmark table, a Pi neighbour. */
const labRouter = buildHostState(routerSnapshot());

function open(
  host: HostState,
  origin: 'live' | string,
  route: Partial<RoutePort> = {},
  jobs?: JobStore,
) {
  const ports: UiPorts = { ...UNWIRED_PORTS, route: { ...UNWIRED_PORTS.route, ...route } };
  tui = renderTui(
    <App
      origin={origin === 'live' ? { kind: 'live' } : { kind: 'snapshot', path: origin }}
      loadHost={async () => host}
      color={false}
      size={SIZE}
      ports={ports}
      {...(jobs ? { jobs } : {})}
    />,
    SIZE,
  );
  return tui;
}

async function routePanel(t: Tui): Promise<string> {
  await t.waitForContent(/\| (live|snapshot)/);
  await t.press('4');
  return fits(await t.waitForContent('/: ask where a packet goes'));
}

const type = typeText;

/** Asks a question: `/`, the text, Enter; returns the first frame of the answer. */
async function ask(
  t: Tui,
  text: string,
  shows: string | RegExp = `Route to ${text.split(' ')[0]}`,
) {
  await t.press('/');
  await t.waitForContent('route to> ');
  await type(t, text);
  await t.press('enter');
  return fits(await t.waitForContent(shows));
}

/** Every page of the panel's document, top to bottom, each checked to fit. */
async function allPages(t: Tui): Promise<string> {
  await t.press('g');
  const pages = [fits(t.lastFrame())];
  for (let i = 0; i < 40 && !/-- lines \d+-(\d+) of \1 /.test(t.lastFrame()); i++) {
    await t.pressAndWaitForChange('pagedown');
    pages.push(fits(t.lastFrame()));
  }
  return pages.join('\n');
}

/** Waits for Ink to draw a frame after the one counted, with no key pressed. */
async function nextFrame(t: Tui, after: number): Promise<string> {
  const deadline = Date.now() + 3000;
  while (t.frameCount() <= after) {
    if (Date.now() > deadline) throw new Error('no frame came');
    await new Promise<void>((r) => setImmediate(r));
  }
  return t.lastFrame();
}

/** The captured router of the path findings (test/fixtures/route/capture-findings.sh). */
describe('Route panel at 80x24: the decision in words, from a snapshot', () => {
  it('opens on how to ask, and says what it does', async () => {
    const t = open(routerHost, 'router.json');
    const frame = await routePanel(t);
    expect(frame).toContain(' 4 Route ');
    expect(frame).not.toContain('coming');
    expect(frame).toContain('Press / and type DEST [from SRC] [iif IF] [mark N]');
  });

  it('unicast via a gateway: rule, table, route, source, the gateway in the neighbour table', async () => {
    const t = open(routerHost, 'router.json');
    await routePanel(t);
    const frame = await ask(t, '203.0.113.200');
    expect(frame).toContain(
      "203.0.113.200: snapshot: the resolver's answer alone  /: ask  t: trace",
    );
    expect(frame).toContain(
      '203.0.113.200 → rule 32766 (main) → default via 198.51.100.254 dev lan0 metric',
    );
    expect(frame).toContain('    100, source 198.51.100.1; 198.51.100.254 is 02:00:00:00:01:fe');
    expect(frame).toMatch(
      /^ {2}route {5}default via 198\.51\.100\.254 dev lan0 metric 100 {2}\(unicast, \/0\)$/m,
    );
    expect(frame).toContain('  next hop  gateway 198.51.100.254');
    expect(frame).toContain('  interface lan0: up');
    expect(frame).toContain(
      '  source    198.51.100.1 (picked from lan0 addresses as the kernel does)',
    );
    expect(frame).toContain('  neighbour 198.51.100.254 is 02:00:00:00:01:fe (REACHABLE)');
    const text = await allPages(t);
    expect(text).toContain('  32766: from all lookup main  → matched: default in table main');
    expect(text).toMatch(
      /not asked: this is a snapshot \(router\.json\), so the answer above is the\s+resolver's alone/,
    );
    expect(text).toMatch(/Findings\nno problems found/);
  });

  it('on-link: sent to directly, the neighbour entry with its MAC', async () => {
    const t = open(routerHost, 'router.json');
    await routePanel(t);
    const frame = await ask(t, '198.51.100.254');
    expect(frame).toContain('  next hop  on-link: 198.51.100.254 is sent to directly');
    expect(frame).toContain('  neighbour 198.51.100.254 is 02:00:00:00:01:fe (REACHABLE)');
  });

  it.each([
    [
      '10.8.1.1',
      '10.8.1.1 → rule 32766 (main) → blackhole 10.8.0.0/16: dropped silently',
      'route-blackhole',
    ],
    ['10.4.2.2', 'unreachable 10.4.0.0/16: dropped, the sender told', 'route-unreachable'],
    ['10.4.1.1', 'prohibit 10.4.1.0/24: dropped, the sender told', 'route-prohibit'],
    ['10.70.1.1', '10.70.1.1 → rule 100 (unreachable) → unreachable:', 'route-unreachable'],
    ['2001:db8:99::1', 'no route in any table the rules select', 'no-route'],
  ])('%s is said plainly, with its finding', async (dst, said, code) => {
    const t = open(routerHost, 'router.json');
    await routePanel(t);
    const frame = await ask(t, dst);
    expect(frame).toContain(said);
    expect(frame).toMatch(
      /answer {4}(Invalid argument|No route to host|Permission denied|Network is unreachable)/,
    );
    const text = await allPages(t);
    expect(text).toMatch(new RegExp(`^error {3}${code} {2}${dst.replace(/\./g, '\\.')}: `, 'm'));
    expect(text).toContain('  fix, on this host:');
  });

  it('a down output interface: the route stands, the interface is said down, interface-down', async () => {
    const t = open(routerHost, 'router.json');
    await routePanel(t);
    const frame = await ask(t, '198.18.1.1');
    expect(frame).toContain('198.18.0.0/16 via 203.0.113.126 dev lan1');
    expect(frame).toContain('  interface lan1: up, but no carrier');
    const text = await allPages(t);
    expect(text).toMatch(
      /^error {3}interface-down {2}198\.18\.1\.1: output interface lan1 is up, but no/m,
    );
    expect(text).toContain('lan1: <NO-CARRIER,BROADCAST,MULTICAST,UP> state LOWERLAYERDOWN');
  });

  it('a next hop that does not answer ARP: FAILED, next-hop-unresolved with the fix', async () => {
    const t = open(routerHost, 'router.json');
    await routePanel(t);
    const frame = await ask(t, '198.19.1.1');
    expect(frame).toContain('  neighbour 198.51.100.77 is unresolved (FAILED)');
    const text = await allPages(t);
    expect(text).toMatch(
      /^error {3}next-hop-unresolved {2}198\.19\.1\.1: next hop 198\.51\.100\.77 on lan0/m,
    );
    expect(text).toContain('    arping -c 3 -I lan0 198.51.100.77');
  });
});

describe('Route panel: the lab router (policy rules, marks, vendors)', () => {
  it('mark selects table 100 through rule 1001', async () => {
    const t = open(labRouter, 'router.json');
    await routePanel(t);
    const frame = await ask(t, '203.0.113.200 mark 0x1');
    expect(frame).toContain('203.0.113.200 mark 0x1: snapshot');
    expect(frame).toContain(
      '203.0.113.200 → rule 1001 (100) → default via 198.51.100.254 dev lan1',
    );
    expect(frame).toContain('  rule      1001: from all fwmark 0x1 lookup 100');
  });

  it('forwarded from a VPN client (iif) selects table 100 through rule 1000', async () => {
    const t = open(labRouter, 'router.json');
    await routePanel(t);
    const frame = await ask(t, '172.16.5.5 from 10.8.0.6 iif lan0');
    expect(frame).toContain(
      '172.16.5.5 → rule 1000 (100) → 172.16.0.0/12 via 198.51.100.254 dev lan1,',
    );
  });

  it("an on-link Raspberry Pi: its MAC and the vendor's name", async () => {
    const t = open(labRouter, 'router.json');
    await routePanel(t);
    const frame = await ask(t, '192.0.2.77');
    expect(frame).toMatch(/neighbour 192\.0\.2\.77 is b8:27:eb:12:34:56 Raspberry Pi/);
    expect(frame).toContain('(PERMANENT)');
  });
});

describe('Route panel: the question line', () => {
  it('takes digits and q as text (no panel switch, no quit), Esc closes it, / offers the last question asked', async () => {
    const t = open(routerHost, 'router.json');
    await routePanel(t);
    await t.press('/');
    let frame = fits(await t.waitForContent('route to> ▏  Enter: answer  Esc: cancel'));
    expect(frame).toContain('DEST [from SRC] [iif IF] [mark N], like: 203.0.113.7 from 10.0.0.2');
    await type(t, '1q');
    frame = fits(await t.waitForContent('route to> 1q▏'));
    expect(frame).toContain(' 4 Route ');
    await t.press('\u007f');
    await t.press('\u007f');
    await type(t, '198.51.100.254 from 198.51.100.1');
    fits(await t.waitForContent('route to> 198.51.100.254 from 198.51.100.1▏'));
    await t.press('escape');
    frame = fits(await t.waitForContent('/: ask where a packet goes'));
    expect(frame).not.toContain('route to>');
    // Esc drops what was typed: the line opens empty, as nothing was asked yet.
    await t.press('/');
    await t.waitForContent('route to> ▏  Enter: answer');
    await type(t, '198.51.100.254 from 198.51.100.1');
    await t.press('enter');
    frame = fits(await t.waitForContent('Route to 198.51.100.254'));
    expect(frame).toContain('  source    198.51.100.1 (given with from)');
    // The question asked is offered again: Enter re-asks it, typing replaces it.
    await t.press('/');
    await t.waitForContent('route to> 198.51.100.254 from 198.51.100.1▏  Enter: ask again');
    await type(t, '1');
    await t.waitForContent('route to> 1▏  Enter: answer');
  });

  it.each([
    ['example.org', "refused: 'example.org' is not an IP address (give an address, not a name)"],
    [
      '203.0.113.7 from 2001:db8::1',
      'refused: from 2001:db8::1 and 203.0.113.7 are not of the same IP family',
    ],
    [
      '203.0.113.7 from 198.51.100.9 iif eth9',
      "refused: no interface 'eth9' on this host (it has: lo, lan0, lan1",
    ],
    ['203.0.113.7 iif lan0', 'refused: iif needs from: a packet that arrives has a source'],
    ['203.0.113.7 mark zz', "refused: mark takes a number (0x10 or 16), not 'zz'"],
    ['203.0.113.7 via 1.2.3.4', "refused: 'via' is not one of from, iif, mark"],
  ])('refuses %s in one sentence and keeps the line to correct it', async (text, reason) => {
    const t = open(routerHost, 'router.json');
    await routePanel(t);
    await t.press('/');
    await type(t, text);
    await t.press('enter');
    const frame = fits(await t.waitForContent(reason));
    expect(frame).toContain(`route to> ${text}▏`);
    expect(frame).not.toContain('Route to ');
    await t.press('escape');
    fits(await t.waitForContent('/: ask where a packet goes'));
  });

  it('lists its keys in the help, uncut at 80 columns', async () => {
    const t = open(routerHost, 'router.json');
    await routePanel(t);
    await t.press('?');
    const help = fits(await t.waitForContent('Keys on Route'));
    expect(help).toMatch(
      /^ {2}\/ +ask: DEST \[from SRC\] \[iif IF\] \[mark N\] \(sends nothing\)$/m,
    );
    expect(help).toMatch(
      /^ {2}t +trace to the destination hop by hop, like mtr \(sends probes\)$/m,
    );
    expect(help).toMatch(/^ {2}x +stop the trace$/m);
    // The help's own lines (not the status line, which carries the capture's long netns name).
    expect(help.split('\n').slice(0, -1).join('\n')).not.toContain('…');
  });
});

/** Captured `ip -j -d route get` answers (test/fixtures/route/capture.sh). */
function captured(name: string) {
  const read = (ext: string) => fixture(`route/get/${name}.${ext}`);
  return { stdout: read('stdout'), stderr: read('stderr'), status: Number(read('status').trim()) };
}

/** A kernel that answers the one question it expects with a captured reply, and throws else. */
function fakeKernel(expected: RouteQuery, capture: string) {
  const asked: RouteQuery[] = [];
  const routeGet: RoutePort['routeGet'] = async (q) => {
    asked.push(q);
    if (JSON.stringify(q) !== JSON.stringify(expected)) {
      throw new Error(`fake kernel: no capture for ${JSON.stringify(q)}`);
    }
    const argv = ['ip', '-j', '-d', 'route', 'get', q.dst];
    return { argv, ...captured(capture) };
  };
  return { routeGet, asked, uid: () => 1000 };
}

describe('Route panel: live, the kernel asked too', () => {
  it('says the kernel agrees (a blackhole: ip route get answers Invalid argument)', async () => {
    const kernel = fakeKernel({ dst: '10.8.1.1', uid: 1000 }, 'blackhole');
    const t = open(routerHost, 'live', kernel);
    await routePanel(t);
    const frame = await ask(t, '10.8.1.1', 'kernel agrees');
    expect(frame).toContain('10.8.1.1: kernel agrees  /: ask  t: trace');
    const text = await allPages(t);
    expect(text).toMatch(
      /The kernel says\n {2}\$ ip -j -d route get 10\.8\.1\.1\n {2}Invalid argument\n {2}the kernel agrees with netdoctor/,
    );
    expect(kernel.asked).toHaveLength(1);
  });

  it('shows both answers when they differ', async () => {
    // The capture's namespace routes by 10.1.0.254: this host's tables say otherwise.
    const kernel = fakeKernel({ dst: '203.0.113.7', uid: 1000 }, 'gateway');
    const t = open(routerHost, 'live', kernel);
    await routePanel(t);
    await ask(t, '203.0.113.7', 'kernel DISAGREES: both answers below');
    const text = await allPages(t);
    expect(text).toContain('  unicast 203.0.113.7 via 10.1.0.254 dev lan0 table main src 10.1.0.1');
    expect(text).toContain(
      '  the kernel and netdoctor DISAGREE (a netdoctor bug, or a feature it does',
    );
    expect(text).toContain('    gateway: kernel 10.1.0.254, netdoctor none');
    expect(text).toContain('    dev: kernel lan0, netdoctor lan1');
  });
});

/** A trace port replaying the captured lab trace (trace-reach4) on a clock the test moves. */
function fakeTrace(target = '198.18.0.2') {
  const clock = new FakeClock();
  const mtr = fakeMtrPacket(clock, ['trace-reach4']);
  const sessions: TraceSession[] = [];
  const openTrace = async (config: TraceConfig): Promise<TraceSession> => {
    if (config.target.address !== target || config.mode !== 'rounds') {
      throw new Error(`fake trace: nothing captured for ${JSON.stringify(config)}`);
    }
    const tracer = new Tracer(config, mtrPacketBackend(mtr.open), clock);
    const session: TraceSession = {
      note: null,
      snapshot: () => tracer.snapshot(),
      run: (signal) => tracer.run(signal),
      stop: () => tracer.stop(),
    };
    sessions.push(session);
    return session;
  };
  return { clock, mtr, sessions, openTrace };
}

/** Live on the lab router: the kernel's answer for the trace's destination, and the trace. */
function liveTrace() {
  const trace = fakeTrace();
  const kernel = fakeKernel({ dst: '198.18.0.2', uid: 1000 }, 'gateway');
  const jobs = new JobStore();
  const t = open(labRouter, 'live', { ...kernel, openTrace: trace.openTrace }, jobs);
  return { t, trace, jobs };
}

async function startLiveTrace(t: Tui) {
  await routePanel(t);
  await ask(t, '198.18.0.2', 'Route to 198.18.0.2');
  await t.press('t');
  return fits(await t.waitForContent('trace to 198.18.0.2 with mtr-packet, round 1'));
}

describe('Route panel: the live trace', () => {
  it('refuses on a snapshot in one sentence, and opens nothing', async () => {
    const t = open(routerHost, 'router.json');
    await routePanel(t);
    await ask(t, '203.0.113.200');
    await t.press('t');
    const frame = fits(await t.waitForContent('a snapshot (router.json) cannot send probes'));
    expect(frame).toMatch(/a trace runs on a live host, so run\s+netdoctor there/);
    expect(frame).not.toContain('running:');
  });

  it('asks for a destination first', async () => {
    const { t } = liveTrace();
    await routePanel(t);
    await t.press('t');
    fits(await t.waitForContent('ask first: / then a destination and Enter; t traces to it'));
  });

  it('fills an mtr-like hop table, redrawn on the tick while it runs (4+ frames a trace-second)', async () => {
    const { t, trace } = liveTrace();
    await startLiveTrace(t);
    const session = trace.sessions[0];
    if (!session) throw new Error('no trace opened');
    // 4 trace-seconds in steps of 250 ms: after each step the panel draws, without a key,
    // the Tracer's snapshot of that moment.
    let frames = 0;
    for (let step = 1; step <= 16; step++) {
      trace.clock.advance(250);
      const before = t.frameCount();
      let frame = await nextFrame(t, before);
      const snap = session.snapshot();
      const want = `round ${snap.round}, ${Math.round(snap.elapsedMs / 1000)} s`;
      // The tick may draw once more before the new state is in: wait for it, still no key.
      for (let i = 0; i < 5 && !frame.includes(want); i++)
        frame = await nextFrame(t, t.frameCount());
      expect(frame).toContain(want);
      frames += t.frameCount() - before;
    }
    expect(frames).toBeGreaterThanOrEqual(16);
    const frame = fits(t.lastFrame());
    expect(frame).toMatch(/^HOP ADDRESS +LOSS +SNT +LAST +AVG +BEST +WRST +JTTR$/m);
    const rows = frame.split('\n').filter((l) => /^ {2}\d /.test(l));
    expect(rows.map((r) => r.split(/ +/)[2])).toEqual([
      '198.51.100.1',
      '203.0.113.2',
      '198.18.0.2',
    ]);
    const snap = session.snapshot();
    expect(snap.round).toBe(5);
    for (const r of rows)
      expect(r).toMatch(/ 0\.0% +5 +0\.\d{3} +0\.\d{3} +0\.\d{3} +0\.\d{3} +0\.\d{3}$/);
    expect(frame).toContain('198.18.0.2 answered at hop 3: the path works.');
    expect(frame).toMatch(/running: trace 198\.18\.0\.2/);
  });

  it('keeps running on another panel (the tab bar marks it), x stops it and mtr-packet', async () => {
    const { t, trace, jobs } = liveTrace();
    await startLiveTrace(t);
    trace.clock.advance(1000);
    await t.waitForContent('round 2');
    await t.press('1');
    let frame = fits(await t.waitForContent('Interfaces'));
    expect(frame).toContain(' 4 Route* ');
    trace.clock.advance(2000);
    await t.press('4');
    frame = fits(await t.waitForContent('round 4'));
    expect(frame).toContain(' 4 Route* ');
    expect(trace.mtr.closed).toBe(false);
    // The fourth round's answers in (a probe in flight when x comes counts as lost).
    trace.clock.advance(1);
    await t.press('x');
    frame = fits(await t.waitForContent('trace to 198.18.0.2 stopped after 4 rounds  t: again'));
    expect(frame).toMatch(/^ {2}1 198\.51\.100\.1 +0\.0% +4 /m);
    expect(frame).not.toContain(' 4 Route* ');
    expect(frame).not.toContain('running: trace');
    expect(frame).toContain('198.18.0.2 answered at hop 3: the path works.');
    expect(trace.mtr.closed).toBe(true);
    expect(jobs.get('route')?.status()).toBe('cancelled');
    // v: back to the decision, and to the hop table.
    await t.press('v');
    await t.waitForContent('Route to 198.18.0.2');
    await t.press('v');
    await t.waitForContent('stopped after 4 rounds');
  });

  it('quitting stops the trace and mtr-packet', async () => {
    const { t, trace, jobs } = liveTrace();
    await startLiveTrace(t);
    await t.press('q');
    await t.exited();
    expect(jobs.get('route')?.status()).toBe('cancelled');
    expect(trace.mtr.closed).toBe(true);
  });

  it('says so when mtr-packet dies under the trace', async () => {
    const { t, trace, jobs } = liveTrace();
    await startLiveTrace(t);
    trace.mtr.crash('SIGSEGV');
    const frame = fits(await t.waitForContent('trace to 198.18.0.2 failed: mtr-packet crashed'));
    expect(frame).toContain('This host cannot trace to 198.18.0.2: mtr-packet crashed (SIGSEGV)');
    expect(frame).not.toContain(' 4 Route* ');
    expect(jobs.get('route')?.status()).toBe('done');
  });

  it('says why a trace cannot start, in one sentence', async () => {
    const kernel = fakeKernel({ dst: '10.8.1.1', uid: 1000 }, 'blackhole');
    const t = open(routerHost, 'live', {
      ...kernel,
      openTrace: async () => {
        throw new Error(
          'a blackhole route on this host drops packets to 10.8.1.1 (ip route get 10.8.1.1: Invalid argument)',
        );
      },
    });
    await routePanel(t);
    await ask(t, '10.8.1.1', 'kernel agrees');
    await t.press('t');
    fits(await t.waitForContent('trace to 10.8.1.1 failed: a blackhole route on this host drops'));
  });
});
