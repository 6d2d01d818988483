/** A question line on the screen: one row, the prompt, the text and its cursor, the keys. */
import { Text } from 'ink';
import { toneProps, useTheme } from '../theme.js';
import type { QuestionLine } from './line.js';
import { promptLine } from './view.js';

export function QuestionLineView({
  prompt,
  line,
  keys,
  columns,
}: {
  readonly prompt: string;
  readonly line: QuestionLine;
  readonly keys: string;
  readonly columns: number;
}) {
  const theme = useTheme();
  return (
    <Text wrap="truncate-end" {...toneProps('heading', theme)}>
      {promptLine(prompt, line, keys, columns)}
    </Text>
  );
}
