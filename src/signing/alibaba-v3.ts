/**
 * Alibaba Cloud signature V3, ACS3-HMAC-SHA256 (what @alicloud/openapi-client sends by default).
 * CanonicalRequest = METHOD\nURI\nCanonicalQuery\nCanonicalHeaders\nSignedHeaders\nhex(sha256(body));
 * StringToSign = "ACS3-HMAC-SHA256\n" + hex(sha256(CanonicalRequest)); Signature = hex(HMAC-SHA256(secret, StringToSign)).
 */
import type { AlibabaCredentials } from './credentials.ts';
import { hmacHex, outsideWindow, safeEqual, sha256Hex } from './crypto.ts';
import { canonicalHeadersOf, HeaderView, trimmedValues } from './headers.ts';
import { canonicalQuery } from './percent.ts';
import { fail, type IncomingRequest, type SecretLookup, type VerifyOptions, type VerifyResult, parseSignedAuthorization } from './types.ts';

export const ACS3 = 'ACS3-HMAC-SHA256';

export interface Acs3Request {
  method: string;
  /** Host header value (host[:port]). */
  host: string;
  /** Wire path; "/" for RPC. */
  path?: string;
  action: string;
  version: string;
  /** Query parameters as they will be sent (not yet encoded). */
  query?: ReadonlyArray<readonly [string, string]>;
  /** The canonical query string of `query` when the caller already has it (canonicalQueryOfEncoded). */
  canonicalQuery?: string;
  /** Other headers that will be sent; `content-type` and `x-acs-*` among them are signed. */
  headers?: Record<string, string>;
  body?: string | Uint8Array;
}

export interface SignContext {
  date: Date;
  nonce: string;
}

/** `YYYY-MM-DDTHH:mm:ssZ` in UTC (x-acs-date, V1 Timestamp). */
export function acsDate(d: Date): string {
  const second = Math.floor(d.getTime() / 1000);
  if (second !== lastSecond.at) lastSecond = { at: second, text: d.toISOString().replace(/\.\d{3}Z$/, 'Z') };
  return lastSecond.text;
}

/** The last second formatted: a run signs thousands of requests in the same second. */
let lastSecond = { at: Number.NaN, text: '' };

const ACS_DATE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/;

/** The last value parsed: requests signed in the same second share it (a string compare instead of a parse). */
let lastDate: { raw: string; ms: number } | undefined;

/** Parses an x-acs-date / Timestamp value; undefined when malformed. */
export function parseAcsDate(s: string): Date | undefined {
  if (lastDate !== undefined && lastDate.raw === s) return new Date(lastDate.ms);
  if (!ACS_DATE.test(s)) return undefined;
  const d = new Date(s);
  if (Number.isNaN(d.getTime()) || acsDate(d) !== s) return undefined;
  lastDate = { raw: s, ms: d.getTime() };
  return d;
}

function isSignable(name: string): boolean {
  return name === 'host' || name === 'content-type' || name.startsWith('x-acs-');
}

/** `name:value\n` for each name (lower-case, sorted), values trimmed, repeated values sorted and joined by ",". */
export function acs3CanonicalHeaders(headers: IncomingRequest['headers'], names: readonly string[]): string {
  return canonicalHeadersOf(trimmedValues(headers), names);
}

/** The canonical request from its already canonical parts (the signer and the verifier build them differently). */
function canonicalRequestOf(
  method: string, path: string, canonicalQueryString: string,
  canonicalHeaders: string, signedHeaders: string, payloadHash: string,
): string {
  return `${method.toUpperCase()}\n${path || '/'}\n${canonicalQueryString}\n${canonicalHeaders}\n${signedHeaders}\n${payloadHash}`;
}

export function acs3CanonicalRequest(
  method: string, path: string, query: ReadonlyArray<readonly [string, string]>,
  headers: IncomingRequest['headers'], signedNames: readonly string[], payloadHash: string,
): string {
  return canonicalRequestOf(method, path, canonicalQuery(query), acs3CanonicalHeaders(headers, signedNames), signedNames.join(';'), payloadHash);
}

export function acs3StringToSign(canonicalRequest: string): string {
  return `${ACS3}\n${sha256Hex(canonicalRequest)}`;
}

/** Signed header names (sorted) by the header names a request has, in their order: a run repeats a few sets. */
const signedNamesCache = new Map<string, string[]>();
function signedNamesOf(all: Record<string, string>): string[] {
  const keys = Object.keys(all);
  const key = keys.join('\n');
  let names = signedNamesCache.get(key);
  if (names === undefined) {
    names = keys.filter(isSignable).sort();
    if (signedNamesCache.size >= 256) signedNamesCache.clear();
    signedNamesCache.set(key, names);
  }
  return names;
}

