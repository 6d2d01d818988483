/**
 * What key material looks like in a text: PEM armour, OpenVPN's static key banner, or a
 * long run of base64 or hex alone on a line (the body of any key block). Multiline.
 */
export const KEY_LINE =
  /-----BEGIN|PRIVATE KEY|OpenVPN Static key|^[A-Za-z0-9+/=]{32,}$|^[0-9a-f]{32}$/m;
