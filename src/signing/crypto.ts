import { createHash, createHmac, hash, timingSafeEqual } from 'node:crypto';

const EMPTY_SHA256 = createHash('sha256').digest('hex');

export function sha256Hex(data: string | Uint8Array): string {
  if (data.length === 0) return EMPTY_SHA256;
  // One-shot (node >= 20.12): no Hash object per call, same digest.
  return hash('sha256', data, 'hex');
}

export function hmacHex(algorithm: 'sha256', key: string, data: string): string {
  return createHmac(algorithm, key).update(data).digest('hex');
}

export function hmacBase64(algorithm: 'sha1', key: string, data: string): string {
  return createHmac(algorithm, key).update(data).digest('base64');
}

/** Constant-time string comparison. */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Checks a timestamp against the server clock; returns a reason when it is outside the window. */
export function outsideWindow(when: Date, now: Date, maxSkewMs: number): string | undefined {
  const skew = Math.abs(when.getTime() - now.getTime());
  return skew > maxSkewMs ? `request time ${when.toISOString()} is ${Math.round(skew / 1000)}s away from server time ${now.toISOString()} (allowed ${Math.round(maxSkewMs / 1000)}s)` : undefined;
}
