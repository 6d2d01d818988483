/**
 * Every key, in order, to one handler: the App's. Ink's useInput hands a run of plain bytes
 * ("23", "8.8.8.8\r", thirty DELs) to its handler as one key, and a handler that changed the
 * state sees the old state for the rest of the run; so the App listens to what Ink's stdin
 * emits (Ink still reads stdin, keeps raw mode and holds a lone ESC) and splits it itself.
 */
import { useEffect, useRef } from 'react';
import { useStdin } from 'ink';
import { KeyReader, type KeyPress } from './keys.js';

export function useKeys(onKey: (key: KeyPress) => void): void {
  const { internal_eventEmitter: events, setRawMode, isRawModeSupported } = useStdin();
  const handler = useRef(onKey);
  handler.current = onKey;
  useEffect(() => {
    if (!isRawModeSupported) return;
    setRawMode(true);
    return () => setRawMode(false);
  }, [isRawModeSupported, setRawMode]);
  useEffect(() => {
    const reader = new KeyReader();
    const onInput = (data: string) => {
      for (const key of reader.read(data)) handler.current(key);
    };
    events.on('input', onInput);
    return () => {
      events.off('input', onInput);
    };
  }, [events]);
}
