/**
 * rp-filter-drop (path): the question names a source address of this host that lives on
 * another interface than the one the route to the destination leaves by. The answers to
 * that source come back in on the source's interface; the kernel's way back to the
 * destination leaves by the other one, so strict rp_filter there drops every answer.
 */
import type { Rule } from '../rule.js';
import { effective, sysctlEvidence } from '../../net/role-evidence.js';
import { localNets } from '../../net/role.js';
import { cidrContains } from '../../net/cidr.js';
import { safeText } from '../../text/safe.js';
import { rpFilterFix } from './rp-filter-host.js';
import { routeEvidence } from '../../net/role-evidence.js';

export const rpFilterPathRule: Rule = {
  id: 'rp-filter-path',
  topic: 'path',
  codes: ['rp-filter-drop'],
  run: ({ host, path }) => {
    if (!host || !path) return [];
    const { query, decision } = path;
    if (!query.src || decision.type !== 'unicast' || !decision.dev) return [];
    const own = localNets(host).find((n) => n.address === query.src);
    if (!own || own.iface === decision.dev) return [];
    if (cidrContains(own.cidr, query.dst)) return [];
    if (effective(host, own.iface, 'rp_filter') !== 1) return [];
    const gateway = host.routes.find(
      (r) => r.family === 'inet' && r.dev === own.iface && r.gateway !== null,
    )?.gateway;
    return [
      {
        code: 'rp-filter-drop',
        severity: 'error',
        title: safeText(
          `answers from ${query.dst} to ${query.src} come in on ${own.iface}, where strict rp_filter drops them`,
        ),
        why: safeText(
          `A packet from ${query.src} to ${query.dst} leaves by ${decision.dev}` +
            `${decision.gateway ? ` via ${decision.gateway}` : ''}. The network delivers the answer ` +
            `to ${query.src} where that address lives, on ${own.iface}. There the kernel checks the ` +
            `way back to ${query.dst}: it leaves by ${decision.dev}, not by ${own.iface}. With ` +
            `rp_filter = 1 (strict) on ${own.iface} the answer counts as spoofed and is dropped ` +
            `silently.`,
        ),
        evidence: [
          ...(decision.route ? [routeEvidence(decision.route)] : []),
          {
            source: 'ip -j addr show',
            text: safeText(`${own.iface}: inet ${own.address}/${own.cidr.length}`),
          },
          ...sysctlEvidence(host, own.iface, 'rp_filter'),
        ],
        fix: rpFilterFix(own.iface, query.src, gateway ?? null),
        subject: own.iface,
      },
    ];
  },
};
