/** Follows the terminal's size; a fixed size (tests) turns the following off. */
import { useEffect, type Dispatch } from 'react';
import { useStdout } from 'ink';
import type { Action } from './actions.js';
import type { TerminalSize } from './state.js';

export function sizeOf(
  stdout: NodeJS.WriteStream | { columns?: number; rows?: number },
): TerminalSize {
  return { columns: stdout.columns || 80, rows: stdout.rows || 24 };
}

export function useTerminalSize(dispatch: Dispatch<Action>, fixed: boolean): void {
  const { stdout } = useStdout();
  useEffect(() => {
    if (fixed) return;
    const onResize = () => dispatch({ type: 'resize', size: sizeOf(stdout) });
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout, dispatch, fixed]);
}
