/**
 * Alibaba Cloud signature V1, HMAC-SHA1 (what @alicloud/pop-core's RPCClient sends).
 * StringToSign = METHOD & enc("/") & enc(sorted "k=v&..." of every parameter but Signature);
 * Signature = base64(HMAC-SHA1(secret + "&", StringToSign)). Parameters travel in the query or a form body.
 */
import { acsDate, parseAcsDate } from './alibaba-v3.ts';
import type { AlibabaCredentials } from './credentials.ts';
import { hmacBase64, outsideWindow, safeEqual } from './crypto.ts';
import { canonicalQuery, percentEncode } from './percent.ts';
import { fail, type SecretLookup, type VerifyOptions, type VerifyResult } from './types.ts';

export type Params = ReadonlyArray<readonly [string, string]> | Readonly<Record<string, string>>;

function toPairs(params: Params): Array<readonly [string, string]> {
  return Array.isArray(params) ? [...(params as ReadonlyArray<readonly [string, string]>)] : Object.entries(params);
}

export function acsV1StringToSign(method: string, params: Params): string {
  const pairs = toPairs(params).filter(([k]) => k !== 'Signature');
  return `${method.toUpperCase()}&${percentEncode('/')}&${percentEncode(canonicalQuery(pairs))}`;
}

export function acsV1Signature(secret: string, stringToSign: string): string {
  return hmacBase64('sha1', `${secret}&`, stringToSign);
}

/**
 * Adds the common signature parameters (Format=JSON unless given, Timestamp, SignatureNonce, SignatureMethod,
 * SignatureVersion, AccessKeyId, [SecurityToken]) to `params` (which carries Action, Version and the business
 * parameters) and returns them all with `Signature` last.
 */
export function signAcsV1(method: string, params: Readonly<Record<string, string>>, cred: AlibabaCredentials, ctx: { date: Date; nonce: string }): Record<string, string> {
  const out: Record<string, string> = {
    Format: 'JSON',
    ...params,
    Timestamp: acsDate(ctx.date),
    SignatureMethod: 'HMAC-SHA1',
    SignatureVersion: '1.0',
    SignatureNonce: ctx.nonce,
    AccessKeyId: cred.accessKeyId,
  };
  if (cred.securityToken) out.SecurityToken = cred.securityToken;
  out.Signature = acsV1Signature(cred.accessKeySecret, acsV1StringToSign(method, out));
  return out;
}

const REQUIRED = ['Signature', 'AccessKeyId', 'SignatureMethod', 'SignatureVersion', 'Timestamp', 'SignatureNonce'];

/**
 * Verifies V1 parameters (query and form body merged by the caller, already decoded). Nonce reuse is the
 * caller's state: the nonce is returned so it can answer SignatureNonceUsed.
 */
export function verifyAcsV1(method: string, params: Params, secretFor: SecretLookup, opts: VerifyOptions): VerifyResult {
  const pairs = toPairs(params);
  const get = (k: string): string | undefined => pairs.find(([n]) => n === k)?.[1];
  const accessKeyId = get('AccessKeyId');
  for (const name of REQUIRED) {
    if (!get(name)) return fail('IncompleteSignature', 400, `The request signature does not conform to Aliyun standards: parameter ${name} is missing.`, accessKeyId);
  }
  if (get('SignatureMethod') !== 'HMAC-SHA1' || get('SignatureVersion') !== '1.0') {
    return fail('IncompleteSignature', 400, `The request signature does not conform to Aliyun standards: SignatureMethod must be HMAC-SHA1 and SignatureVersion 1.0 (got ${get('SignatureMethod')} ${get('SignatureVersion')}).`, accessKeyId);
  }
  const secret = secretFor(accessKeyId!);
  if (secret === undefined) return fail('InvalidAccessKeyId.NotFound', 404, 'Specified access key is not found.', accessKeyId);
  const rawDate = get('Timestamp')!;
  const date = parseAcsDate(rawDate);
  if (!date) return fail('InvalidTimeStamp.Format', 400, `Specified time stamp or date value is not well formatted: Timestamp "${rawDate}" is not YYYY-MM-DDTHH:mm:ssZ.`, accessKeyId);
  const late = outsideWindow(date, opts.now, opts.maxSkewMs);
  if (late) return fail('InvalidTimeStamp.Expired', 400, `Specified time stamp or date value is expired: ${late}.`, accessKeyId);
  const stringToSign = acsV1StringToSign(method, pairs);
  if (!safeEqual(acsV1Signature(secret, stringToSign), get('Signature')!)) {
    return fail('SignatureDoesNotMatch', 400, `Specified signature does not match our calculation. server string to sign is:${stringToSign}`, accessKeyId);
  }
  return { ok: true, accessKeyId: accessKeyId!, nonce: get('SignatureNonce') };
}
