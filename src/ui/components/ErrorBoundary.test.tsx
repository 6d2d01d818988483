import { afterEach, describe, expect, it } from 'vitest';
import { Text } from 'ink';
import { ErrorBoundary } from './ErrorBoundary.js';
import { renderTui, type Tui } from '../../../test/helpers/ui.js';

function Broken(): never {
  throw new Error('cannot draw this\nat Broken (stack)');
}

let tui: Tui | undefined;
afterEach(() => tui?.unmount());

describe('ErrorBoundary', () => {
  it('turns a panel that throws into one line, without a stack', async () => {
    tui = renderTui(
      <ErrorBoundary resetKey="a">
        <Broken />
      </ErrorBoundary>,
    );
    const frame = await tui.waitForContent('This panel failed');
    expect(frame).toContain('This panel failed: cannot draw this. Press 1 for the Overview or q');
    expect(frame).not.toContain('at Broken');
  });

  it('draws its children when they do not throw', async () => {
    tui = renderTui(
      <ErrorBoundary resetKey="a">
        <Text>fine</Text>
      </ErrorBoundary>,
    );
    expect(await tui.waitForContent('fine')).toBe('fine');
  });
});
