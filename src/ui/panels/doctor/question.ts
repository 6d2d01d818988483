/**
 * The Doctor's question line, `DEST [from SRC]`, read into a path question the way
 * `netdoctor doctor --to DEST --from SRC` reads its flags (src/commands/doctor.ts, which
 * the UI may not import): a --from that is not this host's own is a packet this host
 * forwards, so it comes in where the way back to that source leaves. Pure.
 */
import { pathQuestion as pathQuestionFor } from '../../../net/path-question.js';
import type { PathQuestion } from '../../../diagnose/rule.js';
import { ipValue } from '../../../net/cidr.js';
import type { HostState } from '../../../state/host-state.js';

export const QUESTION_USAGE = 'DEST [from SRC]: 192.168.50.10, or 192.168.50.10 from 10.8.0.6';

export interface Question {
  readonly to: string;
  readonly from: string | null;
}

export type QuestionAnswer =
  | { readonly kind: 'ok'; readonly question: Question }
  | { readonly kind: 'refused'; readonly reason: string };

const refuse = (reason: string): QuestionAnswer => ({ kind: 'refused', reason });

/** `192.168.50.10`, `192.168.50.10 from 10.8.0.6` (also `to` in front, `--from`). */
export function parseQuestion(text: string): QuestionAnswer {
  const words = text.trim().split(/\s+/).filter(Boolean);
  if (words[0] === 'to' || words[0] === '--to') words.shift();
  const [to, kw, from, ...rest] = words;
  if (to === undefined) return refuse(`type a destination: ${QUESTION_USAGE}`);
  const dest = ipValue(to);
  if (dest === null) return refuse(`"${to}" is not an IP address: ${QUESTION_USAGE}`);
  if (kw === undefined) return { kind: 'ok', question: { to, from: null } };
  if ((kw !== 'from' && kw !== '--from') || from === undefined || rest.length > 0) {
    return refuse(`one destination, then optionally "from SRC": ${QUESTION_USAGE}`);
  }
  const src = ipValue(from);
  if (src === null) return refuse(`"${from}" is not an IP address: ${QUESTION_USAGE}`);
  if (src.family !== dest.family) {
    return refuse('the destination and the source must be of one family (both IPv4 or both IPv6)');
  }
  return { kind: 'ok', question: { to, from } };
}

export function questionKey(q: Question): string {
  return q.from ? `${q.to} from ${q.from}` : q.to;
}

/** The route decision for the question, as `doctor --to` makes it. */
export function pathQuestion(host: HostState, q: Question): PathQuestion {
  return pathQuestionFor(host, q.to, q.from);
}
