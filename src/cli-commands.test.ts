import { describe, expect, it } from 'vitest';
import { commandsNeeded, main } from './cli.js';
import type { CliIo } from './commands/context.js';

const ALL = ['overview', 'snapshot', 'garp', 'scan', 'vlan'];
const needed = (...argv: string[]) => ALL.filter(commandsNeeded(argv));

describe('only the command argv names is loaded (start-up time)', () => {
  it.each([
    [[], []],
    [['--version'], []],
    [['-V'], []],
    [['--plain'], []],
    [['--ssh-user', 'scan'], []],
    [['--snapshot', 'vlan', '--json'], []],
    [['scan', '--pi'], ['scan']],
    [['--snapshot', 'r.json', 'vlan'], ['vlan']],
    [['scan', '--help'], ['scan']],
  ])('%j loads %j', (argv, commands) => {
    expect(needed(...argv)).toEqual(commands);
  });

  it.each([[['--help']], [['-h']], [['help']], [['frobnicate']], [['--json', 'x']]])(
    '%j loads them all (the list, the suggestion)',
    (argv) => {
      expect(needed(...argv)).toEqual(ALL);
    },
  );

  it('still lists every command in --help', async () => {
    let out = '';
    const io: CliIo = { out: (t) => (out += t), err: () => {}, isTTY: false, env: {} };
    expect(await main(['--help'], io)).toBe(0);
    for (const name of ALL) expect(out).toMatch(new RegExp(`^  ${name}\\b`, 'm'));
  });
});
