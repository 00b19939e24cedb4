/** JPush / JVerification HTTP Basic authentication: `Authorization: Basic base64(appKey:masterSecret)`. */
import { safeEqual } from './crypto.ts';
import { fail, type SecretLookup, type VerifyResult } from './types.ts';

export function basicAuth(appKey: string, masterSecret: string): string {
  return `Basic ${Buffer.from(`${appKey}:${masterSecret}`, 'utf8').toString('base64')}`;
}

/**
 * Verifies a Basic Authorization header value: missing or malformed -> 9010 (missing auth information),
 * unknown app key or wrong master secret -> 9011 (auth failed). HTTP status on JPush errors is
 * UNCONFIRMED (providers.md); 401 is what the JPush REST APIs use for auth failures.
 */
export function verifyBasic(header: string | undefined, secretFor: SecretLookup): VerifyResult {
  const m = header ? /^Basic\s+([A-Za-z0-9+/]+={0,2})\s*$/.exec(header) : null;
  if (!m) return fail('9010', 401, header ? 'Authorization is not "Basic base64(appKey:masterSecret)"' : 'missing auth information (Authorization header)');
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const i = decoded.indexOf(':');
  if (i <= 0) return fail('9010', 401, 'Basic credentials are not "appKey:masterSecret"');
  const appKey = decoded.slice(0, i);
  const secret = secretFor(appKey);
  if (secret === undefined || !safeEqual(secret, decoded.slice(i + 1))) return fail('9011', 401, 'auth failed: unknown appKey or wrong masterSecret', appKey);
  return { ok: true, accessKeyId: appKey };
}
