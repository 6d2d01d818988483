/** Runs the registered rules over a context: the one way any part of netdoctor concludes. */
import { bySeverity, type Finding } from './finding.js';
import type { DiagnoseContext, Rule, Topic } from './rule.js';
import { RULES } from './rules/index.js';

/** What each rule drew from the context, with the rule: the findings test checks each code is declared. */
export function diagnoseByRule(
  ctx: DiagnoseContext,
  topics?: readonly Topic[],
  rules: readonly Rule[] = RULES,
): { rule: Rule; findings: readonly Finding[] }[] {
  const chosen = topics ? rules.filter((r) => topics.includes(r.topic)) : rules;
  const first = chosen
    .filter((r) => !r.last)
    .map((rule) => ({ rule, findings: rule.run(ctx, []) }));
  const earlier = first.flatMap((d) => d.findings);
  const after = chosen
    .filter((r) => r.last)
    .map((rule) => ({ rule, findings: rule.run(ctx, earlier) }));
  return [...first, ...after];
}

/** Every finding the rules of these topics (all when absent) draw from the context, errors first. */
export function diagnose(
  ctx: DiagnoseContext,
  topics?: readonly Topic[],
  rules: readonly Rule[] = RULES,
): Finding[] {
  return bySeverity(diagnoseByRule(ctx, topics, rules).flatMap((d) => d.findings));
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
