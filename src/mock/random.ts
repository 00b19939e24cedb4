/**
 * Random bytes for ids and handles, drawn from a pooled buffer filled by crypto.randomFillSync a few KB at a
 * time (the same CSPRNG as randomBytes, without one call into it per id). Each slice is handed out once.
 */
import { randomFillSync } from 'node:crypto';

const POOL_BYTES = 8 * 1024;
const pool = Buffer.allocUnsafe(POOL_BYTES);
let offset = POOL_BYTES;

/** `size` fresh random bytes (a copy: the caller may keep it); size at most 1,024. */
export function randomBytesPooled(size: number): Buffer {
  if (!Number.isInteger(size) || size < 0 || size > 1024) throw new RangeError(`size must be 0..1024, got ${size}`);
  if (offset + size > POOL_BYTES) {
    randomFillSync(pool);
    offset = 0;
  }
  const out = Buffer.from(pool.subarray(offset, offset + size));
  offset += size;
  return out;
}
