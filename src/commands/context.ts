import type { Host } from '../wiring/host.js';

/** What a command needs from the outside: where to write, and whether that is a terminal. */
export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** stdout is a terminal: draw the TUI rather than print. */
  readonly isTTY: boolean;
  /** stderr is a terminal (where --debug's lines go unless NETDOCTOR_DEBUG_FILE says). */
  readonly errIsTTY?: boolean;
  readonly env: NodeJS.ProcessEnv;
  /** The box to read and probe (src/wiring/host.ts); this machine when absent. */
  readonly host?: Host;
}

import { UsageError } from '../usage-error.js';

export { UsageError };

/** `-o ''` is a mistake (an unset variable), not a wish for standard output: refused. */
export function checkOutputName(output: string | undefined): void {
  if (output !== undefined && output.trim() === '') {
    throw new UsageError('-o needs a file name (leave -o out to print to standard output)');
  }
}

/** JSON for --json output: stable key order as built, two-space indent, trailing newline. */
export function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
