import { describe, expect, it } from 'vitest';
import { parseArpingOutput, replyMacs } from './arping.js';
import { arpingFlavour } from './tool-versions.js';
import { arpingCase, arpingHelp } from '../../test/fixtures/arping/fixtures.js';

const A_MAC = '02:00:00:00:01:0a';
const G_MAC = '02:00:00:00:01:01';

describe('arping flavour from the real binaries', () => {
  it('knows iputils by its -V', () => {
    const v = arpingCase('iputils', 'version');
    expect(arpingFlavour(v.stdout + v.stderr, arpingHelp('iputils'))).toBe('iputils');
  });
  it("knows Habets' arping by its --help (its -V wants an argument)", () => {
    const v = arpingCase('habets', 'version');
    expect(v.exitCode).toBe(1);
    expect(arpingFlavour(v.stdout + v.stderr, arpingHelp('habets'))).toBe('habets');
  });
});

// Each case: the captured run, and what it must mean once normalised.
const TABLE = [
  // Duplicate address detection: iputils exits 1 on an answer, Habets exits 0.
  ['iputils', 'dad-taken', 'dad', { answered: true, macs: [A_MAC], sent: 1, received: 1 }],
  ['habets', 'dad-taken', 'dad', { answered: true, macs: [A_MAC], sent: 2, received: 2 }],
  ['iputils', 'dad-free', 'dad', { answered: false, macs: [], sent: 2, received: 0 }],
  ['habets', 'dad-free', 'dad', { answered: false, macs: [], sent: 2, received: 0 }],
  // Announcing: iputils always exits 0; Habets exits 1 when nobody answered, which is normal.
  ['iputils', 'announce-request', 'announce', { answered: true, macs: [G_MAC], sent: 2 }],
  ['iputils', 'announce-reply', 'announce', { answered: false, macs: [], sent: 2 }],
  ['iputils', 'announce-self', 'announce', { answered: false, macs: [], sent: 2 }],
  ['habets', 'announce-request', 'announce', { answered: true, macs: [G_MAC], sent: 2 }],
  ['habets', 'announce-reply', 'announce', { answered: false, macs: [], sent: 2 }],
  // Verification: the gateway answers, or nobody does.
  ['iputils', 'ping-gateway', 'ping', { answered: true, macs: [G_MAC], sent: 2, received: 2 }],
  ['habets', 'ping-gateway', 'ping', { answered: true, macs: [G_MAC], sent: 2, received: 2 }],
  ['iputils', 'ping-nobody', 'ping', { answered: false, macs: [], sent: 2, received: 0 }],
  ['habets', 'ping-nobody', 'ping', { answered: false, macs: [], sent: 2, received: 0 }],
] as const;

describe('parseArpingOutput over captured runs', () => {
  it.each(TABLE)('%s %s', (flavour, name, kind, want) => {
    const result = parseArpingOutput(flavour, kind, arpingCase(flavour, name));
    expect(result.failure).toBeNull();
    expect(result.warnings).toEqual([]);
    expect(result.answered).toBe(want.answered);
    expect(replyMacs(result.replies)).toEqual(want.macs);
    expect(result.sent).toBe(want.sent);
    if ('received' in want) expect(result.received).toBe(want.received);
  });

  it('keeps the answering IP and the line as printed', () => {
    const result = parseArpingOutput('iputils', 'dad', arpingCase('iputils', 'dad-taken'));
    expect(result.replies).toEqual([
      {
        ip: '192.0.2.50',
        mac: A_MAC,
        line: expect.stringMatching(
          /^Unicast reply from 192\.0\.2\.50 \[02:00:00:00:01:0A\] +[\d.]+ms$/,
        ),
      },
    ]);
  });
});

describe('failures, sorted by what the person can do', () => {
  it.each([
    ['iputils', 'no-privilege', 'dad', 'no-privilege', /socket: Operation not permitted/],
    ['habets', 'no-privilege', 'dad', 'no-privilege', /CAP_NET_RAW required/],
    ['iputils', 'no-device', 'ping', 'no-device', /Device nosuch0 not available/],
    ['habets', 'no-device', 'ping', 'no-device', /No such device/],
    ['iputils', 'source-not-local', 'ping', 'source-not-local', /Cannot assign requested/],
    ['iputils', 'help', 'ping', 'bad-usage', /invalid option/],
  ] as const)('%s %s', (flavour, name, kind, failureKind, message) => {
    const result = parseArpingOutput(flavour, kind, arpingCase(flavour, name));
    expect(result.failure?.kind).toBe(failureKind);
    expect(result.failure?.message).toMatch(message);
    expect(result.answered).toBe(false);
  });

  it('says so when arping was stopped (cancelled or timed out)', () => {
    const result = parseArpingOutput('iputils', 'dad', {
      ...arpingCase('iputils', 'dad-free'),
      exitCode: null,
      stdout: '',
    });
    expect(result.failure).toEqual({
      kind: 'other',
      message: 'arping was stopped before it finished',
    });
  });

  it('an iputils announce that exits 1 did not finish its work', () => {
    const run = arpingCase('iputils', 'announce-request');
    const result = parseArpingOutput('iputils', 'announce', { ...run, exitCode: 1 });
    expect(result.failure).not.toBeNull();
  });

  it('warns when the exit code and the printed replies disagree, and believes the replies', () => {
    const run = arpingCase('iputils', 'dad-taken');
    const result = parseArpingOutput('iputils', 'dad', { ...run, exitCode: 0 });
    expect(result.answered).toBe(true);
    expect(result.warnings.map((w) => w.message)).toEqual([
      'exit 0 disagrees with 1 printed replies',
    ]);
  });
});
