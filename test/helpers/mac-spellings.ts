/**
 * Spellings of MACs for the tests of what reads them (macValue, the vendor index's own
 * reading of the colon form): the forms macHex reads, and near-misses of the colon form.
 */

/** Fixed cases: each form, and 17 characters that are no MAC (a wrong digit or separator
 *  at each place in turn, digits beyond ASCII). */
export const MAC_SPELLINGS: readonly string[] = [
  ...['b8:27:eb:00:00:10', 'B8:27:EB:FF:FF:FF', 'b8-27-eb-00-00-10', 'b8.27.eb.00.00.10'],
  ...['b8:27-eb.00:00:10', '00:00:00:00:00:00', 'ff:ff:ff:ff:ff:ff', 'b827.eb00.0010'],
  ...['g8:27:eb:00:00:10', 'b8:27:eb:00:00:1g', 'b8;27:eb:00:00:10', 'b8:27:eb:00:00 10'],
  ...['b8:27:eb:00:0:010', ':b827:eb:00:00:10', 'b8:27:eb:00:00:1٠', 'b8:27:eb:00:00:1ａ'],
  ...['b8:27:eb:00:00:10:', 'b8:27:eb:00:00:1', '', 'b8::27eb0000-10.', '::::::b827eb000010'],
];

/** `count` random strings of MAC characters, of every length around 17: mostly digits with
 *  separators where the colon form has them (near-misses of it). The same each run. */
export function nearMissMacs(count: number): string[] {
  const chars = '0123456789abcdefABCDEFgG:-. é';
  let seed = 7;
  const random = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  const out: string[] = [];
  for (let k = 0; k < count; k++) {
    const length = 10 + random(10);
    let mac = '';
    for (let i = 0; i < length; i++) {
      mac += i % 3 === 2 && random(8) > 0 ? ':' : chars[random(random(4) === 0 ? 29 : 16)];
    }
    out.push(mac);
  }
  return out;
}
