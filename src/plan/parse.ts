/**
 * Reads a plan file: YAML (with positions) checked against a zod schema, then the meaning
 * (CIDRs, addresses inside their networks, routes that name known networks). Every mistake
 * is one line, `FILE:LINE:COL: what was expected`, so an editor can jump to it.
 */
import {
  LineCounter,
  parseDocument,
  isMap,
  isPair,
  isScalar,
  type Document,
  type Node,
} from 'yaml';
import { z } from 'zod';
import { cidrContains, ipValue, parseCidr, type Cidr } from '../net/cidr.js';
import type {
  Plan,
  PlanExpect,
  PlanInterface,
  PlanNetwork,
  PlanPos,
  PlanRoute,
  PlanRouter,
} from './types.js';

/** A plan file that cannot be used: `message` is the one line to print. */
export class PlanInvalid extends Error {
  constructor(
    readonly file: string,
    readonly pos: PlanPos,
    readonly expected: string,
  ) {
    super(`${file}:${pos.line}:${pos.col}: ${expected}`);
    this.name = 'PlanInvalid';
  }
}

const networkSchema = z.union(
  [z.string(), z.strictObject({ cidr: z.string(), gateway: z.string().optional() })],
  { error: 'expected a CIDR (10.1.0.0/24) or {cidr: CIDR, gateway: ROUTER}' },
);

const routerSchema = z.strictObject(
  {
    interfaces: z.record(z.string(), z.string({ error: 'expected an address (172.16.0.11)' }), {
      error: 'expected interfaces: {NETWORK: ADDRESS, ...}',
    }),
    routes: z
      .array(z.string({ error: 'expected a route as a string: PREFIX via ADDR' }), {
        error: 'expected a list of routes',
      })
      .optional(),
  },
  { error: 'expected a router: {interfaces: {NETWORK: ADDRESS}, routes: [...]}' },
);

const planSchema = z.strictObject(
  {
    networks: z.record(z.string(), networkSchema, {
      error: 'expected networks: {NAME: CIDR, ...}',
    }),
    routers: z.record(z.string(), routerSchema, { error: 'expected routers: {NAME: {...}, ...}' }),
    expect: z
      .array(z.string({ error: 'expected `a <-> b` or `a -> b`' }), {
        error: 'expected a list of `a <-> b` or `a -> b`',
      })
      .optional(),
  },
  { error: 'expected a plan: a mapping with networks, routers and (optionally) expect' },
);

type Path = readonly (string | number)[];

/** An echoed value, quoted and escaped: the error stays one line whatever the file holds. */
const q = (value: string): string => JSON.stringify(value);

/** Positions of nodes in one document. */
class Locator {
  constructor(
    private readonly doc: Document,
    private readonly counter: LineCounter,
  ) {}

  at(offset: number): PlanPos {
    const p = this.counter.linePos(offset);
    return { line: p.line, col: p.col };
  }

  /** The node at path, or its nearest ancestor that exists. */
  node(path: Path): Node | null {
    for (let n = path.length; n >= 0; n--) {
      const found: unknown = n === 0 ? this.doc.contents : this.doc.getIn(path.slice(0, n), true);
      if (found && typeof found === 'object' && 'range' in found) return found as Node;
    }
    return null;
  }

  pos(path: Path): PlanPos {
    const range = this.node(path)?.range;
    return range ? this.at(range[0]) : { line: 1, col: 1 };
  }

  private readonly keyOffsets = new WeakMap<Node, Map<string, number>>();

  /** Where a key of a mapping is written (for unknown or duplicate keys). */
  keyPos(path: Path, key: string): PlanPos {
    const map = this.node(path);
    if (isMap(map)) {
      // Each key's offset, read once per mapping: a plan of a thousand networks asks for each.
      let offsets = this.keyOffsets.get(map);
      if (!offsets) {
        offsets = new Map();
        for (const item of map.items) {
          if (isPair(item) && isScalar(item.key) && item.key.range) {
            const name = String(item.key.value);
            if (!offsets.has(name)) offsets.set(name, item.key.range[0]);
          }
        }
        this.keyOffsets.set(map, offsets);
      }
      const offset = offsets.get(key);
      if (offset !== undefined) return this.at(offset);
    }
    return this.pos(path);
  }
}

function zodMessage(issue: z.core.$ZodIssue): string {
  const where = issue.path.length ? `${issue.path.map(String).join('.')}: ` : '';
  if (issue.code === 'unrecognized_keys') {
    return `${where}unknown key '${issue.keys[0] ?? ''}' (expected ${knownKeys(issue.path)})`;
  }
  return `${where}${issue.message}`;
}

function knownKeys(path: readonly PropertyKey[]): string {
  if (path.length === 0) return 'networks, routers, expect';
  if (path[0] === 'networks') return 'cidr, gateway';
  return 'interfaces, routes';
}

/** `10.0.0.0/8` as written must be a prefix with no host bits: `ip route` refuses others. */
function exactPrefix(text: string): Cidr | null {
  const cidr = parseCidr(text);
  if (!cidr || !text.includes('/')) return null;
  const addr = ipValue(text.split('/')[0] ?? '');
  return addr && addr.value === cidr.first ? cidr : null;
}

