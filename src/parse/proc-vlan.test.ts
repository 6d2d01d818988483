import { describe, expect, it } from 'vitest';
import { parseVlanConfig, parseVlanDevice } from './proc-vlan.js';
import { vlanSnapshot } from '../../test/fixtures/vlan/snapshots.js';
import { fixture } from '../../test/helpers/fixtures.js';

const sources = vlanSnapshot('healthy').sources;
const text = (key: string) => sources[key]?.stdout ?? '';

describe('parseVlanConfig (/proc/net/vlan/config, net/8021q/vlanproc.c)', () => {
  it('reads the name type and every VLAN with its ID and parent', () => {
    const { config, warnings } = parseVlanConfig(text('/proc/net/vlan/config'));
    expect(warnings).toEqual([]);
    expect(config.nameType).toBe('VLAN_NAME_TYPE_RAW_PLUS_VID_NO_PAD');
    expect(config.entries).toContainEqual({ device: 'eth1.100.200', vid: 200, parent: 'eth1.100' });
    expect(config.entries).toContainEqual({ device: 'eth2.30', vid: 30, parent: 'eth2' });
  });

  it('reads an empty table (8021q loaded, no VLANs) and warns on a foreign line', () => {
    const head = 'VLAN Dev name\t | VLAN ID\nName-Type: VLAN_NAME_TYPE_PLUS_VID_NO_PAD\n';
    expect(parseVlanConfig(head).config.entries).toEqual([]);
    expect(parseVlanConfig(`${head}garbage\n`).warnings).toHaveLength(1);
  });
});

describe('parseVlanDevice (/proc/net/vlan/<dev>)', () => {
  it('reads VID, REORDER_HDR, priv_flags, counters, parent and both priority maps', () => {
    const { record, warnings } = parseVlanDevice(text('/proc/net/vlan/eth2.30'), 'x');
    expect(warnings).toEqual([]);
    expect(record).toMatchObject({
      device: 'eth2.30',
      vid: 30,
      reorderHdr: true,
      privFlags: '1',
      parent: 'eth2',
      counters: {
        rxFrames: 3000,
        rxBytes: 450000,
        rxMulticast: 30,
        txFrames: 2700,
        txBytes: 360000,
      },
      egress: [
        { from: 5, to: 3 },
        { from: 6, to: 5 },
      ],
    });
    expect(record?.ingress).toHaveLength(8);
    expect(record?.ingress[1]).toEqual({ from: 1, to: 2 });
  });

  it('reads the older %hx priv_flags and a colon after counter names', () => {
    const older =
      'eth0.5  VID: 5\t REORDER_HDR: 0  dev->priv_flags: 21\n' +
      '         total frames received:            7\n' +
      '          total bytes received:          700\n' +
      '      Broadcast/Multicast Rcvd:            1\n\n' +
      '      total frames transmitted:            3\n' +
      '       total bytes transmitted:          300\n' +
      'Device: eth0\nINGRESS priority mappings: 0:0  1:0  2:0  3:0  4:0  5:0  6:0 7:0\n' +
      ' EGRESS priority mappings: \n';
    const { record } = parseVlanDevice(older, 'x');
    expect(record).toMatchObject({
      vid: 5,
      reorderHdr: false,
      privFlags: '21',
      parent: 'eth0',
      egress: [],
    });
    expect(record?.counters).toEqual({
      rxFrames: 7,
      rxBytes: 700,
      rxMulticast: 1,
      txFrames: 3,
      txBytes: 300,
    });
  });

  it('warns, never throws, on a file that is not a VLAN device', () => {
    const { record, warnings } = parseVlanDevice('nonsense', '/proc/net/vlan/x');
    expect(record).toBeNull();
    expect(warnings[0]?.source).toBe('/proc/net/vlan/x');
  });
});

describe('real /proc/net/vlan texts pasted from routers (test/fixtures/vlan/proc/)', () => {
  it('reads a config of VLANs named without a dot, on a bond', () => {
    const { config, warnings } = parseVlanConfig(fixture('vlan/proc/bond0-config.txt'));
    expect(warnings).toEqual([]);
    expect(config.entries).toContainEqual({ device: 'VLAN.MISC', vid: 4000, parent: 'bond0' });
    expect(config.entries).toHaveLength(4);
  });

  it.each([
    [
      'bond0-VLAN.K8S.txt',
      { device: 'VLAN.K8S', vid: 303, privFlags: '81021', parent: 'bond0' },
      318444724557,
    ],
    ['eth0.50.txt', { device: 'eth0.50', vid: 50, privFlags: '1021', parent: 'eth0' }, 866],
    [
      'vlan50-indented.txt',
      { device: 'vlan50', vid: 50, privFlags: '4001', parent: 'bond1' },
      34553,
    ],
  ])('%s', (file, expected, txBytes) => {
    const { record, warnings } = parseVlanDevice(fixture(`vlan/proc/${file}`), file);
    expect(warnings).toEqual([]);
    expect(record).toMatchObject({ ...expected, reorderHdr: true, egress: [] });
    expect(record?.counters.txBytes).toBe(txBytes);
  });
});
