/** Alibaba RPC parameter parsing: query string plus an optional form-encoded POST body. Pure. */
import { percentDecode } from '../../signing/percent.ts';

export type Pairs = Array<[string, string]>;

/** Splits and strictly decodes `a=1&b=2`; returns an error message for invalid percent-encoding. */
export function parsePairs(raw: string): Pairs | string {
  const out: Pairs = [];
  if (!raw) return out;
  for (const part of raw.split('&')) {
    if (!part) continue;
    const i = part.indexOf('=');
    const k = percentDecode(i < 0 ? part : part.slice(0, i));
    const v = percentDecode(i < 0 ? '' : part.slice(i + 1));
    if (!k.ok) return k.error;
    if (!v.ok) return v.error;
    out.push([k.value, v.value]);
  }
  return out;
}

/** Common (signature and protocol) parameters that are not business parameters. */
export const COMMON_PARAMS = new Set([
  'Action', 'Version', 'Format', 'Timestamp', 'SignatureNonce', 'SignatureMethod', 'SignatureVersion',
  'AccessKeyId', 'SecurityToken', 'Signature', 'RegionId', 'SignatureType',
]);

/** Business parameters as a record (the last value of a repeated name wins). */
export function businessParams(pairs: Pairs): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of pairs) if (!COMMON_PARAMS.has(k)) out[k] = v;
  return out;
}

export function first(pairs: Pairs, name: string): string | undefined {
  return pairs.find(([k]) => k === name)?.[1];
}
