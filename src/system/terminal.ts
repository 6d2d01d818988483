/**
 * Asking the person a yes/no question on the terminal (stdin), with the question on stderr
 * so that stdout stays clean for --json. Only asked when stdin is a terminal.
 */
import { createInterface } from 'node:readline';

export interface AskOptions {
  readonly input?: NodeJS.ReadableStream;
  readonly output?: NodeJS.WritableStream;
  /**
   * Ctrl-C at the question: readline takes it from the terminal as a key, so it is handed to
   * the one signal trap (system/signals.ts) as the SIGINT it would have been. A test fakes it.
   */
  readonly interrupt?: () => void;
}

/** True only for an explicit y/yes; anything else, end of input or Ctrl-C is no. */
export function askYesNo(question: string, options: AskOptions = {}): Promise<boolean> {
  const output = options.output ?? process.stderr;
  const interrupt = options.interrupt ?? (() => process.kill(process.pid, 'SIGINT'));
  return new Promise((resolve) => {
    const rl = createInterface({ input: options.input ?? process.stdin, output });
    let answered = false;
    rl.on('SIGINT', () => {
      output.write('\n');
      rl.close();
      interrupt();
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
