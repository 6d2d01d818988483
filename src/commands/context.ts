/** What a command needs from the outside: where to write, and whether that is a terminal. */
export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** stdout is a terminal: draw the TUI rather than print. */
  readonly isTTY: boolean;
  readonly env: NodeJS.ProcessEnv;
}

/** A mistake in what the person typed: printed as one line, exit 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** JSON for --json output: stable key order as built, two-space indent, trailing newline. */
export function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
