import { describe, expect, it } from 'vitest';
import { TWO_UPLINKS_LOOSE, TWO_UPLINKS_STRICT, labHost } from '../../../test/doctor/load.js';
import { pathQuestion } from '../../net/path-question.js';
import { rpFilterPathRule } from './rp-filter-path.js';

describe('rp-filter-drop (path)', () => {
  it('a source on the strict interface, the route out of the other: the answers are dropped', () => {
    const host = labHost(TWO_UPLINKS_STRICT);
    const [f] = rpFilterPathRule.run({
      host,
      path: pathQuestion(host, '198.18.0.7', '203.0.113.5'),
    });
    expect(f?.title).toBe(
      'answers from 198.18.0.7 to 203.0.113.5 come in on eth1, where strict rp_filter drops them',
    );
  });

  it('quiet for the kernel-chosen source, and in loose mode', () => {
    const strict = labHost(TWO_UPLINKS_STRICT);
    expect(
      rpFilterPathRule.run({ host: strict, path: pathQuestion(strict, '198.18.0.7') }),
    ).toEqual([]);
    const loose = labHost(TWO_UPLINKS_LOOSE);
    expect(
      rpFilterPathRule.run({ host: loose, path: pathQuestion(loose, '198.18.0.7', '203.0.113.5') }),
    ).toEqual([]);
  });
});
