/**
 * A mistake in what the person typed: printed as one line, exit 2. Below every layer, so a
 * probe or a parser of requests can say what is wrong without knowing about the CLI.
 */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
