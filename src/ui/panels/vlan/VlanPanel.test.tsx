import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../App.js';
import { UNWIRED_PORTS, type UiPorts } from '../../ports.js';
import { buildHostState, type HostState } from '../../../state/host-state.js';
import { routerSnapshot } from '../../../../test/helpers/fixtures.js';
import { vlanHost } from '../../../../test/fixtures/vlan/snapshots.js';
import { fits, renderTui, typeText, type Tui } from '../../../../test/helpers/ui.js';

let tui: Tui | undefined;
afterEach(() => tui?.unmount());

const SIZE = { columns: 80, rows: 24 };

function open(host: HostState, origin: 'live' | string, ports: Partial<UiPorts> = {}) {
  tui = renderTui(
    <App
      origin={origin === 'live' ? { kind: 'live' } : { kind: 'snapshot', path: origin }}
      loadHost={async () => host}
      color={false}
      size={SIZE}
      ports={{ ...UNWIRED_PORTS, ...ports }}
    />,
    SIZE,
  );
  return tui;
}

async function vlanPanel(t: Tui): Promise<string> {
  await t.waitForContent(/\| (live|snapshot)/);
  await t.press('3');
  return fits(await t.waitForContent(/^VLANs$/m));
}

/** Every page of the panel's document, top to bottom, each checked to fit. */
async function allPages(t: Tui): Promise<string[]> {
  await t.press('g');
  const pages = [fits(t.lastFrame())];
  for (let i = 0; i < 40 && !/-- lines \d+-(\d+) of \1 /.test(t.lastFrame()); i++) {
    await t.pressAndWaitForChange('pagedown');
    pages.push(fits(t.lastFrame()));
  }
  return pages;
}

const type = typeText;

describe('VLAN panel at 80x24, broken router snapshot', () => {
  it('opens on what is wrong, errors first, then the tree', async () => {
    const t = open(vlanHost('broken'), 'broken.json');
    const frame = await vlanPanel(t);
    expect(frame).toContain(' 3 VLAN ');
    expect(frame).not.toContain('coming');
    expect(frame).toContain('t: live rates  m: make a VLAN');
    expect(frame).toContain('Problems (5): each explained under Findings, at the end');
    const heads = frame.split('\n').filter((l) => /^(error|warning) /.test(l));
    expect(heads.map((l) => l.split(/ +/)[1])).toEqual([
      'vlan-parent-down',
      'vlan-down',
      'vlan-mtu-exceeds-parent',
      'vlan-id-invalid',
      'vlan-alias-confusion',
    ]);
    expect(heads.at(-1)).toMatch(/^warning /);
    expect(frame).toContain('8021q loaded (/proc/net/vlan/config: 10 VLANs)');
    expect(frame).toMatch(/^eth1 \(veth\) {2}up, carrier {2}mtu 1500 {2}untagged$/m);
  });

  it('scrolls through the tree, the switch and the findings, never past 80 columns', async () => {
    const t = open(vlanHost('broken'), 'broken.json');
    await vlanPanel(t);
    const text = (await allPages(t)).join('\n');
    // The tree: state, MTU, flags, QoS maps, counters, QinQ nested one level deeper.
    expect(text).toContain('  └ eth1.60  VLAN 60 802.1Q  DOWN  mtu 1500  de:b7:38:b1:c2:ee');
    expect(text).toContain('  └ eth2.70  VLAN 70 802.1Q  up, carrier  mtu 9000');
    expect(text).toContain('    └ eth1.100.200  VLAN 200 802.1Q  up, carrier  mtu 1500');
    expect(text).toContain('  └ eth1.100  VLAN 100 802.1ad');
    expect(text).toContain('      flags REORDER_HDR,GVRP,LOOSE_BINDING');
    expect(text).toContain('      ingress-qos-map 1:2');
    expect(text).toContain('      egress-qos-map 5:3 6:5');
    expect(text).toMatch(/rx 3000 frames 450000 bytes \(30 bcast\/mcast\), tx 2700 frames/);
    expect(text).toMatch(/^eth3 \(veth\) {2}DOWN {2}mtu 1500/m);
    expect(text).toContain('  └ eth3.50  VLAN 50 802.1Q  up, NO CARRIER');
    // The bridge as a switch, each port with what a device there must do (wrapped, not cut).
    expect(text).toContain('br0 (switch)  vlan_filtering on');
    expect(text).toContain('  swp3            pvid none  untagged -  tagged 100,200-210');
    expect(text).toMatch(
      /A device here must tag every frame \(untagged frames are dropped: no PVID\),\n {10}and tag frames with VLANs 100, 200-210 \(a VLAN interface per ID\)\./,
    );
    // The findings in full: why, evidence with its source, fix.
    expect(text).toContain('Findings (5)');
    expect(text).toContain(
      '    eth3.50 is VLAN 50 on eth3: every frame it sends leaves through eth3 with',
    );
    expect(text).toContain(
      '    eth3: <BROADCAST,MULTICAST> mtu 1500 state DOWN veth    (ip -j -d link show)',
    );
    expect(text).toMatch(/ {2}fix, on this host:\n {4}ip link set eth3 up/);
    expect(text).toContain('    ip link set eth2.70 mtu 1500');
    expect(text).toContain('    ip addr del 192.168.2.99/24 dev eth2 label eth2:1234');
  });
});

