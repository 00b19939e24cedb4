import { describe, expect, it } from 'vitest';
import { signAcs3, verifyAcs3 } from '../../src/signing/alibaba-v3.ts';
import { signAcsV1, verifyAcsV1 } from '../../src/signing/alibaba-v1.ts';
import { signHuawei, verifyHuawei, verifyHuaweiAuth } from '../../src/signing/huawei.ts';
import { basicAuth, verifyBasic } from '../../src/signing/jpush.ts';
import { TEST_CREDENTIALS } from '../../src/signing/credentials.ts';
import type { IncomingRequest } from '../../src/signing/types.ts';

const ali = TEST_CREDENTIALS.alibaba;
const hw = TEST_CREDENTIALS.huawei;
const date = new Date('2026-11-21T10:20:30Z');
const opts = { now: new Date('2026-11-21T10:25:00Z'), maxSkewMs: 15 * 60_000 };
const aliSecret = (id: string) => (id === ali.accessKeyId ? ali.accessKeySecret : undefined);
const hwSecret = (id: string) => (id === hw.ak ? hw.sk : undefined);

function acs3Incoming(mutate: (r: IncomingRequest) => void = () => {}): IncomingRequest {
  const query: Array<[string, string]> = [['To', '6212345678901'], ['Channel', 'SMS'], ['ServiceSid', 'a b*~c']];
  const headers = signAcs3({ method: 'POST', host: 'example.test', action: 'StartVerification', version: '2017-07-25', query }, ali, { date, nonce: 'n-1' });
  const r: IncomingRequest = { method: 'POST', path: '/', query, headers: { ...headers, 'user-agent': 'x' }, body: '' };
  mutate(r);
  return r;
}

describe('verifyAcs3', () => {
  const table: Array<{ given: string; mutate: (r: IncomingRequest) => void; secret?: typeof aliSecret; now?: Date; want: string }> = [
    { given: 'the signed request', mutate: () => {}, want: 'ok' },
    { given: 'no Authorization', mutate: (r) => { delete r.headers.authorization; }, want: 'IncompleteSignature' },
    { given: 'garbage Authorization', mutate: (r) => { r.headers.authorization = 'Bearer x'; }, want: 'IncompleteSignature' },
    { given: 'an Authorization without Signature', mutate: (r) => { r.headers.authorization = String(r.headers.authorization).replace(/,Signature=.*/, ''); }, want: 'IncompleteSignature' },
    { given: 'a look-alike scheme name', mutate: (r) => { r.headers.authorization = `ACS3-HMAC-SHA256X${String(r.headers.authorization).slice(16)}`; }, want: 'IncompleteSignature' },
    { given: 'a changed query value', mutate: (r) => { r.query[0] = ['To', '6212345678902']; }, want: 'SignatureDoesNotMatch' },
    { given: 'a changed action header', mutate: (r) => { r.headers['x-acs-action'] = 'CheckVerification'; }, want: 'SignatureDoesNotMatch' },
    { given: 'a body not matching x-acs-content-sha256', mutate: (r) => { r.body = 'x=1'; }, want: 'SignatureDoesNotMatch' },
    { given: 'an unsigned x-acs- header', mutate: (r) => { r.headers['x-acs-extra'] = '1'; }, want: 'IncompleteSignature' },
    { given: 'an unknown key', mutate: () => {}, secret: () => undefined, want: 'InvalidAccessKeyId.NotFound' },
    { given: 'a wrong secret', mutate: () => {}, secret: () => 'wrong', want: 'SignatureDoesNotMatch' },
    { given: 'a date 20 minutes off', mutate: () => {}, now: new Date('2026-11-21T10:40:31Z'), want: 'InvalidTimeStamp.Expired' },
  ];
  it.each(table)('$given -> $want', ({ mutate, secret, now, want }) => {
    const res = verifyAcs3(acs3Incoming(mutate), secret ?? aliSecret, { ...opts, now: now ?? opts.now });
    expect(res.ok ? 'ok' : res.code).toBe(want);
    if (res.ok) expect(res).toMatchObject({ accessKeyId: ali.accessKeyId, nonce: 'n-1' });
  });
  it('puts the server string to sign in SignatureDoesNotMatch, never the secret', () => {
    const res = verifyAcs3(acs3Incoming(), () => 'wrong-secret-value', opts);
    expect(res.ok).toBe(false);
    if (!res.ok) {
      expect(res.message).toMatch(/server string to sign is:ACS3-HMAC-SHA256\n[0-9a-f]{64}$/);
      expect(res.message).not.toContain('wrong-secret-value');
      expect(res.status).toBe(400);
    }
  });
});

