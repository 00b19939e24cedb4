import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import type { AuthMode } from '../../src/core/types.ts';
import type { AuthKind, Operation } from '../../src/spec/model.ts';
import { verifyAcs3 } from '../../src/signing/alibaba-v3.ts';
import { verifyAcsV1 } from '../../src/signing/alibaba-v1.ts';
import { TEST_CREDENTIALS } from '../../src/signing/credentials.ts';
import { verifyHuaweiAuth } from '../../src/signing/huawei.ts';
import { verifyBasic } from '../../src/signing/jpush.ts';
import type { VerifyResult } from '../../src/signing/types.ts';
import { buildRequest } from '../../src/transport/build.ts';
import { acsV1Params, toIncoming } from '../../src/transport/parse.ts';
import { checkVerifyCodes, jpushVerify, needVerify, startVerification } from './fixtures.ts';
import { captureServer, type Captured } from './server.ts';

const T = TEST_CREDENTIALS;
const opts = { now: new Date(), maxSkewMs: 15 * 60_000 };

/** What a provider's gateway would answer: the verifier for the scheme the request carries. */
function verify(c: Captured): VerifyResult | { ok: false; code: 'parse'; message: string } {
  const inc = toIncoming(c.method, c.url, c.headers, c.body);
  if (!inc.ok) return { ok: false, code: 'parse', message: inc.error };
  const r = inc.value;
  if (r.path === '/') {
    if (c.headers['x-acs-action'] && (c.headers.authorization || !r.query.some(([k]) => k === 'Signature'))) {
      return verifyAcs3(r, (id) => (id === T.alibaba.accessKeyId ? T.alibaba.accessKeySecret : undefined), opts);
    }
    const params = acsV1Params(r);
    if (!params.ok) return { ok: false, code: 'parse', message: params.error };
    return verifyAcsV1(r.method, params.value, (id) => (id === T.alibaba.accessKeyId ? T.alibaba.accessKeySecret : undefined), opts);
  }
  if (r.path.startsWith('/v1/web')) return verifyBasic(c.headers.authorization, (k) => (k === T.jpush.appKey ? T.jpush.masterSecret : undefined));
  return verifyHuaweiAuth(r, { secretFor: (ak) => (ak === T.huawei.ak ? T.huawei.sk : undefined), principalFor: (t) => (t === T.huawei.token ? 'customer-1' : undefined) }, opts);
}

let server: Awaited<ReturnType<typeof captureServer>>;
beforeAll(async () => { server = await captureServer(verify); });
afterAll(() => server.close());

const rows: Array<{ op: Operation; kind: AuthKind; auth: AuthMode; want: string }> = [];
const expected: Record<AuthKind, Record<AuthMode, string>> = {
  'acs3-hmac-sha256': { valid: 'ok', none: 'IncompleteSignature', 'wrong-secret': 'SignatureDoesNotMatch', tampered: 'SignatureDoesNotMatch' },
  'acs-hmac-sha1': { valid: 'ok', none: 'IncompleteSignature', 'wrong-secret': 'SignatureDoesNotMatch', tampered: 'SignatureDoesNotMatch' },
  'huawei-sdk-hmac-sha256': { valid: 'ok', none: 'APIGW.0301', 'wrong-secret': 'APIGW.0301', tampered: 'APIGW.0301' },
  'huawei-token': { valid: 'ok', none: 'APIGW.0301', 'wrong-secret': 'APIGW.0301', tampered: 'APIGW.0301' },
  'jpush-basic': { valid: 'ok', none: '9010', 'wrong-secret': '9011', tampered: '9011' },
};
const ops: Array<[Operation, AuthKind]> = [
  [startVerification, 'acs3-hmac-sha256'], [startVerification, 'acs-hmac-sha1'],
  [checkVerifyCodes, 'huawei-sdk-hmac-sha256'], [checkVerifyCodes, 'huawei-token'], [needVerify, 'huawei-sdk-hmac-sha256'],
  [jpushVerify, 'jpush-basic'],
];
for (const [op, kind] of ops) for (const auth of ['valid', 'none', 'wrong-secret', 'tampered'] as AuthMode[]) rows.push({ op, kind, auth, want: expected[kind][auth] });

const inputs: Record<string, { query?: Record<string, unknown>; header?: Record<string, string>; body?: unknown }> = {
  StartVerification: { query: { To: '6212345678901', Channel: 'SMS', ServiceSid: 'sid with space*and~tilde+plus/é' } },
  CheckVerifyCodes: { header: { 'X-Language': 'en-us' }, body: { verify_code: '123456', contact_value: 'a+b@example.com', contact_way: 1 } },
  CheckNeedVerify: { query: { contact_way: 0, note: 'x y+z' } },
  verify: { body: { token: 'tok', phone: '13900001234', exID: 'e-1' } },
};

describe('the wire, end to end: buildRequest -> undici -> node:http -> parse -> verify', () => {
  it.each(rows)('$op.operationId with $kind, auth $auth -> $want', async ({ op, kind, auth, want }) => {
    const wire = buildRequest(op, inputs[op.operationId], { baseUrl: server.baseUrl, credentials: TEST_CREDENTIALS, auth, authKind: kind });
    const res = await request(wire.url, { method: wire.method, headers: wire.headers, body: wire.body });
    const got = (await res.body.json()) as VerifyResult;
    expect(got.ok ? 'ok' : got.code).toBe(want);
  });
});
