import { createHash, createHmac, hash } from 'node:crypto';

const EMPTY_SHA256 = createHash('sha256').digest('hex');

export function sha256Hex(data: string | Uint8Array): string {
  if (data.length === 0) return EMPTY_SHA256;
  // One-shot (node >= 20.12): no Hash object per call, same digest.
  return hash('sha256', data, 'hex');
}

/** A key's HMAC-SHA256 pads (RFC 2104) as strings: exact only for ASCII keys of at most one block (64 bytes). */
interface Pads {
  key: string;
  inner: string;
  outer: string;
}

let lastPads: Pads | undefined;
const ASCII_BLOCK_KEY = /^[\x00-\x7f]{0,64}$/;

function padsFor(key: string): Pads | undefined {
  if (lastPads?.key === key) return lastPads;
  if (!ASCII_BLOCK_KEY.test(key)) return undefined;
  let inner = '';
  let outer = '';
  for (let i = 0; i < 64; i++) {
    const b = i < key.length ? key.charCodeAt(i) : 0;
    inner += String.fromCharCode(b ^ 0x36);
    outer += String.fromCharCode(b ^ 0x5c);
  }
  lastPads = { key, inner, outer };
  return lastPads;
}

/**
 * HMAC as a hex string. HMAC-SHA256 with an ASCII key of at most 64 bytes (every real secret) is computed as
 * H((K^opad) || H((K^ipad) || data)) with two one-shot hashes: the pads are ASCII, so they can be prefixed to
 * the data as text (UTF-8 of ASCII is the bytes themselves) — same bytes as createHmac, without its per-call
 * object set-up (about 0.7 us less per signature). Other keys use createHmac.
 */
export function hmacHex(algorithm: 'sha256', key: string, data: string): string {
  const pads = algorithm === 'sha256' ? padsFor(key) : undefined;
  if (pads === undefined) return createHmac(algorithm, key).update(data).digest('hex');
  const inner = hash('sha256', pads.inner + data, 'binary'); // 'binary' = latin1: one char per byte
  // The outer block: the key's outer pad (written once per key) and the inner digest's 32 bytes.
  if (outerKey !== key) {
    OUTER.write(pads.outer, 0, 64, 'latin1');
    outerKey = key;
  }
  OUTER.write(inner, 64, 32, 'latin1');
  return hash('sha256', OUTER, 'hex');
}

/** The outer hash input of the last key's HMAC (hashing reads it synchronously, so one buffer serves every call). */
const OUTER = Buffer.alloc(96);
let outerKey: string | undefined;

export function hmacBase64(algorithm: 'sha1', key: string, data: string): string {
  return createHmac(algorithm, key).update(data).digest('base64');
}

/**
 * String comparison whose time depends only on the length (every code unit is compared, no early exit), as
 * timingSafeEqual would, without two Buffers per call. Equal strings have equal UTF-8 bytes and vice versa.
 */
export function safeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/** Checks a timestamp against the server clock; returns a reason when it is outside the window. */
export function outsideWindow(when: Date, now: Date, maxSkewMs: number): string | undefined {
  const skew = Math.abs(when.getTime() - now.getTime());
  return skew > maxSkewMs ? `request time ${when.toISOString()} is ${Math.round(skew / 1000)}s away from server time ${now.toISOString()} (allowed ${Math.round(maxSkewMs / 1000)}s)` : undefined;
}
