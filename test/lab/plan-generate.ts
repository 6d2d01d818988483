/**
 * Random route plans for the kernel-agreement lab: a few routers on one or two transit
 * networks (chained), a LAN or two behind each, and static routes that are mostly right, but
 * dropped, misdirected (loops), blackholed, unreachable, on-link by `dev`, or with a next hop
 * off every link, at random. Seeded, so a failing plan is reproduced by its seed.
 */

/** mulberry32: small, fast, and the same numbers for the same seed everywhere. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Net {
  readonly name: string;
  readonly cidr: string;
  /** The owner's summary prefix (covers all its LANs). */
  readonly summary: string;
  readonly owner: number;
}

export interface GeneratedPlan {
  readonly seed: number;
  readonly yaml: string;
  readonly networks: number;
}

export function generatePlan(seed: number): GeneratedPlan {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const v6 = seed % 4 === 3;
  const nRouters = 2 + Math.floor(r() * 3); // 2..4
  const twoTransits = nRouters >= 3 && r() < 0.5;
  // Transit 0 holds routers 0..k, transit 1 holds k..n-1: router k joins them.
  const k = twoTransits ? 1 + Math.floor(r() * (nRouters - 2)) : nRouters - 1;
  const transits = twoTransits
    ? [[...Array(k + 1).keys()], [...Array(nRouters - k).keys()].map((i) => i + k)]
    : [[...Array(nRouters).keys()]];
  const transitCidr = (t: number): string => (v6 ? `2001:db8:ff${t}::/64` : `172.16.${t}.0/24`);
  const transitAddr = (t: number, i: number): string =>
    v6 ? `2001:db8:ff${t}::${i + 1}` : `172.16.${t}.${i + 1}`;
  const lans: Net[] = [];
  for (let i = 0; i < nRouters; i++) {
    const count = lans.length < 5 && r() < 0.25 ? 2 : 1;
    for (let l = 0; l < count; l++) {
      lans.push({
        name: `lan${i}${String.fromCharCode(97 + l)}`,
        cidr: v6 ? `2001:db8:${i + 1}:${l}::/64` : `10.${i + 1}.${l}.0/24`,
        summary: v6 ? `2001:db8:${i + 1}::/48` : `10.${i + 1}.0.0/16`,
        owner: i,
      });
    }
  }
  const lanAddr = (n: Net): string =>
    v6 ? n.cidr.replace('::/64', '::1') : n.cidr.replace('.0/24', '.1');
  const transitsOf = (i: number): number[] =>
    transits.flatMap((m, t) => (m.includes(i) ? [t] : []));
  const shared = (a: number, b: number): number | null =>
    transitsOf(a).find((t) => transits[t]?.includes(b)) ?? null;
  /** The neighbour's address on the shared transit that leads from `a` to `b`'s side. */
  const towards = (a: number, b: number): string => {
    const t = shared(a, b);
    if (t !== null) return transitAddr(t, b);
    // Different transits: through router k, which is on both.
    return transitAddr(shared(a, k) ?? 0, k);
  };

  // Now and then, two neighbours that send one LAN to each other: a loop for the kernel's TTL.
  let loop: { a: number; b: number; lan: string } | null = null;
  if (nRouters >= 3 && r() < 0.4) {
    const a = Math.floor(r() * nRouters);
    const b = [...Array(nRouters).keys()].find((j) => j !== a && shared(a, j) !== null) ?? a;
    const lan = lans.find((n) => n.owner !== a && n.owner !== b);
    if (lan && b !== a) loop = { a, b, lan: lan.name };
  }

  const lines: string[] = [`# generated plan, seed ${seed}`, 'networks:'];
  transits.forEach((_, t) => lines.push(`  transit${t}: '${transitCidr(t)}'`));
  for (const n of lans) lines.push(`  ${n.name}: '${n.cidr}'`);
  lines.push('routers:');
  for (let i = 0; i < nRouters; i++) {
    const ifs = [
      ...transitsOf(i).map((t) => `transit${t}: '${transitAddr(t, i)}'`),
      ...lans.filter((n) => n.owner === i).map((n) => `${n.name}: '${lanAddr(n)}'`),
    ];
    lines.push(`  r${i}:`, `    interfaces: { ${ifs.join(', ')} }`, '    routes:');
    const prefixes = new Set<string>();
    const neighbours = [...Array(nRouters).keys()].filter((j) => j !== i && shared(i, j) !== null);
    for (const n of lans) {
      if (n.owner === i) continue;
      const roll = r();
      const prefix =
        loop && n.name === loop.lan && (i === loop.a || i === loop.b)
          ? n.cidr
          : r() < 0.3
            ? n.summary
            : n.cidr;
      if (prefixes.has(prefix)) continue;
      let route: string | null;
      if (loop && n.name === loop.lan && (i === loop.a || i === loop.b)) {
        const j = i === loop.a ? loop.b : loop.a;
        route = `${n.cidr} via ${transitAddr(shared(i, j) ?? 0, j)}`;
      } else if (roll < 0.62) route = `${prefix} via ${towards(i, n.owner)}`;
      else if (roll < 0.74)
        route = null; // dropped
      else if (roll < 0.86)
        route = `${prefix} via ${transitAddr(shared(i, pick(neighbours)) ?? 0, pick(neighbours))}`;
      else if (roll < 0.9) route = `blackhole ${prefix}`;
      else if (roll < 0.93) route = `unreachable ${prefix}`;
      else if (roll < 0.96) route = `${prefix} dev transit${transitsOf(i)[0] ?? 0}`;
      else route = `${prefix} via ${v6 ? '2001:db8:eeee::1' : '192.168.254.1'}`; // on no link
      if (route === null) continue;
      prefixes.add(prefix);
      lines.push(`      - ${route}`);
    }
    if (r() < 0.15 && neighbours.length > 0) {
      lines.push(`      - default via ${towards(i, pick(neighbours))}`);
    }
    if (lines[lines.length - 1] === '    routes:') lines[lines.length - 1] = '    routes: []';
  }
  return { seed, yaml: `${lines.join('\n')}\n`, networks: transits.length + lans.length };
}
