/** Deterministic damage for the 'wrong-secret' and 'tampered' auth modes. Pure. */

/** A secret that is certainly not the right one (same length, so nothing else about the request changes). */
export function wrongSecret(secret: string): string {
  const base = 'verikitWrongSecret';
  let out = '';
  for (let i = 0; i < Math.max(secret.length, 8); i++) out += base[i % base.length];
  return out === secret ? `${out}x` : out;
}

/**
 * Changes the first character of a hex or base64 signature to another character of the same alphabet
 * (the first, not the last: a base64 value's last character may carry only padding bits).
 */
export function tamperSignature(sig: string): string {
  if (!sig) return '0';
  const c = sig[0];
  const swap = c === '0' ? '1' : c === 'A' ? 'B' : c === 'a' ? 'b' : /[0-9]/.test(c) ? '0' : /[A-Z]/.test(c) ? 'A' : 'a';
  return swap + sig.slice(1);
}

/** Replaces `Signature=<value>` inside an Authorization header value with a tampered value. */
export function tamperAuthorization(value: string): string {
  return value.replace(/(Signature=)([^,\s]+)/, (_, p: string, sig: string) => p + tamperSignature(sig));
}
