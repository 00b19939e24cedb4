import type { BodyLimit } from '../core/types.ts';
import { noResponse } from './outcome.ts';
import type { Check } from './types.ts';

/** "80.0 MB", "64 KiB", "512 bytes": limits in binary units as configured, sizes as received. */
export function byteSize(n: number): string {
  if (n % 1024 === 0 && n >= 1024) return n % (1024 * 1024) === 0 ? `${n / (1024 * 1024)} MiB` : `${n / 1024} KiB`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)} MB`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)} kB`;
  return `${n} bytes`;
}

/** What happened to a body over one of verikit's limits, in words. */
export function limitText(l: BodyLimit): string {
  return l.kind === 'size'
    ? `body of ${byteSize(l.received)} exceeds the ${byteSize(l.limit)} limit (--max-body); first ${byteSize(l.limit)} kept, not parsed or checked against the schema`
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
