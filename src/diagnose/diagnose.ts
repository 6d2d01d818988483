/** Runs the registered rules over a context: the one way any part of netdoctor concludes. */
import { bySeverity, type Finding } from './finding.js';
import type { DiagnoseContext, Rule, Topic } from './rule.js';
import { RULES } from './rules/index.js';

/** Every finding the rules of these topics (all when absent) draw from the context, errors first. */
export function diagnose(
  ctx: DiagnoseContext,
  topics?: readonly Topic[],
  rules: readonly Rule[] = RULES,
): Finding[] {
  const chosen = topics ? rules.filter((r) => topics.includes(r.topic)) : rules;
  const first = chosen.filter((r) => !r.last).flatMap((r) => r.run(ctx, []));
  const after = chosen.filter((r) => r.last).flatMap((r) => r.run(ctx, first));
  return bySeverity([...first, ...after]);
}

/**
 * What the Doctor runs (the command and the panel alike): everything the Overview shows of
 * the host (VLANs included), and the path when there is one. What it `asked` about is the
 * host and the path: a VLAN rule that speaks only when VLANs are asked about stays quiet.
 */
export function doctorTopics(withPath: boolean): { run: Topic[]; asked: Topic[] } {
  return withPath
    ? { run: ['host', 'vlan', 'l2', 'path'], asked: ['host', 'path'] }
    : { run: ['host', 'vlan', 'l2'], asked: ['host'] };
}
