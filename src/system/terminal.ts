/**
 * Asking the person a yes/no question on the terminal (stdin), with the question on stderr
 * so that stdout stays clean for --json. Only asked when stdin is a terminal.
 */
import { createInterface } from 'node:readline';

/** True only for an explicit y/yes; anything else, end of input or Ctrl-C is no. */
export function askYesNo(question: string): Promise<boolean> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr });
    let answered = false;
    rl.on('SIGINT', () => {
      process.stderr.write('\n');
      rl.close();
    });
    rl.on('close', () => {
      if (!answered) resolve(false);
    });
    rl.question(question, (answer) => {
      answered = true;
      resolve(/^\s*y(es)?\s*$/i.test(answer));
      rl.close();
    });
  });
}

/** Calls `onInterrupt` on the first Ctrl-C (SIGINT) until the returned function is called. */
export function onInterrupt(onInterrupt: () => void): () => void {
  process.once('SIGINT', onInterrupt);
  return () => {
    process.off('SIGINT', onInterrupt);
  };
}
