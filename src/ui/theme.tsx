/** Colours by tone, or none at all when NO_COLOR is set (https://no-color.org). */
import { createContext, useContext } from 'react';
import type { Tone } from '../report/document.js';

export interface Theme {
  readonly color: boolean;
}

export const ThemeContext = createContext<Theme>({ color: true });

export function useTheme(): Theme {
  return useContext(ThemeContext);
}

const TONE_COLORS: Readonly<Record<Tone, string | undefined>> = {
  normal: undefined,
  dim: 'gray',
  good: 'green',
  warn: 'yellow',
  bad: 'red',
  heading: 'cyan',
};

/** Props for Ink's <Text> for a tone: a colour, or bold/dim alone without colour. */
export function toneProps(
  tone: Tone,
  theme: Theme,
): { color?: string; bold?: boolean; dimColor?: boolean } {
  const bold = tone === 'heading' || tone === 'bad';
  if (!theme.color) return { bold };
  const color = TONE_COLORS[tone];
  return { ...(color ? { color } : {}), bold };
}

export function colorWanted(env: NodeJS.ProcessEnv): boolean {
  return env['NO_COLOR'] === undefined || env['NO_COLOR'] === '';
}
