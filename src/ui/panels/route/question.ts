/**
 * The Route panel's question line: `DEST [from SRC] [iif IF] [mark N]`, checked as
 * `netdoctor route` checks its arguments (an address, not a name; one IP family; an interface
 * of the host; a mark that is a number), each mistake one sentence. Pure.
 */
import { ipValue } from '../../../net/cidr.js';
import type { RouteQuery } from '../../../net/route-decision.js';
import type { HostState } from '../../../state/host-state.js';
import { safeText } from '../../../text/safe.js';

export const QUESTION_USAGE = 'DEST [from SRC] [iif IF] [mark N], like: 203.0.113.7 from 10.0.0.2';

export type Question =
  | { readonly kind: 'asked'; readonly query: RouteQuery }
  | { readonly kind: 'refused'; readonly reason: string };

const refused = (reason: string): Question => ({ kind: 'refused', reason });

const quote = (text: string) => `'${safeText(text)}'`;

export function parseQuestion(text: string, host: HostState | null): Question {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const [dest, ...rest] = words;
  if (dest === undefined) return refused(`type ${QUESTION_USAGE}`);
  const dst = ipValue(dest);
  if (!dst) return refused(`${quote(dest)} is not an IP address (give an address, not a name)`);
  const q: { -readonly [K in keyof RouteQuery]: RouteQuery[K] } = { dst: dest };
  for (let i = 0; i < rest.length; i += 2) {
    const key = rest[i] ?? '';
    const value = rest[i + 1];
    if (!['from', 'iif', 'mark'].includes(key)) {
      return refused(`${quote(key)} is not one of from, iif, mark: type ${QUESTION_USAGE}`);
    }
    if (value === undefined) return refused(`${key} needs a value: type ${QUESTION_USAGE}`);
    if ((key === 'from' && q.src !== undefined) || (key === 'iif' && q.iif !== undefined)) {
      return refused(`${key} is given twice`);
    }
    if (key === 'mark' && q.mark !== undefined) return refused('mark is given twice');
    if (key === 'from') {
      const src = ipValue(value);
      if (!src) return refused(`from ${quote(value)} is not an IP address`);
      if (src.family !== dst.family) {
        return refused(`from ${safeText(value)} and ${dest} are not of the same IP family`);
      }
      q.src = value;
    } else if (key === 'iif') {
      if (host && !host.interfaces.some((x) => x.name === value)) {
        const names = host.interfaces.map((x) => safeText(x.name)).join(', ');
        return refused(`no interface ${quote(value)} on this host (it has: ${names})`);
      }
      q.iif = value;
    } else {
      if (!/^(0x[0-9a-f]{1,8}|\d{1,10})$/i.test(value) || Number(value) > 0xffffffff) {
        return refused(`mark takes a number (0x10 or 16), not ${quote(value)}`);
      }
      q.mark = Number(value);
    }
  }
  if (q.iif !== undefined && q.src === undefined) {
    return refused('iif needs from: a packet that arrives has a source');
  }
  return { kind: 'asked', query: q };
}

/** The question as it would be typed again: `203.0.113.7 from 10.0.0.2 mark 0x10`. */
export function questionText(q: RouteQuery): string {
  const parts = [q.dst];
  if (q.src !== undefined) parts.push('from', q.src);
  if (q.iif !== undefined) parts.push('iif', q.iif);
  if (q.mark !== undefined) parts.push('mark', `0x${q.mark.toString(16)}`);
  return parts.join(' ');
}
