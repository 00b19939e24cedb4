/** Turns logical input values into wire strings. Pure. */
import { percentEncode } from '../signing/percent.ts';

export type Pairs = Array<[string, string]>;

function scalar(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return JSON.stringify(v);
}

/**
 * Alibaba RPC parameters: arrays become repeat lists (`Key.1`, `Key.2`, nested `Key.1.Sub`), objects are sent
 * as JSON text, undefined/null are left out — as the official SDKs flatten them.
 */
export function alibabaParams(query: Record<string, unknown> | undefined): Pairs {
  const out: Pairs = [];
  if (query === undefined) return out;
  for (const k of Object.keys(query)) putParam(out, k, query[k]);
  return out;
}

function putParam(out: Pairs, key: string, v: unknown): void {
  if (v === undefined || v === null) return;
  if (Array.isArray(v)) for (let i = 0; i < v.length; i++) putParam(out, `${key}.${i + 1}`, v[i]);
  else out.push([key, scalar(v)]);
}

/** Plain REST query parameters (Huawei, JPush): arrays repeat the key, objects are JSON text. */
export function restParams(query: Record<string, unknown> | undefined): Pairs {
  const out: Pairs = [];
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v === undefined || v === null) continue;
    for (const item of Array.isArray(v) ? v : [v]) if (item !== undefined && item !== null) out.push([k, scalar(item)]);
  }
  return out;
}

/** `k=v&...` in the given order, RFC 3986 encoded (the exact bytes the signers canonicalise). */
export function queryString(pairs: ReadonlyArray<readonly [string, string]>): string {
  return pairs.map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`).join('&');
}

/** Header values as strings; undefined/null left out. */
export function headerStrings(header: Record<string, unknown> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(header ?? {})) if (v !== undefined && v !== null) out[k] = scalar(v);
  return out;
}

/** baseUrl (any trailing "/" dropped) + path + optional query. */
export function joinUrl(baseUrl: string, path: string, pairs: ReadonlyArray<readonly [string, string]>): string {
  return joinBase(baseUrl, path, queryString(pairs));
}

/** joinUrl for pairs already percent-encoded (encodePairs): the same URL. */
export function joinEncoded(baseUrl: string, path: string, encoded: ReadonlyArray<readonly [string, string]>): string {
  let qs = '';
  for (let i = 0; i < encoded.length; i++) qs += `${i ? '&' : ''}${encoded[i][0]}=${encoded[i][1]}`;
  return joinBase(baseUrl, path, qs);
}

function joinBase(baseUrl: string, path: string, qs: string): string {
  const base = baseUrl.endsWith('/') ? baseUrl.replace(/\/+$/, '') : baseUrl;
  return `${base}${path.startsWith('/') ? path : `/${path}`}${qs ? `?${qs}` : ''}`;
}
