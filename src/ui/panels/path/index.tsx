/**
 * Path: a packet from SRC to DEST and its answer back across many hosts (`netdoctor path
 * SRC DEST --snapshots DIR --tui`): the hosts and their state, both walks hop by hop, the
 * findings on the host each is about. Up/Down select a hop, Enter opens that box's
 * decision, Esc goes back. Reads only: the walk is worked out from the hosts' state.
 */
import { DocumentView } from '../../components/DocumentView.js';
import { definePanel, type PanelKey, type PanelProps } from '../../panel-module.js';
import type { AppStart } from '../../panel-module.js';
import type { PathHost } from '../../../path/types.js';
import type { PathEnds } from '../../../diagnose/path-answer.js';
import { initialPathView, pathReducer, type PathAction, type PathView } from './state.js';
import { pathLines } from './view.js';

type Props = PanelProps<PathView, PathAction>;

function PathPanel({ slice, app, rows, scroll }: Props) {
  return (
    <DocumentView lines={pathLines(slice)} scroll={scroll} rows={rows} columns={app.size.columns} />
  );
}

const KEYS: readonly PanelKey<PathView, PathAction>[] = [
  { keys: ['up'], help: 'select the hop above', does: { type: 'move', by: -1 } },
  { keys: ['down'], help: 'select the hop below', does: { type: 'move', by: 1 } },
  { keys: ['enter'], help: "open the selected hop's box and its decision", does: { type: 'open' } },
  { keys: ['escape'], help: 'back to the walks', does: { type: 'close' } },
];

export const pathPanel = definePanel<PathView, PathAction>({
  id: 'path',
  title: 'Path',
  summary: 'a packet and its answer across many hosts, box by box, from their state',
  keys: KEYS,
  initial: initialPathView,
  reduce: pathReducer,
  Component: PathPanel,
});

/** What `netdoctor path … --tui` opens the app with: this panel, the question answered. */
export function pathStart(
  hosts: readonly PathHost[],
  src: string,
  dst: string,
  ends: PathEnds = {},
): AppStart {
  const action: PathAction = { type: 'loaded', hosts, src, dst, ends };
  return { panel: 'path', action };
}
