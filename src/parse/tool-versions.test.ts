import { describe, expect, it } from 'vitest';
import { arpingFlavour, parseToolVersions } from './tool-versions.js';
import { routerSnapshot } from '../../test/helpers/fixtures.js';

describe('helper tools from the version lines of the real tools (lab router snapshot)', () => {
  const tools = parseToolVersions(routerSnapshot().sources);
  const tool = (name: string) => tools.find((t) => t.name === name);

  it.each([
    ['ip', /^\d+\.\d+/],
    ['arp-scan', /^\d+\.\d+/],
    ['arping', /^\d{8}$/],
    ['mtr-packet', /^\d+\.\d+/],
    ['traceroute', /^\d+\.\d+/],
    ['tracepath', /^\d{8}$/],
    ['ping', /^\d{8}$/],
  ])('%s is present with a version', (name, version) => {
    expect(tool(name)).toMatchObject({ present: true, version: expect.stringMatching(version) });
  });

  it('tells the iputils arping apart', () => {
    expect(tool('arping')?.flavour).toBe('iputils');
  });

  it('marks a tool missing with its Debian package', () => {
    const sources = {
      ...routerSnapshot().sources,
      'arp-scan --version': {
        kind: 'command' as const,
        exitCode: null,
        stdout: '',
        stderr: '',
        error: 'not-installed',
        resolved: null,
      },
    };
    expect(parseToolVersions(sources).find((t) => t.name === 'arp-scan')).toMatchObject({
      present: false,
      debianPackage: 'arp-scan',
      version: null,
    });
  });
});

describe('arpingFlavour', () => {
  it.each([
    ['arping from iputils 20221126\n', '', 'iputils'],
    [
      '',
      'ARPing 2.23, by Thomas Habets <thomas@habets.se>\nusage: arping [ -0aAbBdDeFhpqrRuUv ]',
      'habets',
    ],
    ['arping: invalid option', 'usage: arping', 'unknown'],
  ])('%j / %j -> %s', (version, help, flavour) => {
    expect(arpingFlavour(version, help)).toBe(flavour);
  });
});
