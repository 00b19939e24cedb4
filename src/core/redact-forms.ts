/**
 * The encoded forms a registered value can travel in (raw, URL-encoded once or twice, form-encoded,
 * JSON-escaped, base64 in both alphabets with and without padding, base64 inside longer base64). Pure.
 */

export function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** RFC 3986 encoding as the Alibaba signers use it (also encodes ! ' ( ) *). */
function rfc3986(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The forms a value takes in output: raw, URL-encoded once or twice (V1 string-to-sign), form-encoded, JSON-escaped. */
export function encodedForms(s: string): string[] {
  const once = rfc3986(s);
  const forms = new Set([s, encodeURIComponent(s), once, rfc3986(once), encodeURIComponent(encodeURIComponent(s)),
    encodeURIComponent(s).replace(/%20/g, '+'), JSON.stringify(s).slice(1, -1)]);
  // percent-encoding with lower-case hex digits is the same encoding
  for (const f of [...forms]) if (/%[0-9A-F]{2}/.test(f)) forms.add(f.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()));
  return [...forms];
}

/** Values at least this long are also found inside longer base64 text (shorter ones only as a whole). */
const MIN_EMBEDDED_BYTES = 8;
const base64url = (b: string) => b.replace(/\+/g, '-').replace(/\//g, '_');

/**
 * The base64 forms of a credential: standard and URL-safe alphabet, with and without padding; and, for
 * a value inside a longer base64 text (say "user:" + value), the characters that depend on the value's
 * bytes alone at each of the 3 byte alignments (at most 2 characters at each edge stay, which carry
 * fewer than 8 bits of it).
 */
export function base64Forms(value: string): string[] {
  const bytes = Buffer.from(value, 'utf8');
  const out = new Set<string>();
  const std = bytes.toString('base64');
  for (const b of [std, std.replace(/=+$/, '')]) out.add(b).add(base64url(b));
  if (bytes.length >= MIN_EMBEDDED_BYTES) {
    for (let k = 0; k < 3; k++) {
      const shifted = Buffer.concat([Buffer.alloc(k), bytes]).toString('base64');
      const fragment = shifted.slice([0, 2, 3][k], Math.floor((8 * (k + bytes.length)) / 6));
      out.add(fragment).add(base64url(fragment));
    }
  }
  return [...out];
}
