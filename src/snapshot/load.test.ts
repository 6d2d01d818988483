import { describe, expect, it } from 'vitest';
import { parseSnapshotText } from './load.js';
import { fixture } from '../../test/helpers/fixtures.js';

describe('parseSnapshotText', () => {
  it('reads a snapshot netdoctor took in a lab namespace', () => {
    const s = parseSnapshotText(fixture('lab-router/snapshot.json'), 'snap.json');
    expect(s.host.netns).toMatch(/^ndcap\d+r$/);
    expect(s.sources['ip -j -d link show']).toMatchObject({ kind: 'command', exitCode: 0 });
  });

  it.each([
    ['not json', 'x.json is not a netdoctor snapshot: not valid JSON'],
    ['{"hello":1}', 'x.json is not a netdoctor snapshot: no "format": "netdoctor-snapshot" field'],
    [
      '{"format":"netdoctor-snapshot","formatVersion":99}',
      'x.json is snapshot format 99; this netdoctor reads up to 1: upgrade netdoctor',
    ],
    [
      '{"format":"netdoctor-snapshot","formatVersion":1,"netdoctorVersion":"0.1.0","takenAt":"t","host":{"hostname":"h","kernel":"k","uid":0},"sources":{"ip":{"kind":"pipe"}}}',
      expect.stringMatching(/^x\.json is a damaged snapshot: sources\.ip\.kind: /),
    ],
  ])('refuses %j in one line', (text, message) => {
    let thrown: unknown;
    try {
      parseSnapshotText(text, 'x.json');
    } catch (err) {
      thrown = err;
    }
    expect((thrown as Error).message).toEqual(message);
    expect((thrown as Error).message).not.toContain('\n');
  });

  it('keeps sources it does not know (a newer netdoctor may have read more)', () => {
    const s = parseSnapshotText(fixture('lab-router/snapshot.json'), 'snap.json');
    const withExtra = {
      ...s,
      sources: {
        ...s.sources,
        'ethtool -i eth0': { kind: 'command', exitCode: 0, stdout: 'driver: veth\n', stderr: '' },
      },
    };
    expect(
      parseSnapshotText(JSON.stringify(withExtra), 'x').sources['ethtool -i eth0']?.stdout,
    ).toBe('driver: veth\n');
  });
});

describe('what an editor does to a snapshot', () => {
  const text = fixture('lab-router/snapshot.json');

  it('accepts a UTF-8 byte order mark at the start', () => {
    expect(parseSnapshotText(`\uFEFF${text}`, 'bom.json').host.hostname).toBe('vm');
  });

  it('refuses a takenAt that is not a date, in one line', () => {
    const json = JSON.parse(text) as { takenAt: string };
    json.takenAt = 'not a date';
    expect(() => parseSnapshotText(JSON.stringify(json), 'x.json')).toThrow(
      'x.json is a damaged snapshot: takenAt: not a date: "not a date"',
    );
  });
});
