import { describe, expect, it } from 'vitest';
import { commandsNeeded, main, plainOverview } from './cli.js';
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

describe('a printed Overview of this host runs without commander (start-up time)', () => {
  const io = (isTTY: boolean): CliIo => ({ out: () => {}, err: () => {}, isTTY, env: {} });

  it.each([
    [['overview'], true, {}],
    [['overview', '--plain'], true, { plain: true }],
    [['overview', '--json'], false, { json: true }],
    [['--plain'], true, { plain: true }],
    [['--json'], false, { json: true }],
    [[], false, {}],
    // Both: runOverview's own usage error, as through commander.
    [['overview', '--json', '--plain'], false, { plain: true, json: true }],
  ])('%j (terminal: %j) is the Overview with %j', (argv, tty, options) => {
    expect(plainOverview(argv, io(tty))).toEqual(options);
  });

  it.each([
    [[], true], // the TUI
    [['overview', '--snapshot', 'f.json'], false],
    [['--snapshot', 'f.json'], false],
    [['overview', '--ssh', 'r1'], false],
    [['overview', '--help'], false],
    [['--plain', 'overview'], false],
    [['overview', 'x'], false],
    [['scan'], false],
    [['--version'], false],
  ])('%j (terminal: %j) goes through commander', (argv, tty) => {
    expect(plainOverview(argv, io(tty))).toBeNull();
  });

  it('says a usage error as commander did', async () => {
    let err = '';
    const both: CliIo = { ...io(false), err: (t) => (err += t) };
    expect(await main(['overview', '--json', '--plain'], both)).toBe(2);
    expect(err).toBe('netdoctor: --json and --plain: pick one\n');
  });
});
