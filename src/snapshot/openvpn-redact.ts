/**
 * Takes the secrets out of an OpenVPN config before it goes into a snapshot, which people
 * mail around. Diagnosis needs the lines that say what the VPN is (`server`, `client`,
 * `remote`, `route`, `push`, `dev`, `client-config-dir`, `iroute` …), never key material:
 * every inline block (`<key>`, `<tls-crypt>`, `<secret>`, `<pkcs12>`, certificates …) keeps
 * its tags and gets a one-line marker instead of its content, and the few options whose
 * value is itself a secret keep their name only. Files that options such as `key FILE`
 * point to are never read (collect.ts reads only the configs and the client-config-dir).
 * Pure.
 */

/** What an inline block holds, in words, for the marker. */
const BLOCK_WORDS: Readonly<Record<string, string>> = {
  key: 'the private key',
  secret: 'the static key',
  'tls-auth': 'the TLS auth key',
  'tls-crypt': 'the TLS crypt key',
  'tls-crypt-v2': 'the TLS crypt v2 key',
  pkcs12: 'the PKCS#12 bundle',
  'auth-user-pass': 'the user name and password',
  'http-proxy-user-pass': 'the proxy user name and password',
  cert: 'the certificate',
  ca: 'the CA certificate',
  'extra-certs': 'the certificates',
  dh: 'the DH parameters',
  crl: 'the revocation list',
  'crl-verify': 'the revocation list',
  'peer-fingerprint': 'the fingerprints',
};

/** `<connection>` holds options (`remote`, `proto` …), not key material: its lines are read. */
const OPTION_BLOCKS = new Set(['connection']);

/** Options whose words after the name are a secret (a password, a token). */
const SECRET_VALUE_OPTIONS = new Set(['askpass', 'auth-token', 'auth-token-user']);

const OPEN_TAG = /^\s*<([A-Za-z0-9][A-Za-z0-9-]*)>\s*$/;

/** The marker line that stands where a block's content was. */
export function removedMarker(tag: string, lines: number): string {
  const what = BLOCK_WORDS[tag] ?? 'the content';
  return `[netdoctor removed ${what}: ${lines} line${lines === 1 ? '' : 's'}]`;
}

/** The config without key material; every other line as it was. */
export function redactOpenVpnConfig(text: string): string {
  const out: string[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const open = OPEN_TAG.exec(line);
    const tag = open?.[1]?.toLowerCase();
    if (tag !== undefined && !OPTION_BLOCKS.has(tag)) {
      const close = lines.findIndex((l, j) => j > i && l.trim().toLowerCase() === `</${tag}>`);
      out.push(line);
      if (close === -1) {
        // No end tag (or the file was cut): everything after the tag may be the secret.
        out.push(`${removedMarker(tag, lines.length - i - 1)} (no </${tag}>)`);
        break;
      }
      out.push(removedMarker(tag, close - i - 1), lines[close] ?? '');
      i = close;
      continue;
    }
    out.push(redactLine(line));
  }
  return out.join('\n');
}

function redactLine(line: string): string {
  const m = /^(\s*(?:--)?)([A-Za-z][A-Za-z0-9-]*)(\s+)\S/.exec(line);
  if (!m || !SECRET_VALUE_OPTIONS.has((m[2] ?? '').toLowerCase())) return line;
  return `${m[1] ?? ''}${m[2] ?? ''} [netdoctor removed the value]`;
}

/** The options a client-config-dir file holds that diagnosis reads or shows. */
const CCD_OPTIONS = new Set([
  'iroute',
  'iroute-ipv6',
  'ifconfig-push',
  'ifconfig-ipv6-push',
  'push',
  'push-reset',
  'push-remove',
  'disable',
]);

/**
 * A client-config-dir file keeps only the options such a file is for: a directory named by
 * mistake (`client-config-dir /etc`) must not carry whatever files it holds into a snapshot.
 * The rest is counted in one marker line.
 */
export function redactCcdFile(text: string): string {
  const kept: string[] = [];
  let dropped = 0;
  for (const line of text.split('\n')) {
    const word = /^\s*(?:--)?([A-Za-z][A-Za-z0-9-]*)(\s|$)/.exec(line)?.[1]?.toLowerCase();
    if (word !== undefined && CCD_OPTIONS.has(word)) kept.push(line);
    else if (line.trim() !== '' && !/^\s*[#;]/.test(line)) dropped++;
  }
  if (dropped > 0) {
    kept.push(`# [netdoctor left out ${dropped} other line${dropped === 1 ? '' : 's'}]`);
  }
  return kept.length > 0 ? `${kept.join('\n')}\n` : '';
}
