import { describe, expect, it } from 'vitest';
import { arpingArgv, arpingFeatures, missingFeature, type ArpingTask } from './arping-argv.js';
import {
  arpingCase,
  arpingHelp,
  type CapturedFlavour,
} from '../../test/fixtures/arping/fixtures.js';

const X = '192.0.2.50';
const GW = '192.0.2.1';

const dad = (ip: string): ArpingTask => ({ kind: 'dad', iface: 'lan0', ip, count: 2, timeoutS: 3 });
const announce = (mode: 'request' | 'reply', target = GW): ArpingTask => ({
  kind: 'announce',
  iface: 'lan0',
  ip: X,
  target,
  count: 2,
  mode,
});
const ping = (target: string): ArpingTask => ({
  kind: 'ping',
  iface: 'lan0',
  source: X,
  target,
  count: 2,
  timeoutS: 3,
});

// The argv the builder makes is the argv the capture ran: the fixtures prove the flags work.
const TABLE: readonly [CapturedFlavour, string, ArpingTask][] = [
  ['iputils', 'dad-taken', dad(X)],
  ['iputils', 'dad-free', dad('192.0.2.99')],
  ['iputils', 'announce-request', announce('request')],
  ['iputils', 'announce-reply', announce('reply')],
  ['iputils', 'announce-self', announce('request', X)],
  ['iputils', 'ping-gateway', ping(GW)],
  ['iputils', 'ping-nobody', ping('192.0.2.99')],
  ['habets', 'dad-taken', dad(X)],
  ['habets', 'dad-free', dad('192.0.2.99')],
  ['habets', 'announce-request', announce('request')],
  ['habets', 'announce-reply', announce('reply')],
  ['habets', 'ping-gateway', ping(GW)],
  ['habets', 'ping-nobody', ping('192.0.2.99')],
];

describe('arpingArgv builds what the captured runs ran', () => {
  it.each(TABLE)('%s %s', (flavour, name, task) => {
    expect(arpingArgv(flavour, task)).toEqual(arpingCase(flavour, name).argv);
  });

  it("never gives Habets' arping the iputils -s (there it is a source MAC)", () => {
    for (const task of [announce('request'), announce('reply'), ping(GW), dad(X)]) {
      expect(arpingArgv('habets', task)).not.toContain('-s');
      expect(arpingArgv('habets', task)).not.toContain('-I');
    }
  });

  it('refuses an arping it does not know', () => {
    expect(() => arpingArgv('unknown', dad(X))).toThrow(/unknown arping flavour/);
  });
});

describe('arpingFeatures from the usage texts', () => {
  it('iputils can do everything the repair needs', () => {
    const f = arpingFeatures('iputils', arpingHelp('iputils'));
    expect(f).toEqual({ flavour: 'iputils', unsolicited: true, replies: true, dad: true });
    expect(missingFeature(f, announce('reply'))).toBeNull();
  });

  it("Habets' 2.23 has -U, -P and -0", () => {
    const f = arpingFeatures('habets', arpingHelp('habets'));
    expect(f).toEqual({ flavour: 'habets', unsolicited: true, replies: true, dad: true });
  });

  it('an arping whose usage lacks -U cannot announce (older Habets versions)', () => {
    const help = arpingHelp('habets')
      .split('\n')
      .filter((l) => !/^\s+-[UP]\b/.test(l))
      .join('\n');
    const f = arpingFeatures('habets', help);
    expect(missingFeature(f, announce('request'))).toBe('unsolicited ARP (-U)');
    expect(missingFeature(f, announce('reply'))).toBe('unsolicited ARP replies (-A)');
    expect(missingFeature(f, dad(X))).toBeNull();
  });

  it('an unknown arping can do nothing', () => {
    const f = arpingFeatures('unknown', 'arping 0.1');
    expect(missingFeature(f, ping(GW))).toBe('an arping netdoctor recognises');
  });
});
