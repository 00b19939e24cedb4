import { describe, expect, it } from 'vitest';
import type { AuthMode, CaseInput } from '../../src/core/types.ts';
import type { AuthKind, Operation } from '../../src/spec/model.ts';
import { TEST_CREDENTIALS } from '../../src/signing/credentials.ts';
import { buildRequest } from '../../src/transport/build.ts';
import { MissingCredentialsError } from '../../src/transport/context.ts';
import { checkVerifyCodes, jpushVerify, needVerify, operation, startVerification } from './fixtures.ts';

const fixed = { now: () => new Date('2026-11-21T10:20:30Z'), nonce: () => 'nonce-0001' };
const build = (op: Operation, input: CaseInput, auth: AuthMode = 'valid', authKind?: AuthKind) =>
  buildRequest(op, input, { baseUrl: 'http://127.0.0.1:8080/', credentials: TEST_CREDENTIALS, auth, authKind, ...fixed });

describe('buildRequest: Alibaba RPC', () => {
  const input = { query: { To: '6212345678901', Channel: 'SMS', ServiceSid: 'a b*~', Tags: ['x', 'y'], Skip: undefined } };

  it('V3: path "/", business params in the query, x-acs headers and ACS3 Authorization', () => {
    const req = build(startVerification, input);
    expect(req.method).toBe('POST');
    expect(req.url).toBe('http://127.0.0.1:8080/?To=6212345678901&Channel=SMS&ServiceSid=a%20b%2A~&Tags.1=x&Tags.2=y');
    expect(req.body).toBeUndefined();
    expect(req.headers).toMatchObject({
      host: '127.0.0.1:8080',
      'x-acs-action': 'StartVerification',
      'x-acs-version': '2017-07-25',
      'x-acs-date': '2026-11-21T10:20:30Z',
      'x-acs-signature-nonce': 'nonce-0001',
      'x-acs-content-sha256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    });
    expect(req.headers.authorization).toMatch(/^ACS3-HMAC-SHA256 Credential=LTAI5tVerikitTestKey01,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=[0-9a-f]{64}$/);
  });

  it('V1: Action, Version, Format and the signature parameters in the query', () => {
    const req = build(startVerification, { query: { To: '6212345678901' } }, 'valid', 'acs-hmac-sha1');
    const q = new URL(req.url).searchParams;
    expect(new URL(req.url).pathname).toBe('/');
    expect(Object.fromEntries([...q].filter(([k]) => k !== 'Signature'))).toEqual({
      Action: 'StartVerification', Version: '2017-07-25', Format: 'JSON', To: '6212345678901',
      Timestamp: '2026-11-21T10:20:30Z', SignatureMethod: 'HMAC-SHA1', SignatureVersion: '1.0',
      SignatureNonce: 'nonce-0001', AccessKeyId: 'LTAI5tVerikitTestKey01',
    });
    expect(q.get('Signature')).toMatch(/^[A-Za-z0-9+/]{27}=$/);
    expect(req.headers.authorization).toBeUndefined();
  });

  const modes: Array<{ given: AuthMode; kind: AuthKind; want: (r: ReturnType<typeof build>, valid: ReturnType<typeof build>) => void }> = [
    { given: 'none', kind: 'acs3-hmac-sha256', want: (r) => { expect(r.headers.authorization).toBeUndefined(); expect(r.headers['x-acs-action']).toBe('StartVerification'); } },
    { given: 'wrong-secret', kind: 'acs3-hmac-sha256', want: (r, v) => { expect(r.headers.authorization).not.toBe(v.headers.authorization); expect(r.headers.authorization).toContain('Credential=LTAI5tVerikitTestKey01,'); } },
    { given: 'tampered', kind: 'acs3-hmac-sha256', want: (r, v) => { expect(r.headers.authorization).not.toBe(v.headers.authorization); expect(r.headers.authorization.length).toBe(v.headers.authorization.length); } },
    { given: 'none', kind: 'acs-hmac-sha1', want: (r) => { expect(r.url).not.toMatch(/Signature|AccessKeyId/); expect(r.url).toContain('Action=StartVerification'); } },
    { given: 'tampered', kind: 'acs-hmac-sha1', want: (r, v) => { expect(new URL(r.url).searchParams.get('Signature')).not.toBe(new URL(v.url).searchParams.get('Signature')); } },
  ];
  it.each(modes)('auth $given with $kind', ({ given, kind, want }) => {
    want(build(startVerification, input, given, kind), build(startVerification, input, 'valid', kind));
  });

  it('replaces a case-supplied Authorization header by its own', () => {
    const req = build(startVerification, { query: {}, header: { Authorization: 'from-the-case' } }, 'none');
    expect(Object.values(req.headers)).not.toContain('from-the-case');
  });
});

describe('buildRequest: Huawei and JPush', () => {
  const body = { verify_code: '123456', contact_value: '13900001234', contact_way: 0 };
  const table: Array<{ given: string; op: Operation; input: CaseInput; auth: AuthMode; kind?: AuthKind; want: { url: string; headers: Record<string, string | RegExp>; body?: string; absent?: string[] } }> = [
    { given: 'token auth', op: checkVerifyCodes, input: { body, header: { 'X-Language': 'en-us', 'X-Auth-Token': 'case-value' } }, auth: 'valid',
      want: { url: 'http://127.0.0.1:8080/v2/servicerequest/verifycodes', body: JSON.stringify(body), headers: { 'X-Auth-Token': TEST_CREDENTIALS.huawei.token!, 'X-Language': 'en-us', 'Content-Type': 'application/json' } } },
    { given: 'no auth', op: checkVerifyCodes, input: { body }, auth: 'none', want: { url: 'http://127.0.0.1:8080/v2/servicerequest/verifycodes', body: JSON.stringify(body), headers: {}, absent: ['X-Auth-Token', 'Authorization'] } },
    { given: 'AK/SK signing', op: checkVerifyCodes, input: { body }, auth: 'valid', kind: 'huawei-sdk-hmac-sha256',
      want: { url: 'http://127.0.0.1:8080/v2/servicerequest/verifycodes', body: JSON.stringify(body), headers: { 'X-Sdk-Date': '20261121T102030Z', host: '127.0.0.1:8080', Authorization: /^SDK-HMAC-SHA256 Access=VERIKITTESTAK0000001, SignedHeaders=content-type;host;x-sdk-date, Signature=[0-9a-f]{64}$/ }, absent: ['X-Auth-Token'] } },
    { given: 'GET with query, no body', op: needVerify, input: { query: { contact_way: 0, area_code: '+86' } }, auth: 'valid',
      want: { url: 'http://127.0.0.1:8080/v2/servicerequest/verifycodes/need-verify?contact_way=0&area_code=%2B86', headers: { Authorization: /SignedHeaders=host;x-sdk-date,/ }, absent: ['Content-Type'] } },
    { given: 'a path parameter', op: operation({ id: 'p', method: 'GET', path: '/v1/{id}/x', auth: ['huawei-token'], pathParams: ['id'] }), input: { query: { id: 'a/b', q: '1' } }, auth: 'valid',
      want: { url: 'http://127.0.0.1:8080/v1/a%2Fb/x?q=1', headers: {} } },
    { given: 'JPush Basic', op: jpushVerify, input: { body: { token: 'tok', phone: '13900001234' } }, auth: 'valid',
      want: { url: 'http://127.0.0.1:8080/v1/web/verify', body: '{"token":"tok","phone":"13900001234"}', headers: { Authorization: `Basic ${Buffer.from('verikit0test0app0key0001:verikit0test0master00001').toString('base64')}`, 'Content-Type': 'application/json' } } },
    { given: 'JPush wrong secret', op: jpushVerify, input: { body: {} }, auth: 'wrong-secret',
      want: { url: 'http://127.0.0.1:8080/v1/web/verify', body: '{}', headers: { Authorization: `Basic ${Buffer.from('verikit0test0app0key0001:verikitWrongSecretveriki').toString('base64')}` } } },
  ];
  it.each(table)('$given', ({ op, input, auth, kind, want }) => {
    const req = build(op, input, auth, kind);
    expect(req.url).toBe(want.url);
    expect(req.body).toBe(want.body);
    for (const [k, v] of Object.entries(want.headers)) {
      if (v instanceof RegExp) expect(req.headers[k]).toMatch(v);
      else expect(req.headers[k]).toBe(v);
    }
    for (const k of want.absent ?? []) expect(req.headers[k]).toBeUndefined();
  });

  it('raises a named error when a scheme has no credentials', () => {
    expect(() => buildRequest(jpushVerify, {}, { baseUrl: 'http://h', credentials: {}, auth: 'valid' })).toThrow(MissingCredentialsError);
    expect(() => buildRequest(jpushVerify, {}, { baseUrl: 'http://h', credentials: {}, auth: 'none' })).not.toThrow();
  });
});
