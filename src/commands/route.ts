/**
 * `netdoctor route DEST [--from SRC] [--iif IF] [--mark N] [--snapshot FILE] [--json]`:
 * where the kernel sends a packet to DEST, in words, from the rules and tables alone (works
 * on a snapshot too). Live, it also asks the kernel (`ip -j -d route get`, no packet sent)
 * and says so if the two disagree. Exit 0 the path stands, 1 an error-level finding stands,
 * 2 bad input.
 */
import type { Command } from 'commander';
import { EXIT_OK, EXIT_PROBLEMS } from '../exit-codes.js';
import { readProblems, readProblemsSections } from '../report/read-problems.js';
import { jsonDocument } from '../report/json-document.js';
import { documentText } from '../report/document.js';
import { routeJson, routeSections, type KernelView } from '../report/route.js';
import { resolveRoute } from '../net/resolve-route.js';
import { compareWithKernel } from '../net/resolve-route-kernel.js';
import type { RouteDecision, RouteQuery } from '../net/route-decision.js';
import { ipValue } from '../net/cidr.js';
import { parseIpRouteGet } from '../parse/ip-route-get.js';
import { diagnose } from '../diagnose/diagnose.js';
import { hasErrors } from '../diagnose/finding.js';
import type { HostState } from '../state/host-state.js';
import { hostSource } from './host-source.js';
import { hostOf, type Host } from '../wiring/host.js';
import { toJson, UsageError, type CliIo } from './context.js';

export interface RouteOptions {
  readonly from?: string;
  readonly iif?: string;
  readonly mark?: string;
  readonly snapshot?: string;
  readonly json?: boolean;
}

/** The question as typed, checked against the host; a mistake is a UsageError (exit 2). */
export function routeQuery(dest: string, opts: RouteOptions, host: HostState | null): RouteQuery {
  const dst = ipValue(dest);
  if (!dst) throw new UsageError(`'${dest}' is not an IP address (give an address, not a name)`);
  const q: { -readonly [K in keyof RouteQuery]: RouteQuery[K] } = { dst: dest };
  if (opts.from !== undefined) {
    const src = ipValue(opts.from);
    if (!src) throw new UsageError(`--from '${opts.from}' is not an IP address`);
    if (src.family !== dst.family) {
      throw new UsageError(`--from ${opts.from} and ${dest} are not of the same IP family`);
    }
    q.src = opts.from;
  }
  if (opts.iif !== undefined) {
    if (host && !host.interfaces.some((i) => i.name === opts.iif)) {
      const names = host.interfaces.map((i) => i.name).join(', ');
      throw new UsageError(`no interface '${opts.iif}' on this host (it has: ${names})`);
    }
    if (opts.from === undefined) {
      throw new UsageError('--iif needs --from: a packet that arrives has a source');
    }
    q.iif = opts.iif;
  }
  if (opts.mark !== undefined) {
    const m = opts.mark.trim();
    if (!/^(0x[0-9a-f]{1,8}|\d{1,10})$/i.test(m) || Number(m) > 0xffffffff) {
      throw new UsageError(`--mark takes a number (0x10 or 16), not '${opts.mark}'`);
    }
    q.mark = Number(m);
  }
  return q;
}

async function askKernel(box: Host, q: RouteQuery, d: RouteDecision): Promise<KernelView> {
  const out = await box.kernelRoute(q);
  const parsed = parseIpRouteGet(out.stdout, out.stderr, out.exitCode ?? -1);
  const raw = (out.error ?? out.stderr.trim()) || out.stdout.trim();
  return {
    argv: out.argv,
    answer: parsed.answer,
    raw: raw.split('\n')[0] ?? '',
    comparison: parsed.answer ? compareWithKernel(d, parsed.answer) : null,
  };
}

export async function runRoute(io: CliIo, dest: string, opts: RouteOptions): Promise<number> {
  // Check the address before reading the host: a typo is a one-line answer at once.
  routeQuery(dest, { ...(opts.from !== undefined ? { from: opts.from } : {}) }, null);
  const source = await hostSource(io, opts.snapshot);
  const host = await source.load();
  const live = source.origin.kind === 'live';
  // Live, uidrange rules see our uid, as the kernel does for `ip route get`.
  const box = hostOf(io);
  const uid = live ? ((await box.uid()) ?? undefined) : undefined;
  const query = { ...routeQuery(dest, opts, host), ...(uid !== undefined ? { uid } : {}) };
  const decision = resolveRoute(host, query);
  const findings = diagnose({ host, path: { query, decision }, asked: ['path'] }, ['path']);
  const kernel = live ? await askKernel(box, query, decision) : null;
  io.out(
    opts.json
      ? toJson(
          jsonDocument('route', {
            ...routeJson(host, decision, findings, kernel),
            warnings: readProblems(host, 'route'),
          }),
        )
      : documentText([
          ...routeSections(host, decision, findings, kernel),
          ...readProblemsSections(host, 'route'),
        ]),
  );
  return hasErrors(findings) ? EXIT_PROBLEMS : EXIT_OK;
}

export function registerRoute(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('route')
    .description(
      'which way the kernel sends a packet to DEST, in words: rule, table, route, gateway, interface, source, neighbour (sends nothing)',
    )
    .argument('<dest>', 'the destination address (IPv4 or IPv6)')
    .option('--from <src>', 'the source address (default: the one the kernel picks)')
    .option('--iif <interface>', 'as if the packet arrived on this interface (forwarding)')
    .option('--mark <n>', 'the packet mark (fwmark), e.g. 0x10')
    .option('--snapshot <file>', 'answer for the host recorded in a snapshot file')
    .option('--json', 'print one JSON object')
    .addHelpText(
      'after',
      '\nExit codes: 0 the route stands; 1 an error finding (no route, blackhole, unreachable,\n' +
        'prohibit, output interface down, next hop not answering); 2 bad input.',
    )
    .action(async (dest: string, opts: RouteOptions) => setExit(await runRoute(io, dest, opts)));
}