describe('verifyAcsV1', () => {
  const signed = signAcsV1('GET', { Action: 'SendPhoneVerificationForMessageContact', Version: '2022-04-19', ContactId: 'c-1', PhoneNumber: '86-13900001234' }, ali, { date, nonce: 'nonce-v1' });
  const table = [
    { given: 'the signed params', params: signed, want: 'ok' },
    { given: 'a changed param', params: { ...signed, ContactId: 'c-2' }, want: 'SignatureDoesNotMatch' },
    { given: 'no Signature', params: { ...signed, Signature: '' }, want: 'IncompleteSignature' },
    { given: 'unknown key', params: { ...signed, AccessKeyId: 'LTAIunknown' }, want: 'InvalidAccessKeyId.NotFound' },
    { given: 'bad timestamp', params: { ...signed, Timestamp: '2026-11-21 10:20:30' }, want: 'InvalidTimeStamp.Format' },
  ];
  it.each(table)('$given -> $want', ({ params, want }) => {
    const res = verifyAcsV1('GET', params, aliSecret, opts);
    expect(res.ok ? 'ok' : res.code).toBe(want);
  });
  it('is method-sensitive and shows the server string to sign', () => {
    const res = verifyAcsV1('POST', signed, aliSecret, opts);
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.message).toContain('server string to sign is:POST&%2F&AccessKeyId%3D');
  });
});

describe('verifyHuawei', () => {
  const url = 'https://osm.example.test/v2/servicerequest/verifycodes?b=2&a=x%20y';
  const body = JSON.stringify({ verify_code: '123456', contact_value: '13900001234', contact_way: 0 });
  const headers = { 'Content-Type': 'application/json;charset=UTF-8', 'X-Language': 'en-us' };
  const added = signHuawei({ method: 'POST', url, headers, body }, hw, { date });
  const base = (): IncomingRequest => ({ method: 'POST', path: '/v2/servicerequest/verifycodes', query: [['b', '2'], ['a', 'x y']], headers: { ...headers, ...added }, body });
  const table: Array<{ given: string; req: IncomingRequest; want: string }> = [
    { given: 'the signed request', req: base(), want: 'ok' },
    { given: 'a changed body', req: { ...base(), body: body.replace('123456', '654321') }, want: 'APIGW.0301' },
    { given: 'no Authorization', req: { ...base(), headers: { ...headers } }, want: 'APIGW.0301' },
  ];
  it.each(table)('$given -> $want', ({ req, want }) => {
    const res = verifyHuawei(req, hwSecret, opts);
    expect(res.ok ? 'ok' : res.code).toBe(want);
    if (!res.ok) expect(res.status).toBe(401);
  });
  it('accepts a valid X-Auth-Token and rejects an unknown one', () => {
    const lookup = { secretFor: hwSecret, principalFor: (t: string) => (t === hw.token ? 'customer-1' : undefined) };
    const ok = verifyHuaweiAuth({ ...base(), headers: { 'X-Auth-Token': hw.token! } }, lookup, opts);
    expect(ok).toEqual({ ok: true, accessKeyId: 'customer-1' });
    const bad = verifyHuaweiAuth({ ...base(), headers: { 'X-Auth-Token': 'nope' } }, lookup, opts);
    expect(bad.ok ? 'ok' : bad.code).toBe('APIGW.0301');
  });
});

describe('verifyBasic', () => {
  const { appKey, masterSecret } = TEST_CREDENTIALS.jpush;
  const secretFor = (k: string) => (k === appKey ? masterSecret : undefined);
  const table = [
    { given: basicAuth(appKey, masterSecret), want: 'ok' },
    { given: undefined, want: '9010' },
    { given: 'Basic !!!', want: '9010' },
    { given: basicAuth(appKey, 'wrong'), want: '9011' },
    { given: basicAuth('other', masterSecret), want: '9011' },
  ];
  it.each(table)('$given -> $want', ({ given, want }) => {
    const res = verifyBasic(given, secretFor);
    expect(res.ok ? 'ok' : res.code).toBe(want);
  });
});
