import type { BodyLimit } from '../core/types.ts';
import { noResponse } from './outcome.ts';
import type { Check } from './types.ts';

/** A received size in decimal units: "80.0 MB", "400.0 kB", "512 bytes". */
export function byteSize(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)} MB`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)} kB`;
  return `${n} bytes`;
}

/** A configured limit in the binary units it is given in: "64 KiB", "1 MiB" (else bytes). */
export function limitSize(n: number): string {
  if (n >= 1024 * 1024 && n % (1024 * 1024) === 0) return `${n / (1024 * 1024)} MiB`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KiB`;
  return `${n} bytes`;
}

/** What happened to a body over one of verikit's limits, in words. */
export function limitText(l: BodyLimit): string {
  return l.kind === 'size'
    ? `body of ${byteSize(l.received)} exceeds the ${limitSize(l.limit)} limit (--max-body); first ${limitSize(l.limit)} kept, not parsed or checked against the schema`
    : `body nested more than ${l.limit} levels deep exceeds verikit's nesting limit of ${l.limit}; kept as text, not parsed or checked against the schema`;
}

/**
 * The body was taken whole: not cut at the size limit, not nested beyond what verikit walks. A body over
 * a limit is its own finding (saying which limit), not "a body that is not JSON".
 */
export const bodyWithinLimits: Check = {
  name: 'body-within-limits',
  kind: 'contract',
  run({ exchange }) {
    const res = exchange.response;
    if (!res) return noResponse(this.name);
    if (!res.bodyLimit) return { check: this.name, status: 'pass' };
    return { check: this.name, status: 'fail', kind: 'contract', message: `received a body over a limit (${limitText(res.bodyLimit)}) documented a body within verikit's limits` };
  },
};
