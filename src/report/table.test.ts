import { describe, expect, it } from 'vitest';
import { tableLines } from './table.js';
import { columnsOf } from '../text/width.js';

describe('tableLines', () => {
  it('aligns columns of CJK and emoji text by terminal columns', () => {
    const lines = tableLines(
      ['NAME', 'ADDRESS'],
      [
        ['東京オフィス', '192.0.2.1'],
        ['pi😀', '192.0.2.2'],
        ['plain', '192.0.2.3'],
      ],
    );
    const at = lines.map((l) =>
      columnsOf(l.slice(0, l.indexOf(l.includes('192') ? '192' : 'ADDRESS'))),
    );
    expect(new Set(at)).toEqual(new Set([13]));
  });

  it('cuts a capped column between wide characters, with an ellipsis', () => {
    const [, row] = tableLines(['NAME', 'IP'], [['東京オフィス本社', '192.0.2.1']], [7]);
    expect(row).toBe('東京オ… 192.0.2.1');
  });
});
