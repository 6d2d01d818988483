/** The rp_filter stories' shared piece: the lines of a finding's symmetric-routing fix. */

/** Every command of the fix's "make the path symmetric" alternative, in order. */
export function symmetricFix(fix: readonly string[]): string[] {
  const start = fix.findIndex((l) => l.startsWith('#') && l.includes('make the path symmetric'));
  if (start < 0) throw new Error(`no symmetric-routing fix in ${JSON.stringify(fix)}`);
  const rest = fix.slice(start + 1);
  const end = rest.findIndex((l) => l.startsWith('#'));
  return end < 0 ? rest : rest.slice(0, end);
}
