/**
 * A big route plan for the scale bench and tests: `routers` routers on one transit network,
 * `networks - 1` LANs dealt out among them in turn, and on every router a route per LAN of
 * the others (via its owner's transit address), so a router's table holds about `networks`
 * routes. Every LAN reaches every other in two router hops. Written as YAML text.
 */
export function bigPlanText(networks: number, routers: number): string {
  const lans = networks - 1;
  const lanCidr = (k: number): string => `10.${(k >> 8) & 255}.${k & 255}.0/24`;
  const lanAddr = (k: number): string => `10.${(k >> 8) & 255}.${k & 255}.1`;
  const transitAddr = (i: number): string => `172.16.${(i + 1) >> 8}.${(i + 1) & 255}`;
  const owner = (k: number): number => k % routers;
  const lines = ['networks:', `  transit: 172.16.0.0/16`];
  for (let k = 0; k < lans; k++) lines.push(`  lan${k}: ${lanCidr(k)}`);
  lines.push('routers:');
  for (let i = 0; i < routers; i++) {
    lines.push(`  r${i}:`, '    interfaces:', `      transit: ${transitAddr(i)}`);
    for (let k = i; k < lans; k += routers) lines.push(`      lan${k}: ${lanAddr(k)}`);
    const routes: string[] = [];
    for (let k = 0; k < lans; k++) {
      if (owner(k) !== i) routes.push(`      - ${lanCidr(k)} via ${transitAddr(owner(k))}`);
    }
    if (routes.length > 0) lines.push('    routes:', ...routes);
  }
  return `${lines.join('\n')}\n`;
}
