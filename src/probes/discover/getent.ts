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
