/**
 * Parses `getent hosts ADDRESS...`: one line per address that has a name (through
 * /etc/hosts and reverse DNS, as the system's resolver is configured), `ADDRESS NAME
 * [ALIAS...]`. Addresses without a name print nothing.
 */
export function parseGetentHosts(text: string): Map<string, string> {
  const names = new Map<string, string>();
  for (const line of text.split('\n')) {
    const [address, name] = line.trim().split(/\s+/);
    if (address && name && !names.has(address)) names.set(address, name);
  }
  return names;
}

/** /etc/hosts as address -> every name it gives that address (comments and blanks skipped). */
export function parseEtcHosts(text: string): Map<string, string[]> {
  const names = new Map<string, string[]>();
  for (const raw of text.split('\n')) {
    const [address, ...aliases] = (raw.split('#')[0] ?? '').trim().split(/\s+/);
    if (!address || aliases.length === 0) continue;
    names.set(address, [...(names.get(address) ?? []), ...aliases]);
  }
  return names;
}