/**
 * The biggest plan netdoctor works out. The simulation walks every ordered pair of networks
 * (a thousand networks are a million pairs, a few seconds and about a gigabyte), so a bigger
 * plan is refused in one line rather than left to run for hours. README and `plan --help`
 * say the same.
 */
export const PLAN_LIMITS = {
  networks: 1_000,
  routers: 1_000,
  /** Interfaces and routes of all routers together. */
  entries: 100_000,
  /** The file's text, checked before the YAML is read. */
  bytes: 4 * 1024 * 1024,
} as const;

export const PLAN_LIMITS_TEXT =
  'a plan may hold at most 1,000 networks, 1,000 routers and 100,000 interfaces and routes in all, in at most 4 MB';

/** YAML aliases a plan may use (the library's default); more is a "billion laughs" bomb. */
const MAX_ALIASES = 100;

function tooBig(file: string, what: string): PlanInvalid {
  return new PlanInvalid(
    file,
    { line: 1, col: 1 },
    `too big to work out: ${what} (${PLAN_LIMITS_TEXT})`,
  );
}

/** Refuses a plan over PLAN_LIMITS, from the YAML's plain data (before the schema). */
export function checkPlanSize(data: unknown, file: string): void {
  if (typeof data !== 'object' || data === null) return;
  const count = (v: unknown): number =>
    typeof v === 'object' && v !== null ? Object.keys(v).length : 0;
  const { networks, routers } = data as { networks?: unknown; routers?: unknown };
  const nNetworks = count(networks);
  if (nNetworks > PLAN_LIMITS.networks) throw tooBig(file, `${nNetworks} networks`);
  const nRouters = count(routers);
  if (nRouters > PLAN_LIMITS.routers) throw tooBig(file, `${nRouters} routers`);
  let entries = 0;
  for (const r of Object.values(typeof routers === 'object' && routers !== null ? routers : {})) {
    if (typeof r !== 'object' || r === null) continue;
    const { interfaces, routes } = r as { interfaces?: unknown; routes?: unknown };
    entries += count(interfaces) + (Array.isArray(routes) ? routes.length : 0);
  }
  if (entries > PLAN_LIMITS.entries) throw tooBig(file, `${entries} interfaces and routes`);
}

