/**
 * The echo-request counters of a namespace, from /proc/net/snmp (IPv4: an `Icmp:` header
 * line of names, then a line of values) and /proc/net/snmp6 (`Icmp6InEchos  N`). --prove
 * reads them on the receiving host before and after a ping: the request arrived when the
 * counter went up, whether or not the answer came back.
 */

/** IcmpInEchos from /proc/net/snmp; null when the text has no such field. */
export function icmpInEchos(snmp: string): number | null {
  const lines = snmp.split('\n').filter((l) => l.startsWith('Icmp: '));
  const [names, values] = lines;
  if (!names || !values) return null;
  const i = names.split(/\s+/).indexOf('InEchos');
  const v = values.split(/\s+/)[i];
  return i > 0 && v !== undefined && /^\d+$/.test(v) ? Number(v) : null;
}

/** Icmp6InEchos from /proc/net/snmp6. */
export function icmp6InEchos(snmp6: string): number | null {
  const m = /^Icmp6InEchos\s+(\d+)\s*$/m.exec(snmp6);
  return m?.[1] ? Number(m[1]) : null;
}
