/**
 * Reading `netdoctor doctor --json` in a lab: run it in a namespace, pick a finding by code,
 * pick a fix line, and apply it as argv (never through a shell). Shared by the doctor's lab
 * tests.
 */
import type { Lab } from './lab.js';
import { fixArgv, netdoctor } from './doctor-lab.js';
import type { Finding } from '../../src/diagnose/finding.js';

export interface DoctorJson {
  readonly findings: Finding[];
  readonly role: { readonly vpnClient: boolean; readonly gatewayOf: { readonly cidr: string }[] };
  readonly probes: {
    readonly outcomes: { kind: string; answered: boolean; error: string | null }[];
  } | null;
}

export function doctor(
  lab: Lab,
  ns: string,
  args: readonly string[],
): { code: number | null; json: DoctorJson } {
  const r = netdoctor(lab, ns, ['doctor', '--json', ...args]);
  if (r.status === 2) throw new Error(`doctor failed: ${r.stderr}`);
  return { code: r.status, json: JSON.parse(r.stdout) as DoctorJson };
}

/**
 * The codes raised. (The doctor runs the VLAN rules too, but asks about the host and the
 * path: this kernel's missing 8021q is said only where VLANs are asked about or named.)
 */
export const codes = (j: DoctorJson) => j.findings.map((f) => f.code);

export function finding(j: DoctorJson, code: string): Finding {
  const f = j.findings.find((x) => x.code === code);
  if (!f) throw new Error(`no ${code} in ${JSON.stringify(codes(j))}`);
  return f;
}

/** The fix line that starts with `prefix`, after the comment `after` (when given). */
export function fixLine(f: Finding, prefix: string, after?: RegExp): string {
  const start = after ? f.fix.findIndex((l) => after.test(l)) : 0;
  const found = f.fix.slice(Math.max(start, 0)).find((l) => l.startsWith(prefix));
  if (!found) throw new Error(`no "${prefix}" fix in ${JSON.stringify(f.fix)}`);
  return found;
}

export function apply(lab: Lab, ns: string, line: string): void {
  const r = lab.exec(ns, fixArgv(line));
  if (r.status !== 0) throw new Error(`${line}: ${r.stderr}`);
}
