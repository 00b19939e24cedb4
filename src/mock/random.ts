/**
 * Random bytes for ids, handles and request ids, drawn from a pooled buffer filled by crypto.randomFillSync a few KB at a
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

const HEX_UPPER = Buffer.from('0123456789ABCDEF', 'latin1');
const UUID_TEXT = Buffer.alloc(36);

/**
 * A random UUID (version 4) in upper case, as Alibaba's request ids look: the same as
 * randomUUID().toUpperCase(), from the pool, written as one flat string (no pieces to join later).
 */
export function randomRequestId(): string {
  const at = take(16);
  pool[at + 6] = (pool[at + 6] & 0x0f) | 0x40;
  pool[at + 8] = (pool[at + 8] & 0x3f) | 0x80;
  let j = 0;
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) UUID_TEXT[j++] = 0x2d;
    const b = pool[at + i];
    UUID_TEXT[j++] = HEX_UPPER[b >> 4];
    UUID_TEXT[j++] = HEX_UPPER[b & 15];
  }
  return UUID_TEXT.toString('latin1', 0, 36);
}
