/**
 * Policy-routing mistakes the tables show by themselves: a table with routes that no rule
 * selects (its routes are never used), and a rule that looks up a table with no routes
 * (what it selects falls through to the next rule).
 */
import type { HostState } from '../../state/host-state.js';
import type { RuleRecord } from '../../parse/ip-rule.js';
import type { Finding } from '../finding.js';
import type { CodeDocs, Rule } from '../rule.js';

const FAMILY = { inet: 'IPv4', inet6: 'IPv6' } as const;
/** Tables the kernel looks up without a rule of ours naming them. */
const KERNEL_TABLES = new Set(['local', 'main', 'default']);

function ruleText(r: RuleRecord): string {
  const parts = [`${r.priority}:`, ...(r.not ? ['not'] : []), `from ${r.from}`];
  if (r.to !== 'all') parts.push(`to ${r.to}`);
  if (r.fwmark) parts.push(`fwmark ${r.fwmark}`);
  if (r.iif) parts.push(`iif ${r.iif}`);
  if (r.oif) parts.push(`oif ${r.oif}`);
  parts.push(`lookup ${r.table ?? '?'}`);
  return parts.join(' ');
}

const ROUTE_SOURCE = {
  inet: 'ip -j -4 route show table all',
  inet6: 'ip -j -6 route show table all',
};
const RULE_SOURCE = { inet: 'ip -j -4 rule show', inet6: 'ip -j -6 rule show' };

function unusedTables(host: HostState): Finding[] {
  const out: Finding[] = [];
  for (const family of ['inet', 'inet6'] as const) {
    // A snapshot without rules (not collected) cannot say a table is unused.
    if (!host.rules.some((r) => r.family === family)) continue;
    const tables = new Set(host.routes.filter((r) => r.family === family).map((r) => r.table));
    for (const table of tables) {
      if (KERNEL_TABLES.has(table)) continue;
      if (host.rules.some((r) => r.family === family && r.table === table)) continue;
      const routes = host.routes.filter((r) => r.family === family && r.table === table);
      out.push({
        code: 'routing-table-unused',
        severity: 'warning',
        title: `${FAMILY[family]} table ${table} has ${routes.length} route(s) but no rule looks it up`,
        why:
          `The kernel only reads a routing table when a policy rule sends it there (ip rule). ` +
          `No rule names table ${table}, so its routes are never used: traffic you meant for ` +
          `them follows the main table instead. Either a rule was forgotten, or the routes went ` +
          `into the wrong table.`,
        evidence: routes.slice(0, 5).map((r) => ({
          source: ROUTE_SOURCE[family],
          text: `${r.dst}${r.gateway ? ` via ${r.gateway}` : ''}${r.dev ? ` dev ${r.dev}` : ''} table ${table}`,
        })),
        fix: [
          `ip ${family === 'inet6' ? '-6 ' : ''}rule add from <source prefix> lookup ${table} priority <n>`,
        ],
        subject: `table ${table}`,
      });
    }
  }
  return out;
}

function emptyTableRules(host: HostState): Finding[] {
  return host.rules
    .filter((r) => r.table !== null && !KERNEL_TABLES.has(r.table))
    .filter((r) => !host.routes.some((x) => x.family === r.family && x.table === r.table))
    .map((r) => ({
      code: 'rule-table-empty' as const,
      severity: 'warning' as const,
      title: `${FAMILY[r.family]} rule ${r.priority} looks up table ${r.table ?? ''}, which is empty`,
      why:
        `Packets this rule selects look for a route in table ${r.table ?? ''}, find none, and fall ` +
        `through to the next rule (usually main). Whatever the rule was meant to do (send a ` +
        `source or a mark another way) is not happening.`,
      evidence: [{ source: RULE_SOURCE[r.family], text: ruleText(r) }],
      fix: [
        `ip ${r.family === 'inet6' ? '-6 ' : ''}route add <prefix> via <gateway> table ${r.table ?? ''}`,
      ],
      subject: `rule ${r.priority}`,
    }));
}

const DOCS: CodeDocs = {
  'routing-table-unused': {
    title: 'a routing table has routes that no rule looks up',
    severity: { warning: 'always: the routes are never used' },
    means: 'A table other than main, local and default holds routes, and no `ip rule` selects it.',
    matters:
      "Whoever added the routes believes they are in use; they are not, so the traffic they were meant for takes the main table's way.",
    proof: 'From `ip -j rule` and `ip -j route show table all`.',
    fix: "Add the rule that was meant to select the table (`ip rule add from ADDR lookup T`), or delete the table's routes.",
    box: 'this host',
  },
  'rule-table-empty': {
    title: 'a rule looks up a table with no routes',
    severity: { warning: 'always' },
    means: 'An `ip rule` selects a table that holds no routes.',
    matters:
      'What the rule selects falls through to the next rule (usually main), so the policy it was meant to apply does not hold.',
    proof: 'From `ip -j rule` and `ip -j route show table all`.',
    fix: "Add the table's routes (a default route via the right gateway), or delete the rule.",
    box: 'this host',
  },
};

export const routingTablesRule: Rule = {
  id: 'routing-tables',
  topic: 'host',
  codes: ['routing-table-unused', 'rule-table-empty'],
  docs: DOCS,
  run: (ctx) => (ctx.host ? [...unusedTables(ctx.host), ...emptyTableRules(ctx.host)] : []),
};
