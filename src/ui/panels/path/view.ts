/**
 * What the Path panel shows, as lines: the hosts and their state, both walks with the
 * selected hop marked, the findings; or, opened, the selected hop's box and its decision in
 * the Route panel's words (report/route.ts).
 */
import { documentLines, line, type Line } from '../../../report/document.js';
import { findingsSection } from '../../../report/findings.js';
import { hopLine, hostsSection, walkTitle } from '../../../report/path.js';
import { routeSections } from '../../../report/route.js';
import type { Walk } from '../../../path/types.js';
import { allHops, type PathView } from './state.js';

const TONE = { ok: 'good', failed: 'bad', unknown: 'warn' } as const;

export function emptyLines(): Line[] {
  return [
    line('No path question yet.', 'heading'),
    line(''),
    line('Open it from the command line, with the hosts it crosses:'),
    line('  netdoctor path SRC DEST --snapshots DIR --tui'),
    line('SRC and DEST are addresses, or the names of hosts given (file names without .json).'),
  ];
}

function walkLines(w: Walk, first: number, selected: number): Line[] {
  return [
    line(walkTitle(w), 'heading'),
    ...w.hops.map((h, i) =>
      line(
        `${first + i === selected ? '>' : ' '}${hopLine(h, i)}`,
        first + i === selected ? 'warn' : 'normal',
      ),
    ),
    line(`    ${w.words}`, TONE[w.verdict]),
  ];
}

export function pathLines(v: PathView): Line[] {
  const a = v.answer;
  if (!a) return emptyLines();
  const hops = allHops(a);
  const hop = hops[v.selected];
  if (v.open && hop) {
    const state = v.hosts[hop.hostIndex]?.state;
    const fw = hop.firewall
      ? [
          line(
            `firewall, ${hop.firewall.hook} hook: ${hop.firewall.verdict.verdict}${hop.firewall.verdict.verdict === 'accept' ? '' : ` (${hop.firewall.verdict.by.rule?.text ?? `${hop.firewall.verdict.by.chain.name} policy`})`}`,
          ),
        ]
      : [];
    return [
      line(
        `${hop.host}${hop.iif ? `, in ${hop.iif}` : ''}: its decision (Esc goes back)`,
        'heading',
      ),
      ...fw,
      line(''),
      ...(state ? documentLines(routeSections(state, hop.decision, [], null)) : []),
    ];
  }
  return [
    ...documentLines([hostsSection(v.hosts)]),
    line(''),
    ...walkLines(a.forward, 0, v.selected),
    line(''),
    ...walkLines(a.back, a.forward.hops.length, v.selected),
    line(''),
    ...documentLines([findingsSection(a.findings)]),
  ];
}