/** Parses and checks a plan; throws PlanInvalid (one line) on the first mistake. */
export function parsePlan(text: string, file: string): Plan {
  if (text.length > PLAN_LIMITS.bytes) {
    throw tooBig(file, `${(text.length / 2 ** 20).toFixed(1)} MB of text`);
  }
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, uniqueKeys: true, prettyErrors: false });
  const loc = new Locator(doc, counter);
  const fail = (pos: PlanPos, expected: string): never => {
    throw new PlanInvalid(file, pos, expected);
  };
  const yamlError = doc.errors[0];
  if (yamlError) {
    const p = yamlError.linePos?.[0];
    const first = yamlError.message.split('\n')[0] ?? 'YAML error';
    fail(
      p ? { line: p.line, col: p.col } : { line: 1, col: 1 },
      `not valid YAML: ${first.replace(/ at line \d+, column \d+:?$/, '')}`,
    );
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (err) {
    // yaml throws a ReferenceError when aliases would expand past the count: a YAML bomb.
    if (!(err instanceof ReferenceError)) throw err;
    fail(
      { line: 1, col: 1 },
      `not a usable plan: its YAML aliases expand too far (${err.message.toLowerCase()})`,
    );
  }
  checkPlanSize(data, file);
  const checked = planSchema.safeParse(data);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    if (issue) {
      const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
      const pos =
        issue.code === 'unrecognized_keys' ? loc.keyPos(path, issue.keys[0] ?? '') : loc.pos(path);
      fail(pos, zodMessage(issue));
    }
  }
  const raw = checked.data as z.infer<typeof planSchema>;

  const networks: PlanNetwork[] = [];
  for (const [name, value] of Object.entries(raw.networks)) {
    const cidrText = typeof value === 'string' ? value : value.cidr;
    const path = typeof value === 'string' ? ['networks', name] : ['networks', name, 'cidr'];
    const cidr = exactPrefix(cidrText.trim());
    if (!cidr) {
      fail(
        loc.pos(path),
        `networks.${name}: expected a network prefix like 10.1.0.0/24 or 2001:db8:1::/64 (no host bits), not ${q(cidrText)}`,
      );
    }
    networks.push({
      name,
      cidr: cidr as Cidr,
      gateway: typeof value === 'string' ? null : (value.gateway ?? null),
      pos: loc.keyPos(['networks'], name),
    });
  }
  const netByName = new Map(networks.map((n) => [n.name, n]));

  const routers: PlanRouter[] = [];
  for (const [name, value] of Object.entries(raw.routers)) {
    const interfaces: PlanInterface[] = [];
    for (const [network, addressText] of Object.entries(value.interfaces)) {
      const path = ['routers', name, 'interfaces', network];
      const net = netByName.get(network);
      if (!net) {
        fail(
          loc.keyPos(['routers', name, 'interfaces'], network),
          `routers.${name}.interfaces: expected a network of this plan (${[...netByName.keys()].join(', ')}), not ${q(network)}`,
        );
      }
      const address = addressText.trim().split('/')[0] ?? '';
      const v = ipValue(address);
      if (!v)
        fail(
          loc.pos(path),
          `routers.${name}.interfaces.${network}: expected an address, not ${q(addressText)}`,
        );
      if (net && !cidrContains(net.cidr, address)) {
        fail(
          loc.pos(path),
          `routers.${name}.interfaces.${network}: expected an address inside ${net.cidr.text}, not ${q(addressText)}`,
        );
      }
      interfaces.push({ network, address, pos: loc.pos(path) });
    }
    const routes: PlanRoute[] = [];
    (value.routes ?? []).forEach((routeText, i) => {
      const pos = loc.pos(['routers', name, 'routes', i]);
      const route = parseRouteText(routeText.trim(), pos);
      if (typeof route === 'string') {
        fail(pos, `routers.${name}.routes[${i}]: ${route}`);
        return;
      }
      if (route.dev !== null && !interfaces.some((f) => f.network === route.dev)) {
        fail(
          pos,
          `routers.${name}.routes[${i}]: expected a network ${name} has an interface on (${interfaces.map((f) => f.network).join(', ')}), not ${q(route.dev)}`,
        );
      }
      routes.push(route);
    });
    routers.push({ name, interfaces, routes, pos: loc.keyPos(['routers'], name) });
  }

  for (const net of networks) {
    if (net.gateway === null) continue;
    const path = ['networks', net.name, 'gateway'];
    const router = routers.find((r) => r.name === net.gateway);
    if (!router)
      fail(
        loc.pos(path),
        `networks.${net.name}.gateway: expected a router of this plan, not ${q(net.gateway)}`,
      );
    if (router && !router.interfaces.some((f) => f.network === net.name)) {
      fail(
        loc.pos(path),
        `networks.${net.name}.gateway: expected a router with an interface on ${net.name}; ${router.name} has none`,
      );
    }
  }

  const expect: PlanExpect[] = [];
  (raw.expect ?? []).forEach((text, i) => {
    const pos = loc.pos(['expect', i]);
    const m = /^\s*(\S+)\s*(<->|->)\s*(\S+)\s*$/.exec(text);
    if (!m)
      return fail(
        pos,
        `expect[${i}]: expected 'NETWORK <-> NETWORK' or 'NETWORK -> NETWORK', not ${q(text)}`,
      );
    const [, from = '', arrow, to = ''] = m;
    for (const n of [from, to]) {
      if (!netByName.has(n))
        fail(pos, `expect[${i}]: expected a network of this plan, not ${q(n)}`);
    }
    if (from === to) fail(pos, `expect[${i}]: expected two different networks`);
    if (netByName.get(from)?.cidr.family !== netByName.get(to)?.cidr.family) {
      fail(pos, `expect[${i}]: expected two networks of one family (IPv4 cannot reach IPv6)`);
    }
    expect.push({ from, to, both: arrow === '<->', text: text.trim(), pos });
  });

  return { file, networks, routers, expect, lines: text.split('\n') };
}

/** One route as written; a string says what was expected instead. */
export function parseRouteText(text: string, pos: PlanPos): PlanRoute | string {
  const words = text.split(/\s+/);
  const base = { text, via: null, dev: null, pos };
  const [w0 = '', w1 = '', w2 = '', ...rest] = words;
  const expected =
    "expected 'PREFIX via ADDR', 'PREFIX dev NETWORK', 'default via ADDR', 'blackhole PREFIX' or 'unreachable PREFIX'";
  if ((w0 === 'blackhole' || w0 === 'unreachable') && words.length === 2) {
    const prefix = w1 === 'default' ? null : exactPrefix(w1);
    if (!prefix) return `expected a prefix like 10.2.0.0/16 after ${w0}, not ${q(w1)}`;
    return { ...base, kind: w0, prefix };
  }
  if (words.length !== 3 || rest.length > 0 || (w1 !== 'via' && w1 !== 'dev')) {
    return `${expected}, not ${q(text)}`;
  }
  if (w1 === 'via') {
    const gw = ipValue(w2);
    if (!gw) return `expected a next-hop address after via, not ${q(w2)}`;
    const prefix = w0 === 'default' ? parseCidr('default', gw.family) : exactPrefix(w0);
    if (!prefix)
      return `expected a prefix like 10.2.0.0/16 (no host bits) or default, not ${q(w0)}`;
    if (prefix.family !== gw.family)
      return `expected a next hop of the prefix's family, not ${q(w2)}`;
    return { ...base, kind: 'via', prefix, via: w2 };
  }
  const prefix = exactPrefix(w0);
  if (!prefix) return `expected a prefix like 10.2.0.0/16 (no host bits) before dev, not ${q(w0)}`;
  return { ...base, kind: 'dev', prefix, dev: w2 };
}
