/** Alibaba RPC parameters: which are common (signature, protocol) and which are business parameters. Pure. */

export type Pairs = Array<[string, string]>;

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
  for (let i = 0; i < pairs.length; i++) if (pairs[i][0] === name) return pairs[i][1];
  return undefined;
}