/** Signs a request; returns the headers to add (lower-case names, `authorization` last). */
export function signAcs3(req: Acs3Request, cred: AlibabaCredentials, ctx: SignContext): Record<string, string> {
  const payloadHash = sha256Hex(req.body ?? '');
  const added: Record<string, string> = {
    host: req.host,
    'x-acs-action': req.action,
    'x-acs-version': req.version,
    'x-acs-date': acsDate(ctx.date),
    'x-acs-signature-nonce': ctx.nonce,
    'x-acs-content-sha256': payloadHash,
  };
  if (cred.securityToken) {
    added['x-acs-accesskey-id'] = cred.accessKeyId;
    added['x-acs-security-token'] = cred.securityToken;
  }
  // Every name lower-case with one value: the canonical headers straight from the record.
  const all: Record<string, string> = {};
  if (req.headers) for (const k in req.headers) all[k.toLowerCase()] = req.headers[k];
  for (const k in added) all[k] = added[k];
  const names = signedNamesOf(all);
  let canonicalHeaders = '';
  for (let i = 0; i < names.length; i++) canonicalHeaders += `${names[i]}:${all[names[i]].trim()}\n`;
  const signedHeaders = names.join(';');
  const canonical = canonicalRequestOf(req.method, req.path ?? '/', req.canonicalQuery ?? canonicalQuery(req.query ?? []), canonicalHeaders, signedHeaders, payloadHash);
  const signature = hmacHex('sha256', cred.accessKeySecret, acs3StringToSign(canonical));
  added.authorization = `${ACS3} Credential=${cred.accessKeyId},SignedHeaders=${signedHeaders},Signature=${signature}`;
  return added;
}

const REQUIRED = ['host', 'x-acs-action', 'x-acs-version', 'x-acs-date', 'x-acs-signature-nonce'];

/**
 * Verifies an incoming V3 request the way Alibaba's gateway does. Nonce reuse is the caller's state:
 * the nonce is returned so the caller can answer SignatureNonceUsed.
 */
export function verifyAcs3(incoming: IncomingRequest, secretFor: SecretLookup, opts: VerifyOptions): VerifyResult {
  // One pass over the headers at most; every look-up below and the canonical headers come from it.
  const h = new HeaderView(incoming.headers);
  const auth = h.get('authorization');
  if (!auth) return fail('IncompleteSignature', 400, 'The request signature does not conform to Aliyun standards: the Authorization header is missing.');
  const parsed = parseSignedAuthorization(auth, ACS3, 'Credential');
  if (!parsed) return fail('IncompleteSignature', 400, `The request signature does not conform to Aliyun standards: the Authorization header is not "${ACS3} Credential=...,SignedHeaders=...,Signature=...".`);
  const { keyId: accessKeyId, signedHeaders, signature } = parsed;
  for (let i = 0; i < REQUIRED.length; i++) {
    const name = REQUIRED[i];
    if (!h.get(name)) return fail('IncompleteSignature', 400, `The request signature does not conform to Aliyun standards: header ${name} is missing.`, accessKeyId);
  }
  const names = h.names();
  for (let i = 0; i < names.length; i++) {
    const name = names[i];
    if ((name === 'host' || name.startsWith('x-acs-')) && !signedHeaders.includes(name)) {
      return fail('IncompleteSignature', 400, `The request signature does not conform to Aliyun standards: header ${name} is not in SignedHeaders.`, accessKeyId);
    }
  }
  const secret = secretFor(accessKeyId);
  if (secret === undefined) return fail('InvalidAccessKeyId.NotFound', 404, 'Specified access key is not found.', accessKeyId);
  const rawDate = h.get('x-acs-date')!;
  const date = parseAcsDate(rawDate);
  if (!date) return fail('InvalidTimeStamp.Format', 400, `Specified time stamp or date value is not well formatted: x-acs-date "${rawDate}" is not YYYY-MM-DDTHH:mm:ssZ.`, accessKeyId);
  const late = outsideWindow(date, opts.now, opts.maxSkewMs);
  if (late) return fail('InvalidTimeStamp.Expired', 400, `Specified time stamp or date value is expired: ${late}.`, accessKeyId);
  const bodyHash = sha256Hex(incoming.body ?? '');
  const claimed = h.get('x-acs-content-sha256');
  if (claimed !== undefined && claimed.trim() !== bodyHash) {
    return fail('SignatureDoesNotMatch', 400, `Specified signature does not match our calculation: x-acs-content-sha256 is ${claimed.trim()} but the body hashes to ${bodyHash}.`, accessKeyId);
  }
  const canonical = canonicalRequestOf(incoming.method, incoming.path, canonicalQuery(incoming.query), h.canonical(signedHeaders), signedHeaders.join(';'), bodyHash);
  const stringToSign = acs3StringToSign(canonical);
  if (!safeEqual(hmacHex('sha256', secret, stringToSign), signature)) {
    return fail('SignatureDoesNotMatch', 400, `Specified signature does not match our calculation. server string to sign is:${stringToSign}`, accessKeyId);
  }
  return { ok: true, accessKeyId, nonce: h.get('x-acs-signature-nonce') };
}