describe('VLAN panel at 80x24, healthy and VLAN-less hosts', () => {
  it('a healthy router: no problems, the tree and the switch', async () => {
    const t = open(vlanHost('healthy'), 'healthy.json');
    const frame = await vlanPanel(t);
    expect(frame).not.toContain('Problems');
    expect(frame).toContain('8021q loaded (/proc/net/vlan/config: 6 VLANs)');
    const text = (await allPages(t)).join('\n');
    expect(text).toContain('    └ eth1.100.200  VLAN 200 802.1Q');
    expect(text).toContain('  swp2            pvid 10  untagged 10  tagged -');
    expect(text).toContain('      A device here must send untagged frames to be in VLAN 10.');
    expect(text).toMatch(/Findings\nno problems found/);
    expect(text).not.toMatch(/^error /m);
  });

  it('the lab router: no VLANs, nothing collected, the alias warning', async () => {
    const t = open(buildHostState(routerSnapshot()), 'router.json');
    const frame = await vlanPanel(t);
    expect(frame).toContain('Problems (1)');
    expect(frame).toContain('/proc/net/vlan: not collected (an older snapshot)');
    expect(frame).toContain('no VLAN interfaces');
    expect(frame).toContain('bridge vlan show: not collected (an older snapshot)');
    expect(frame).toMatch(/^warning vlan-alias-confusion {2}lan0:1234 is an alias address/m);
    const text = (await allPages(t)).join('\n');
    expect(text).toContain('    ip link add link lan0 name lan0.1234 type vlan id 1234');
  });
});

describe('VLAN panel: keys', () => {
  it('lists its keys in the help, uncut at 80 columns', async () => {
    const t = open(vlanHost('broken'), 'broken.json');
    await vlanPanel(t);
    await t.press('?');
    const help = fits(await t.waitForContent('Keys on VLAN'));
    expect(help).toMatch(/^ {2}t +live rates: read the counters every second \(reads only\)$/m);
    expect(help).toMatch(/^ {2}x +stop the live rates$/m);
    expect(help).toMatch(/^ {2}m +make a VLAN: the commands and files for it \(runs nothing\)$/m);
    expect(help).not.toContain('…');
  });
});

describe('VLAN panel: make one', () => {
  it('asks on a question line that takes digits and q as text, and shows the plan', async () => {
    const t = open(vlanHost('broken'), 'broken.json');
    await vlanPanel(t);
    await t.press('pagedown');
    const where = /-- lines \d+-\d+ of \d+/.exec(await t.waitForContent('-- lines 21-'))?.[0];
    await t.press('m');
    let frame = fits(await t.waitForContent('make VLAN> ▏  Enter: show  Esc: cancel'));
    expect(frame).toContain('PARENT ID [ADDR/LEN], like: eth1 1234 10.0.0.2/24');
    // q would quit and 1-7 switch panels; here they are text.
    await type(t, 'q');
    await t.waitForContent('make VLAN> q▏');
    await t.press('\u007f');
    await t.waitForContent('make VLAN> ▏');
    await type(t, 'eth1 1234 10.0.0.2/24');
    frame = fits(await t.waitForContent('make VLAN> eth1 1234 10.0.0.2/24▏'));
    expect(frame).toContain(' 3 VLAN ');
    await t.press('enter');
    frame = fits(await t.waitForContent('Make eth1.1234 (VLAN 1234 on eth1): run as root'));
    // The plan opens at its top, wherever the report was.
    expect(frame).toContain('-- lines 1-');
    expect(frame).toContain(
      'This shows; it runs nothing. Copy what you need.  Esc: back to the VLANs',
    );
    expect(frame).toContain('  ip link add link eth1 name eth1.1234 type vlan id 1234');
    expect(frame).toContain('  ip addr add 10.0.0.2/24 dev eth1.1234');
    expect(frame).toContain('  ip link set eth1.1234 up');
    expect(frame).toContain('      vlan-raw-device eth1');
    const text = (await allPages(t)).join('\n');
    expect(text).toContain('To keep it, systemd-networkd: /etc/systemd/network/eth1.1234.netdev');
    expect(text).toContain('  VLAN=eth1.1234');
    expect(text).toContain(
      'To keep it, netplan (then: netplan apply): /etc/netplan/60-eth1.1234.yaml',
    );
    expect(text).toContain('      addresses: [10.0.0.2/24]');
    // Esc: back to the report where it was left.
    await t.press('escape');
    fits(await t.waitForContent(where ?? 'no position'));
  });

  it.each([
    ['eth1 4095', 'refused: VLAN ID 4095 is outside 1-4094'],
    ['eth1 0', 'refused: VLAN ID 0 is outside 1-4094'],
    ['eth9 10', 'refused: there is no interface eth9 in broken.json'],
    ['eth1.100.200 1234', "refused: the VLAN's name eth1.100.200.1234 would be 17 characters"],
    ['eth1 10', 'refused: eth1.10 already exists in broken.json'],
    ['eth1', 'refused: type PARENT ID [ADDR/LEN], like: eth1 1234 10.0.0.2/24'],
  ])('refuses %s in one sentence and keeps the line to correct it', async (typedText, reason) => {
    const t = open(vlanHost('broken'), 'broken.json');
    await vlanPanel(t);
    await t.press('m');
    await type(t, typedText);
    await t.press('enter');
    const frame = fits(await t.waitForContent(reason));
    expect(frame).toContain(`make VLAN> ${typedText}▏`);
    expect(frame).not.toContain('run as root');
    await t.press('escape');
    fits(await t.waitForContent('t: live rates  m: make a VLAN'));
  });
});

