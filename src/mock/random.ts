/**
 * Random bytes for ids and handles, drawn from a pooled buffer filled by crypto.randomFillSync a few KB at a
 * time (the same CSPRNG as randomBytes, without one call into it per id). Each slice is handed out once.
 */
import { randomFillSync } from 'node:crypto';

const POOL_BYTES = 8 * 1024;
const pool = Buffer.allocUnsafe(POOL_BYTES);
let offset = POOL_BYTES;

/** Reserves `size` unused bytes of the pool (refilled when it runs out); returns their offset. */
function take(size: number): number {
  if (!Number.isInteger(size) || size < 0 || size > 1024) throw new RangeError(`size must be 0..1024, got ${size}`);
  if (offset + size > POOL_BYTES) {
    randomFillSync(pool);
    offset = 0;
  }
  const at = offset;
  offset += size;
  return at;
}

/** `size` fresh random bytes (a copy: the caller may keep it); size at most 1,024. */
export function randomBytesPooled(size: number): Buffer {
  const at = take(size);
  return Buffer.from(pool.subarray(at, at + size));
}

/** `size` fresh random bytes as base64 (no intermediate Buffer); size at most 1,024. */
export function randomBase64(size: number): string {
  const at = take(size);
  return pool.toString('base64', at, at + size);
}
