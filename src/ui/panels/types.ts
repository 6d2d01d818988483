import type { Dispatch } from 'react';
import type { Action } from '../actions.js';
import type { AppState } from '../state.js';

/** What every panel gets: the state to render, its rows, and a way to ask for things. */
export interface PanelProps {
  readonly state: AppState;
  readonly dispatch: Dispatch<Action>;
  /** Rows available to the panel's body. */
  readonly rows: number;
}
