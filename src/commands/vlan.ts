/**
 * `netdoctor vlan [IF]`: every VLAN of this host (or a snapshot) as a tree under its
 * parent, bridges as switches, and the VLAN findings. `--make PARENT ID [ADDR/LEN]` shows
 * the commands and files that make one; it runs nothing. `--rates` reads the counters twice,
 * one second apart (live only): the default report reads once, so it stays instant.
 */
import type { Command } from 'commander';
import { readProblemLines, readProblems, readProblemsSections } from '../report/read-problems.js';
import { jsonDocument } from '../report/json-document.js';
import { documentText } from '../report/document.js';
import { vlanPlanSections, vlanSections } from '../report/vlan.js';
import { diagnose } from '../diagnose/diagnose.js';
import { hasErrors } from '../diagnose/finding.js';
import {
  flattenVlans,
  switchViews,
  vlanRates,
  vlanTree,
  type VlanParent,
  type VlanRates,
} from '../net/vlan.js';
import { checkVlanRequest, vlanPlan } from '../net/vlan-make.js';
import type { HostState } from '../state/host-state.js';
import { EXIT_OK, EXIT_PROBLEMS } from '../exit-codes.js';
import { hostSource } from './host-source.js';
import { toJson, UsageError, type CliIo } from './context.js';

export interface VlanOptions {
  readonly snapshot?: string;
  readonly json?: boolean;
  readonly rates?: boolean;
  readonly make?: string[];
}

/** Waits between the two reads of --rates; a parameter so tests never sleep. */
export type Wait = (ms: number) => Promise<void>;
const realWait: Wait = (ms) => new Promise((r) => setTimeout(r, ms));

/** The tree cut to one interface: a parent with its VLANs, or the branch holding a VLAN. */
function only(tree: VlanParent[], name: string): VlanParent[] {
  const parent = tree.filter((p) => p.name === name);
  if (parent.length) return parent;
  return tree
    .map((p) => ({
      ...p,
      vlans: p.vlans.filter((v) =>
        flattenVlans([{ ...p, vlans: [v] }]).some((n) => n.name === name),
      ),
    }))
    .filter((p) => p.vlans.length > 0);
}

async function runMake(io: CliIo, opts: VlanOptions, args: string[]): Promise<number> {
  if (args.length < 2 || args.length > 3) {
    throw new UsageError('--make takes PARENT ID [ADDR/LEN], like: --make eth1 1234 10.0.0.2/24');
  }
  const [parent = '', idText = '', address = null] = args;
  const refusal = checkVlanRequest(parent, idText, address);
  if (refusal) throw new UsageError(refusal);
  const host = await (await hostSource(io, opts.snapshot)).load();
  if (!host.interfaces.some((i) => i.name === parent)) {
    const where = opts.snapshot ? `in ${opts.snapshot}` : 'on this host';
    // "No such interface" may only mean its source could not be read: then that is said too.
    const unread = readProblemLines(readProblems(host, 'vlan')).join('; ');
    throw new UsageError(
      `there is no interface ${parent} ${where}${unread ? ` (could not read ${unread})` : ''}`,
    );
  }
  const name = `${parent}.${idText.replace(/^0+(?=\d)/, '')}`;
  if (host.interfaces.some((i) => i.name === name)) {
    throw new UsageError(
      `${name} already exists ${opts.snapshot ? `in ${opts.snapshot}` : 'on this host'}`,
    );
  }
  const plan = vlanPlan({ parent, id: Number(idText), address });
  io.out(
    opts.json
      ? toJson(jsonDocument('vlan-make', { make: plan, warnings: readProblems(host, 'vlan') }))
      : documentText([...vlanPlanSections(plan), ...readProblemsSections(host, 'vlan')]),
  );
  return EXIT_OK;
}

export async function runVlan(
  io: CliIo,
  iface: string | undefined,
  opts: VlanOptions,
  wait: Wait = realWait,
): Promise<number> {
  if (opts.make) return runMake(io, opts, opts.make);
  if (opts.rates && opts.snapshot) {
    throw new UsageError('--rates reads the live counters twice; a snapshot holds one read');
  }
  const source = await hostSource(io, opts.snapshot);
  let host: HostState = await source.load();
  let rates: VlanRates[] = [];
  if (opts.rates) {
    const before = host;
    const t0 = Date.now();
    await wait(1000);
    host = await source.load();
    rates = vlanRates(before, host, (Date.now() - t0) / 1000);
  }
  if (iface !== undefined && !host.interfaces.some((i) => i.name === iface)) {
    throw new UsageError(
      `there is no interface ${iface} ${opts.snapshot ? `in ${opts.snapshot}` : 'on this host'}`,
    );
  }
  let tree = vlanTree(host);
  let findings = diagnose({ host, asked: ['vlan'] }, ['vlan']);
  let bridges = switchViews(host);
  if (iface !== undefined) {
    tree = only(tree, iface);
    const names = new Set([iface, ...flattenVlans(tree).map((n) => n.name)]);
    // A finding about the kernel (8021q) concerns every interface; the rest only their own.
    findings = findings.filter(
      (f) =>
        f.code === 'vlan-support-missing' ||
        names.has(f.subject) ||
        names.has(f.subject.split(':')[0] ?? ''),
    );
    bridges = bridges.filter((b) => b.bridge === iface || b.ports.some((p) => p.name === iface));
  }
  if (opts.json) {
    io.out(
      toJson(
        jsonDocument('vlan', {
          vlans: tree,
          bridges,
          support: host.vlanProc.status,
          ...(opts.rates ? { rates } : {}),
          findings,
          warnings: readProblems(host, 'vlan'),
        }),
      ),
    );
  } else {
    io.out(
      documentText([
        ...vlanSections(host, tree, findings, rates),
        ...readProblemsSections(host, 'vlan'),
      ]),
    );
  }
  return hasErrors(findings) ? EXIT_PROBLEMS : EXIT_OK;
}

export function registerVlan(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('vlan')
    .description(
      'VLAN interfaces under their parents, bridges as switches, and what is wrong (reads only)',
    )
    .argument('[IF]', 'only this interface (a parent, a VLAN or a bridge)')
    .option('--snapshot <file>', 'show the host recorded in a snapshot file')
    .option(
      '--json',
      'print JSON: {"schema": "netdoctor.vlan/1", "vlans": [...], "bridges": [...], "findings": [...], "warnings": [...]}',
    )
    .option('--rates', 'read the counters twice, 1 s apart, and show rates (live only)')
    .option(
      '--make <PARENT ID ADDR...>',
      'show the commands and files that make VLAN ID on PARENT; runs nothing',
    )
    .action(async (iface: string | undefined, opts: VlanOptions) =>
      setExit(await runVlan(io, iface, opts)),
    );
}
