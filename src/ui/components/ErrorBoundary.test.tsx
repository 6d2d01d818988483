// Drawn with ink-testing-library: the boundary does not depend on the terminal's size, so
// the library's fixed-width stdout serves (the shell's frame tests use test/helpers/ui.ts).
import { afterEach, describe, expect, it } from 'vitest';
import { Text } from 'ink';
import { cleanup, render } from 'ink-testing-library';
import { ErrorBoundary } from './ErrorBoundary.js';

function Broken(): never {
  throw new Error('cannot draw this\nat Broken (stack)');
}

afterEach(() => cleanup());

describe('ErrorBoundary', () => {
  it('turns a panel that throws into one line, without a stack', () => {
    const { lastFrame } = render(
      <ErrorBoundary resetKey="a">
        <Broken />
      </ErrorBoundary>,
    );
    const frame = lastFrame() ?? '';
    expect(frame).toContain('This panel failed: cannot draw this. Press 1 for the Overview or q');
    expect(frame).not.toContain('at Broken');
  });

  it('draws its children when they do not throw', () => {
    const { lastFrame } = render(
      <ErrorBoundary resetKey="a">
        <Text>fine</Text>
      </ErrorBoundary>,
    );
    expect(lastFrame()).toBe('fine');
  });
});
