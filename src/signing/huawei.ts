/**
 * Huawei Cloud API Gateway authentication: AK/SK signing SDK-HMAC-SHA256 (as AKSKSigner in
 * @huaweicloud/huaweicloud-sdk-core) and IAM tokens in X-Auth-Token.
 * CanonicalRequest = METHOD\nURI (segments escaped, ending in "/")\nCanonicalQuery\nCanonicalHeaders\nSignedHeaders\nhex(sha256(body));
 * StringToSign = "SDK-HMAC-SHA256\n" + X-Sdk-Date + "\n" + hex(sha256(CanonicalRequest)).
 */
import { hmacHex, outsideWindow, safeEqual, sha256Hex } from './crypto.ts';
import { canonicalQuery, percentDecode, percentEncode } from './percent.ts';
import { fail, headerValue, type IncomingRequest, type SecretLookup, type VerifyOptions, type VerifyResult, parseSignedAuthorization } from './types.ts';

export const SDK_HMAC = 'SDK-HMAC-SHA256';
export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';

export interface HuaweiRequest {
  method: string;
  /** Absolute URL including the query string. */
  url: string;
  /** Headers that will be sent; all of them are signed (as the official signer does). */
  headers?: Record<string, string>;
  body?: string;
}

/** `YYYYMMDDTHHMMSSZ` in UTC. */
export function sdkDate(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
}

export function parseSdkDate(s: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(s);
  if (!m) return undefined;
  const d = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`);
  return Number.isNaN(d.getTime()) || sdkDate(d) !== s ? undefined : d;
}

/** Each path segment decoded then escaped; always ends with "/". */
export function huaweiCanonicalUri(rawPath: string): string {
  const out = rawPath.split('/').map((seg) => {
    const d = percentDecode(seg, false);
    return percentEncode(d.ok ? d.value : seg);
  }).join('/');
  return out.endsWith('/') ? out : `${out}/`;
}

function canonicalHeaders(headers: IncomingRequest['headers'], names: readonly string[]): string {
  return names.map((n) => `${n}:${(headerValue(headers, n) ?? '').trim()}\n`).join('');
}

export function huaweiStringToSign(
  method: string, rawPath: string, query: ReadonlyArray<readonly [string, string]>,
  headers: IncomingRequest['headers'], signedNames: readonly string[], payloadHash: string, date: string,
): string {
  const canonical = [method.toUpperCase(), huaweiCanonicalUri(rawPath), canonicalQuery(query), canonicalHeaders(headers, signedNames), signedNames.join(';'), payloadHash].join('\n');
  return `${SDK_HMAC}\n${date}\n${sha256Hex(canonical)}`;
}

/** Signs a request with AK/SK; returns the headers to add: X-Sdk-Date, host, Authorization. */
export function signHuawei(req: HuaweiRequest, cred: { ak: string; sk: string }, ctx: { date: Date }): Record<string, string> {
  const url = new URL(req.url);
  const added: Record<string, string> = { 'X-Sdk-Date': sdkDate(ctx.date), host: url.host };
  const all: Record<string, string> = { ...(req.headers ?? {}), ...added };
  const names = [...new Set(Object.keys(all).map((k) => k.toLowerCase()))].sort();
  const query: Array<[string, string]> = [...url.searchParams.entries()];
  const claimed = headerValue(all, 'x-sdk-content-sha256');
  const payloadHash = claimed ?? sha256Hex(req.body ?? '');
  const sts = huaweiStringToSign(req.method, url.pathname, query, all, names, payloadHash, added['X-Sdk-Date']);
  added.Authorization = `${SDK_HMAC} Access=${cred.ak}, SignedHeaders=${names.join(';')}, Signature=${hmacHex('sha256', cred.sk, sts)}`;
  return added;
}

const iam = (msg: string, ak?: string) => fail('APIGW.0301', 401, `Incorrect IAM authentication information: ${msg}`, ak);

/** Verifies an AK/SK-signed request (the gateway's APIGW.0301 for every failure, with the reason). */
export function verifyHuawei(incoming: IncomingRequest, secretFor: SecretLookup, opts: VerifyOptions): VerifyResult {
  const auth = headerValue(incoming.headers, 'authorization');
  if (!auth) return iam('Authorization header not found');
  const parsed = parseSignedAuthorization(auth, SDK_HMAC, 'Access');
  if (!parsed) return iam(`Authorization is not "${SDK_HMAC} Access=..., SignedHeaders=..., Signature=..."`);
  const { keyId: ak, signedHeaders, signature } = parsed;
  const rawDate = headerValue(incoming.headers, 'x-sdk-date');
  if (!rawDate) return iam('X-Sdk-Date header not found', ak);
  if (!signedHeaders.includes('x-sdk-date') || !signedHeaders.includes('host')) return iam('host and X-Sdk-Date must be signed', ak);
  const date = parseSdkDate(rawDate);
  if (!date) return iam(`X-Sdk-Date "${rawDate}" is not YYYYMMDDTHHMMSSZ`, ak);
  const late = outsideWindow(date, opts.now, opts.maxSkewMs);
  if (late) return iam(`request expired: ${late}`, ak);
  const sk = secretFor(ak);
  if (sk === undefined) return iam('ak not found', ak);
  const bodyHash = sha256Hex(incoming.body ?? '');
  const claimed = signedHeaders.includes('x-sdk-content-sha256') ? headerValue(incoming.headers, 'x-sdk-content-sha256')?.trim() : undefined;
  if (claimed !== undefined && claimed !== UNSIGNED_PAYLOAD && claimed !== bodyHash) return iam('X-Sdk-Content-Sha256 does not match the body', ak);
  const sts = huaweiStringToSign(incoming.method, incoming.path, incoming.query, incoming.headers, signedHeaders, claimed ?? bodyHash, rawDate);
  if (!safeEqual(hmacHex('sha256', sk, sts), signature)) return iam('verify aksk signature fail', ak);
  return { ok: true, accessKeyId: ak };
}

/** The header that carries an IAM token. */
export function tokenHeaders(token: string): Record<string, string> {
  return { 'X-Auth-Token': token };
}

/** Verifies X-Auth-Token; `principalFor` maps a valid token to its user/customer id, undefined when invalid or expired. */
export function verifyToken(headers: IncomingRequest['headers'], principalFor: (token: string) => string | undefined): VerifyResult {
  const token = headerValue(headers, 'x-auth-token');
  if (!token) return iam('X-Auth-Token header not found');
  const principal = principalFor(token.trim());
  return principal === undefined ? iam('verify token fail (invalid or expired token)') : { ok: true, accessKeyId: principal };
}

/** AK/SK when the request carries an SDK-HMAC-SHA256 Authorization, else the token, else a missing-auth failure. */
export function verifyHuaweiAuth(
  incoming: IncomingRequest,
  lookup: { secretFor: SecretLookup; principalFor: (token: string) => string | undefined },
  opts: VerifyOptions,
): VerifyResult {
  const auth = headerValue(incoming.headers, 'authorization');
  if (auth !== undefined || headerValue(incoming.headers, 'x-auth-token') === undefined) return verifyHuawei(incoming, lookup.secretFor, opts);
  return verifyToken(incoming.headers, lookup.principalFor);
}
