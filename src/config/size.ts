/** Byte sizes on the command line: `65536`, `64k`, `64KiB`, `1m`, `1MiB` (k and m are binary: 1024, 1024²). */
import { UsageError } from '../core/errors.ts';

/** Bounds of --max-body / maxBodyBytes: a body is kept in memory per request in flight. */
export const MIN_BODY_LIMIT = 1024;
export const MAX_BODY_LIMIT = 64 * 1024 * 1024;

const UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, kb: 1024, kib: 1024, m: 1024 * 1024, mb: 1024 * 1024, mib: 1024 * 1024 };

export function parseByteSize(flag: string, v: string | undefined, min = MIN_BODY_LIMIT, max = MAX_BODY_LIMIT): number | undefined {
  if (v === undefined) return undefined;
  const m = /^(\d{1,12})\s*([a-z]*)$/i.exec(v.trim());
  const unit = m ? UNITS[m[2].toLowerCase()] : undefined;
  const n = m && unit ? Number(m[1]) * unit : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new UsageError(`--${flag} must be a size from ${min} bytes to ${max / (1024 * 1024)} MiB (e.g. 65536, 64KiB, 1MiB), got "${v.slice(0, 40)}"`, `pass e.g. --${flag} 64KiB`);
  }
  return n;
}
