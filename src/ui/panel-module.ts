/**
 * The shape of a panel: one folder under panels/ exports one PanelModule (id, title, keys,
 * its state slice with initial value and reducer, its component, its help). The app's state,
 * keymap, reducer and tab bar are built from the list in panels/all.ts (the tabs from
 * panels/index.ts), so adding a panel is its folder plus a line in each. Nothing here imports a panel: panels import this.
 */
import type { ReactElement } from 'react';
import type { HostState } from '../state/host-state.js';
import type { JobStore } from './jobs.js';
import type { HandOverResult, UiPorts } from './ports.js';
import type { QuestionLine } from './question/line.js';

import type { HostOrigin } from '../state/origin.js';

export type { HostOrigin } from '../state/origin.js';

export interface TerminalSize {
  readonly columns: number;
  readonly rows: number;
}

/** What every panel may read of the app. */
export interface AppView {
  readonly host: HostState | null;
  readonly origin: HostOrigin;
  readonly loading: boolean;
  /** The last load error, one line. */
  readonly error: string | null;
  readonly size: TerminalSize;
}

export interface PanelAction {
  readonly type: string;
}

/** What a key's effect may use: the world is reached only through jobs and ports. */
export interface PanelEffects<S, A extends PanelAction> {
  readonly app: AppView;
  readonly slice: S;
  /** The panel's scroll position (the global keys move it). */
  readonly scroll: number;
  readonly dispatch: (action: A) => void;
  readonly jobs: JobStore;
  readonly ports: UiPorts;
  /** Gives the terminal to argv (ssh) until it exits, and takes it back. */
  readonly handOver: (argv: readonly string[]) => HandOverResult;
}

export interface PanelEffect<S, A extends PanelAction> {
  readonly effect: (fx: PanelEffects<S, A>) => void;
}

/**
 * The panel's question line (src/ui/question/line.ts): while it is open the App gives it
 * every key but Ctrl-C, and the panel only says what an edit, Enter and Esc mean to it.
 */
export interface PanelQuestion<S, A extends PanelAction> {
  /** The line as the slice keeps it. */
  readonly line: (slice: S) => QuestionLine;
  /** The action that puts an edited line into the slice. */
  readonly edited: (line: QuestionLine) => A;
  /** Enter: what the panel does with the question (the edited line is in the slice already). */
  readonly submit: (fx: PanelEffects<S, A>, text: string) => void;
  /** Esc (the line has closed itself): anything else the panel undoes. */
  readonly cancelled?: A;
}

/** A key of the panel: it changes the slice (an action) or reaches out (an effect). */
export interface PanelKey<S, A extends PanelAction> {
  /** Key names as the key reader spells them (src/ui/input/keys.ts). */
  readonly keys: readonly string[];
  readonly help: string;
  readonly does: A | PanelEffect<S, A>;
}

export interface PanelProps<S, A extends PanelAction> {
  readonly slice: S;
  readonly dispatch: (action: A) => void;
  readonly app: AppView;
  /** Rows available to the panel's body. */
  readonly rows: number;
  /** First visible line, for panels that show a document (the global j/k/PgDn keys move it). */
  readonly scroll: number;
  readonly jobs: JobStore;
  readonly ports: UiPorts;
}

export interface PanelModule<S, A extends PanelAction> {
  /** Stable, lower case: `discover`. */
  readonly id: string;
  readonly title: string;
  /** One line on what the panel is for, at the top of its help. */
  readonly summary: string;
  readonly keys: readonly PanelKey<S, A>[];
  readonly initial: S;
  /** Pure. */
  readonly reduce: (slice: S, action: A, app: AppView) => S;
  readonly Component: (props: PanelProps<S, A>) => ReactElement;
  /** The question line, if the panel asks one; its keys are text while it is open. */
  readonly question?: PanelQuestion<S, A>;
  /** While true the panel's own component takes the keys (a chooser), not the keymap. */
  readonly capturesKeys?: (slice: S) => boolean;
}

/** What the tab bar and the number keys know of a panel before its code has loaded. */
export interface PanelTab {
  readonly id: string;
  readonly title: string;
}

/** A panel with its types erased, as the app holds them in one list. */
export type AnyPanel = PanelModule<unknown, PanelAction>;

export function definePanel<S, A extends PanelAction>(panel: PanelModule<S, A>): AnyPanel {
  return panel as unknown as AnyPanel;
}

export function isEffect<S, A extends PanelAction>(
  does: A | PanelEffect<S, A>,
): does is PanelEffect<S, A> {
  return 'effect' in does;
}

/**
 * Where the app opens when not on the first panel: `netdoctor --plan FILE` opens Plan. Here,
 * not in state.ts, so a panel names it without importing the store that lists the panels.
 */
export interface AppStart {
  readonly panel: string;
  /** Given to that panel's reducer first (the plan to show). */
  readonly action?: PanelAction;
}
