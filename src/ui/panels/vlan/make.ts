/**
 * "Make one" in the panel: the typed question `PARENT ID [ADDR/LEN]` answered with the plan
 * (the commands and the files that keep it) or one line saying why not. Pure: it reads the
 * host only to know its interfaces, and runs nothing. The checks are the CLI's
 * (`netdoctor vlan --make`): the request's own first, then the host's.
 */
import { checkVlanRequest, vlanPlan, type VlanPlan } from '../../../net/vlan-make.js';
import type { HostState } from '../../../state/host-state.js';
import type { HostOrigin } from '../../../state/origin.js';

export type MakeAnswer =
  | { readonly kind: 'plan'; readonly plan: VlanPlan }
  | { readonly kind: 'refused'; readonly reason: string };

export const MAKE_USAGE = 'PARENT ID [ADDR/LEN], like: eth1 1234 10.0.0.2/24';

const refused = (reason: string): MakeAnswer => ({ kind: 'refused', reason });

export function answerMake(text: string, host: HostState | null, origin: HostOrigin): MakeAnswer {
  const words = text.trim().split(/\s+/).filter(Boolean);
  if (words.length < 2 || words.length > 3) return refused(`type ${MAKE_USAGE}`);
  const [parent = '', idText = '', address = null] = words;
  const refusal = checkVlanRequest(parent, idText, address);
  if (refusal) return refused(refusal);
  if (!host) return refused('the host is still being read: press Enter again in a moment');
  const where = origin.kind === 'snapshot' ? `in ${origin.path}` : 'on this host';
  if (!host.interfaces.some((i) => i.name === parent)) {
    return refused(`there is no interface ${parent} ${where}`);
  }
  const id = Number(idText);
  const name = `${parent}.${id}`;
  if (host.interfaces.some((i) => i.name === name))
    return refused(`${name} already exists ${where}`);
  return { kind: 'plan', plan: vlanPlan({ parent, id, address }) };
}