/** A live host whose VLAN counters grow by `n` s of 10 frames and 15000 bytes a second. */
function later(host: HostState, n: number): HostState {
  return {
    ...host,
    meta: {
      ...host.meta,
      takenAt: new Date(Date.parse(host.meta.takenAt) + n * 1000).toISOString(),
    },
    vlanProc: {
      ...host.vlanProc,
      devices: host.vlanProc.devices.map((d) => ({
        ...d,
        counters: {
          ...d.counters,
          rxFrames: d.counters.rxFrames + n * 10,
          rxBytes: d.counters.rxBytes + n * 15000,
          txFrames: d.counters.txFrames + n * 5,
          txBytes: d.counters.txBytes + n * 500,
        },
      })),
    },
  };
}

/** A fake clock for the job: each wait is held until the test lets it go; abort rejects. */
function fakeRates(host: HostState, fail?: number) {
  let reads = 0;
  const waiting: (() => void)[] = [];
  const port: Partial<UiPorts> = {
    readHost: async () => {
      reads += 1;
      if (reads === fail) throw new Error('ip is not installed: apt-get install iproute2');
      return later(host, reads);
    },
    wait: (ms, signal) => {
      if (!(ms >= 0 && ms <= 1000)) throw new Error(`unexpected wait of ${ms} ms`);
      return new Promise<void>((resolve, reject) => {
        waiting.push(resolve);
        signal.addEventListener('abort', () => reject(new Error('aborted')));
      });
    },
  };
  return {
    port,
    reads: () => reads,
    async tick(t: Tui) {
      for (let i = 0; i < 200 && waiting.length === 0; i++) await t.press('');
      const next = waiting.shift();
      if (!next) throw new Error('the rates job is not waiting');
      next();
    },
  };
}

describe('VLAN panel: live rates', () => {
  it('t reads the counters every second and shows rates from the last two reads; x stops', async () => {
    const host = vlanHost('healthy');
    const fake = fakeRates(host);
    const t = open(host, 'live', fake.port);
    await vlanPanel(t);
    await t.press('t');
    let frame = fits(await t.waitForContent('rates: reading the counters'));
    expect(frame).toMatch(/running: VLAN rates$/);
    // One read is no rate; the second, a second later, is.
    await fake.tick(t);
    frame = fits(
      await t.waitForContent('rates: live from the last two reads, 1.0 s apart (read 2)'),
    );
    expect(frame).toContain(
      '      rx 1020 frames 180000 bytes (10 bcast/mcast), tx 910 frames 121000 bytes',
    );
    expect(frame).toContain('      rate  rx 10.0 frames/s 15000 B/s, tx 5.0 frames/s 500 B/s');
    await fake.tick(t);
    frame = fits(await t.waitForContent('(read 3)'));
    expect(frame).toContain('      rx 1030 frames 195000 bytes');
    // Looking elsewhere does not stop it.
    await t.press('1');
    await t.waitForContent('Interfaces');
    await t.press('3');
    expect(fits(await t.waitForContent('(read 3)'))).toMatch(/running: VLAN rates$/);
    await t.press('x');
    frame = fits(await t.waitForContent('rates stopped after 3 reads  t: again'));
    expect(frame).not.toContain('rate  rx');
    expect(frame).not.toContain('running: VLAN rates');
    expect(fake.reads()).toBe(3);
  });

  it('a failed read stops the rates and says why', async () => {
    const host = vlanHost('broken');
    const fake = fakeRates(host, 2);
    const t = open(host, 'live', fake.port);
    await vlanPanel(t);
    await t.press('t');
    await t.waitForContent('rates: reading the counters');
    await fake.tick(t);
    fits(await t.waitForContent('rates stopped: ip is not installed: apt-get install iproute2'));
  });

  it('refuses on a snapshot, which holds one read, and reads nothing', async () => {
    const t = open(vlanHost('broken'), 'broken.json', {
      readHost: async () => {
        throw new Error('a snapshot must not be read again');
      },
    });
    await vlanPanel(t);
    await t.press('t');
    const frame = fits(await t.waitForContent('holds one read of the counters'));
    expect(frame).toMatch(/rates need two reads of\s+a live host: run netdoctor there/);
    expect(frame).not.toContain('running:');
    await t.press('escape');
    fits(await t.waitForContent('t: live rates  m: make a VLAN'));
  });
});
