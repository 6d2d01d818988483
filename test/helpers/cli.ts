/** Runs the CLI in-process, as a person would type it, with its output captured. */
import { main } from '../../src/cli.js';
import type { CliIo } from '../../src/commands/context.js';

export interface CliRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

export async function runCli(...argv: string[]): Promise<CliRun> {
  let out = '';
  let err = '';
  const io: CliIo = { out: (t) => (out += t), err: (t) => (err += t), isTTY: false, env: {} };
  const code = await main(argv, io);
  return { code, out, err };
}
