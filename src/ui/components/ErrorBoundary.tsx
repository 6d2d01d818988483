/**
 * Keeps a panel's failure inside the panel: one line in words, and every key still works,
 * instead of Ink's stack-trace screen.
 */
import { Component, type ReactNode } from 'react';
import { Text } from 'ink';

interface Props {
  readonly children: ReactNode;
  /** Changing it (another panel, a new host) clears the error. */
  readonly resetKey: string;
}

interface State {
  readonly error: string | null;
  readonly resetKey: string;
}

export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error.message : String(error) };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.resetKey !== state.resetKey ? { error: null, resetKey: props.resetKey } : null;
  }

  override render() {
    if (this.state.error !== null) {
      return (
        <Text color="red" wrap="truncate-end">
          {`This panel failed: ${this.state.error.split('\n')[0]}. Press 1 for the Overview or q to quit.`}
        </Text>
      );
    }
    return this.props.children;
  }
}
