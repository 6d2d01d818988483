/**
 * The keys, drawn from the keymap table itself: this panel's keys first, then the global
 * ones, scrolled like any document when they do not fit. A global key that the panel
 * rebinds is left out of the global list, since on this panel it does the panel's thing.
 */
import type { KeyBinding } from '../keymap.js';
import type { AnyPanel } from '../panel-module.js';
import { line, type Line } from '../../report/document.js';
import { DocumentView } from './DocumentView.js';
import { LINE_KEYS } from '../question/line.js';

/** The panels' number keys on one line: one space apart when two would pass 80 columns. */
const numberKeys = (keys: readonly string[]) =>
  keys.join('  ').length + 2 <= 80 ? keys.join('  ') : keys.join(' ');

const row = (keys: string, help: string) => line(`  ${keys.padEnd(15)} ${help}`);
const entry = (b: KeyBinding) => row(b.keys.join(', '), b.help);

export function helpLines(
  panelId: string,
  keymap: readonly KeyBinding[],
  panels: readonly AnyPanel[],
): Line[] {
  const panel = panels.find((p) => p.id === panelId);
  const own = keymap.filter((b) => b.panel === panelId);
  const rebound = new Set(own.flatMap((b) => b.keys));
  const global = keymap
    .filter((b) => b.panel === undefined)
    .map((b) => ({ ...b, keys: b.keys.filter((k) => !rebound.has(k)) }))
    .filter((b) => b.keys.length > 0);
  const isNumber = (b: KeyBinding) => b.keys.every((k) => /^\d$/.test(k));
  return [
    ...(panel ? [line(`${panel.title}: ${panel.summary}`, 'dim')] : []),
    ...(own.length
      ? [line(`Keys on ${panel?.title ?? panelId}`, 'heading'), ...own.map(entry), line('')]
      : []),
    ...(panel?.question
      ? [line('On its question line', 'heading'), ...LINE_KEYS.map(([k, h]) => row(k, h)), line('')]
      : []),
    line('Keys everywhere', 'heading'),
    ...global.filter((b) => !isNumber(b)).map(entry),
    line(`  ${numberKeys(global.filter(isNumber).map((b) => `${b.keys[0]} ${b.help}`))}`),
    line('Press ? or Esc to close.', 'dim'),
  ];
}

export function HelpOverlay({
  panel,
  rows,
  columns,
  scroll,
  keymap,
  panels,
}: {
  readonly panel: string;
  readonly keymap: readonly KeyBinding[];
  readonly panels: readonly AnyPanel[];
  readonly rows: number;
  readonly columns: number;
  readonly scroll: number;
}) {
  return (
    <DocumentView
      lines={helpLines(panel, keymap, panels)}
      scroll={scroll}
      rows={rows}
      columns={columns}
    />
  );
}
