/**
 * `M`: the Doctor's Markdown report for a ticket (findings in full, the role, the path, the
 * probes and every command read or run), written through the port to
 * netdoctor-doctor-<stamp>.md in the current directory. Allowed on a snapshot too: a report
 * of the recorded host is exactly what a ticket wants.
 */
import { doctorMarkdown, type DoctorProbeRun } from '../../../report/doctor.js';
import type { PanelEffects } from '../../panel-module.js';
import { doctorModel } from './model.js';
import { probesFor, provenResults, type ProbeJobState } from './probe-job.js';
import type { DoctorAction, DoctorView } from './state.js';
import { firstLine } from '../../../text/first-line.js';

type Fx = PanelEffects<DoctorView, DoctorAction>;

export function stamp(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

function probeRun(run: ProbeJobState | null): DoctorProbeRun | null {
  if (!run || run.status === 'running') return null;
  return {
    skipped: run.plan.skipped,
    results: run.results ?? {},
    outcomes: run.outcomes,
    cancelled: run.cancelled,
  };
}

export function writeReport(fx: Fx): void {
  const say = (message: string) => fx.dispatch({ type: 'message', message });
  const host = fx.app.host;
  if (!host) return say('the host is still being read: press M again in a moment');
  const run = probesFor(fx.jobs, fx.slice.question);
  const model = doctorModel(host, fx.slice.question, provenResults(run));
  const text = doctorMarkdown({ ...model, probes: probeRun(run) });
  const file = `netdoctor-doctor-${stamp(fx.ports.now())}.md`;
  const n = model.findings.length;
  fx.ports.doctor.writeFile(file, text).then(
    () => say(`wrote the report (${n} finding${n === 1 ? '' : 's'}, every command) to ${file}`),
    (err: unknown) => say(`the report was not written: ${firstLine(err)}`),
  );
}
