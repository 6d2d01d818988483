import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { runAll, runAllScript } from './run-all.js';
import { runCommand, type CommandOutput } from './run.js';

const dir = mkdtempSync(path.join(tmpdir(), 'netdoctor-run-all-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const withoutTime = ({ durationMs: _, ...rest }: CommandOutput) => rest;

/** Running: present and not a zombie (a container's init may never reap an orphan). */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

describe('runAll', () => {
  it('records each command exactly as runCommand does, words passed as they are', async () => {
    const canary = path.join(dir, 'canary');
    const argvs = [
      ['sh', '-c', 'printf "a\\n"; printf "b\\n" >&2; exit 3'],
      ['printf', '%s|', `$(touch ${canary})`, `\`touch ${canary}\``, "it's", 'a b', '*', '"$1"'],
      ['netdoctor-no-such-tool'],
      ['sh', '-c', 'echo $LC_ALL; i=0; while [ $i -lt 3000 ]; do printf é; i=$((i+1)); done'],
      ['true'],
    ];
    const together = await runAll(argvs, { timeoutMs: 5000 });
    const alone = await Promise.all(argvs.map((argv) => runCommand(argv, { timeoutMs: 5000 })));
    expect(together.map(withoutTime)).toEqual(alone.map(withoutTime));
    expect(together[1]?.stdout).toBe(`$(touch ${canary})|\`touch ${canary}\`|it's|a b|*|"$1"|`);
    expect(existsSync(canary)).toBe(false);
    expect(together[2]).toMatchObject({ error: 'not-installed', resolved: null });
  });

  it('ends every command past its time, the ones still running as timeouts, the rest kept', async () => {
    const pidFile = path.join(dir, 'pid');
    const started = Date.now();
    const [slow, quick] = await runAll(
      [
        ['sh', '-c', `echo $$ > ${pidFile}; echo partial; exec sleep 30`],
        ['echo', 'done'],
      ],
      { timeoutMs: 300 },
    );
    expect(Date.now() - started).toBeLessThan(3000);
    expect(slow).toMatchObject({ exitCode: null, error: 'timeout', stdout: 'partial\n' });
    expect(quick).toMatchObject({ exitCode: 0, stdout: 'done\n' });
    // The sleep itself is gone, not only the sh that started it.
    const pid = Number(readFileSync(pidFile, 'utf8'));
    for (let i = 0; i < 50 && alive(pid); i++) await delay(20);
    expect(alive(pid)).toBe(false);
  });

  it('stops when its signal aborts, and says so', async () => {
    const ac = new AbortController();
    const running = runAll(
      [
        ['sleep', '30'],
        ['sleep', '31'],
      ],
      { timeoutMs: 5000, signal: ac.signal },
    );
    setTimeout(() => ac.abort(), 50);
    const outs = await running;
    expect(outs.map((o) => o.error)).toEqual(['cancelled', 'cancelled']);
  });

  it("runs each of a batch's reads alone when the batch fails, as each one alone records it", async () => {
    // ip -batch stops at the failed read and says so once: the records come from each run.
    const argvs = [
      ['ip', '-j', 'neigh', 'show', 'dev', 'nosuchdev0'],
      ['ip', '-j', 'addr', 'show', 'dev', 'lo'],
      ['sh', '-c', 'exit 3'],
    ];
    const outs = await runAll(argvs, { timeoutMs: 5000 });
    const alone = await Promise.all(argvs.map((argv) => runCommand(argv, { timeoutMs: 5000 })));
    expect(outs.map(withoutTime)).toEqual(alone.map(withoutTime));
    expect(outs[0]).toMatchObject({ exitCode: 1, stderr: 'Cannot find device "nosuchdev0"\n' });
    expect(outs[1]).toMatchObject({ exitCode: 0, stderr: '' });
  });

  it('gives each read of a batch that ran whole what it prints alone', async () => {
    const argvs = [
      ['ip', '-j', 'addr', 'show', 'dev', 'lo'],
      ['ip', '-j', 'link', 'show', 'dev', 'lo'],
    ];
    const outs = await runAll(argvs, { timeoutMs: 5000 });
    const alone = await Promise.all(argvs.map((argv) => runCommand(argv, { timeoutMs: 5000 })));
    expect(outs.map(withoutTime)).toEqual(alone.map(withoutTime));
  });

  it('holds no word of any argv in its script: they reach the jobs as arguments', () => {
    expect(runAllScript([{ words: 2 }, { words: 1, input: true }])).toBe(
      [
        'exec 3<&0 </dev/null',
        '{ read -r _ <&3; kill 0; } >/dev/null 2>&1 &',
        '{ "${2}" "${3}" >"$1/0.o" 2>"$1/0.e"; echo "0 $?"; } 3<&- & p0=$!',
        '{ "${4}" <"$1/1.i" >"$1/1.o" 2>"$1/1.e"; echo "1 $?"; } 3<&- & p1=$!',
        'wait "$p0" "$p1"',
        '',
      ].join('\n'),
    );
  });

  it('leaves no job behind when netdoctor dies (the guard ends them)', async () => {
    const pidFile = path.join(dir, 'orphan');
    const driver = [
      `import { runAll } from ${JSON.stringify(new URL('./run-all.ts', import.meta.url).pathname)};`,
      `runAll([['sh', '-c', 'echo $$ > ${pidFile}; exec sleep 30'], ['sleep', '31']], { timeoutMs: 60000 });`,
    ].join('\n');
    // Its temp dir in ours: a netdoctor killed with SIGKILL cannot remove its own.
    const node = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', driver], {
      stdio: 'ignore',
      env: { ...process.env, TMPDIR: dir },
    });
    for (let i = 0; i < 200 && !existsSync(pidFile); i++) await delay(25);
    const pid = Number(readFileSync(pidFile, 'utf8'));
    expect(alive(pid)).toBe(true);
    node.kill('SIGKILL');
    for (let i = 0; i < 100 && alive(pid); i++) await delay(20);
    expect(alive(pid)).toBe(false);
  });
});
