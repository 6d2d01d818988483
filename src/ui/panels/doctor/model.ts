/**
 * What the Doctor panel shows, from the host, the question and the probes' results: the
 * role, the path (resolver decision) and the findings of the host rules, plus the path rules
 * when a path is asked, plus what the probes proved when they ran for that path. The same
 * diagnose() call as `netdoctor doctor`, so the panel and the CLI never disagree. Pure; the
 * last answer is kept, as a key press and a frame ask for the same one.
 */
import { diagnose, doctorTopics } from '../../../diagnose/diagnose.js';
import type { Finding } from '../../../diagnose/finding.js';
import type { PathQuestion, ProbeResults } from '../../../diagnose/rule.js';
import { hostRole, type HostRole } from '../../../net/role.js';
import type { HostState } from '../../../state/host-state.js';
import { pathQuestion, type Question } from './question.js';

export interface DoctorModel {
  readonly host: HostState;
  readonly role: HostRole;
  readonly path: PathQuestion | null;
  /** Errors first. */
  readonly findings: readonly Finding[];
}

let last: {
  host: HostState;
  question: Question | null;
  results: ProbeResults | null;
  model: DoctorModel;
} | null = null;

export function doctorModel(
  host: HostState,
  question: Question | null,
  results: ProbeResults | null,
): DoctorModel {
  if (last && last.host === host && last.question === question && last.results === results) {
    return last.model;
  }
  const path = question ? pathQuestion(host, question) : null;
  const topics = doctorTopics(path !== null);
  const findings = diagnose(
    {
      host,
      ...(path ? { path } : {}),
      ...(results ? { probes: results } : {}),
      asked: topics.asked,
    },
    topics.run,
  );
  const model = { host, role: hostRole(host), path, findings };
  last = { host, question, results, model };
  return model;
}
