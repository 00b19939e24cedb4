/**
 * Auth at the proxy. Schemes that do not bind the host (Alibaba V1 HMAC-SHA1, JPush Basic, Huawei
 * X-Auth-Token) pass through untouched. Schemes that sign the host (Alibaba V3 ACS3-HMAC-SHA256, Huawei
 * SDK-HMAC-SHA256) are verified with the same verifiers, credentials and clock window as the mock, then
 * re-signed over the same signed headers with only `host` changed to the upstream's. Pure apart from the clock.
 */
import { MAX_SKEW_MS } from '../mock/alibaba/common.ts';
import type { AcceptedCredentials } from '../mock/credentials.ts';
import { OSM_RULES } from '../mock/huawei/osm.ts';
import { ACS3, acs3CanonicalRequest, acs3StringToSign, verifyAcs3 } from '../signing/alibaba-v3.ts';
import { hmacHex, sha256Hex } from '../signing/crypto.ts';
import { huaweiStringToSign, SDK_HMAC, verifyHuawei } from '../signing/huawei.ts';
import { parseSignedAuthorization, type IncomingRequest, type VerifyFailure } from '../signing/types.ts';
import type { ProviderId } from '../spec/model.ts';
import { parseQueryString } from '../transport/parse.ts';

export interface ProxyRequest {
  method: string;
  /** Raw path, no query. */
  path: string;
  rawQuery: string;
  /** Lower-case names (node's IncomingMessage.headers). */
  headers: Record<string, string>;
  body: string;
}

export type AuthDecision =
  /** Forward as is (only `host` changes). */
  | { kind: 'pass'; scheme: string }
  /** Forward with these headers replacing the app's (`host`, `authorization`). */
  | { kind: 'resign'; scheme: string; headers: Record<string, string> }
  /** Do not forward: the signature does not verify with the proxy's credentials. */
  | { kind: 'reject'; scheme: string; failure: VerifyFailure };

const ACTION_PARAM = /(?:^|&)Action=/;

/** Which scheme the request uses, decided as the mocks decide it. */
export function schemeOf(provider: ProviderId, req: ProxyRequest): 'acs3' | 'acs-v1' | 'huawei-aksk' | 'huawei-token' | 'jpush-basic' {
  if (provider === 'jiguang-jverification') return 'jpush-basic';
  if (provider === 'huawei-osm') return req.headers.authorization !== undefined || req.headers['x-auth-token'] === undefined ? 'huawei-aksk' : 'huawei-token';
  const v3 = req.headers.authorization !== undefined || (req.headers['x-acs-action'] !== undefined && !ACTION_PARAM.test(req.rawQuery) && !ACTION_PARAM.test(req.body));
  return v3 ? 'acs3' : 'acs-v1';
}

function incoming(req: ProxyRequest): IncomingRequest | undefined {
  const q = parseQueryString(req.rawQuery);
  return q.ok ? { method: req.method, path: req.path, query: q.value, headers: req.headers, body: req.body } : undefined;
}

const malformed = (code: string, status: number, message: string): VerifyFailure => ({ ok: false, code, status, message });

/** Verifies a host-binding signature and re-signs it for `upstreamHost`; passes the other schemes through. */
export function authorize(provider: ProviderId, req: ProxyRequest, creds: AcceptedCredentials, upstreamHost: string, now: Date = new Date()): AuthDecision {
  const scheme = schemeOf(provider, req);
  if (scheme === 'acs3') {
    const inc = incoming(req);
    if (!inc) return { kind: 'reject', scheme, failure: malformed('IncompleteSignature', 400, 'The query string is malformed.') };
    const secretFor = (id: string) => creds.alibaba.find((c) => c.accessKeyId === id)?.accessKeySecret;
    const verdict = verifyAcs3(inc, secretFor, { now, maxSkewMs: MAX_SKEW_MS });
    if (!verdict.ok) return { kind: 'reject', scheme, failure: verdict };
    const parsed = parseSignedAuthorization(req.headers.authorization!, ACS3, 'Credential')!;
    const headers = { ...req.headers, host: upstreamHost };
    const canonical = acs3CanonicalRequest(req.method, req.path, inc.query, headers, parsed.signedHeaders, sha256Hex(req.body));
    const signature = hmacHex('sha256', secretFor(parsed.keyId)!, acs3StringToSign(canonical));
    return { kind: 'resign', scheme, headers: { host: upstreamHost, authorization: `${ACS3} Credential=${parsed.keyId},SignedHeaders=${parsed.signedHeaders.join(';')},Signature=${signature}` } };
  }
  if (scheme === 'huawei-aksk') {
    const inc = incoming(req);
    if (!inc) return { kind: 'reject', scheme, failure: malformed('APIGW.0301', 401, 'Incorrect IAM authentication information: the query string is malformed') };
    const secretFor = (ak: string) => creds.huawei.find((c) => c.ak && c.ak === ak)?.sk;
    const verdict = verifyHuawei(inc, secretFor, { now, maxSkewMs: OSM_RULES.maxSkewMs });
    if (!verdict.ok) return { kind: 'reject', scheme, failure: verdict };
    const parsed = parseSignedAuthorization(req.headers.authorization!, SDK_HMAC, 'Access')!;
    const headers = { ...req.headers, host: upstreamHost };
    const claimed = parsed.signedHeaders.includes('x-sdk-content-sha256') ? req.headers['x-sdk-content-sha256']?.trim() : undefined;
    const sts = huaweiStringToSign(req.method, req.path, inc.query, headers, parsed.signedHeaders, claimed ?? sha256Hex(req.body), req.headers['x-sdk-date']!);
    const signature = hmacHex('sha256', secretFor(parsed.keyId)!, sts);
    return { kind: 'resign', scheme, headers: { host: upstreamHost, authorization: `${SDK_HMAC} Access=${parsed.keyId}, SignedHeaders=${parsed.signedHeaders.join(';')}, Signature=${signature}` } };
  }
  return { kind: 'pass', scheme };
}
