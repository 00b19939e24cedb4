import { afterEach, describe, expect, it } from 'vitest';
import {
  clearRegisteredSecrets, maskPhone, redactHeaders, redactQuery, redactText, redactUrl, redactValue, registerSecret,
} from '../../src/core/redact.ts';

afterEach(() => clearRegisteredSecrets());

describe('maskPhone', () => {
  it.each([
    { given: '6212345678901', want: '6212345****01' },
    { given: '8613912341234', want: '8613912****34' },
    { given: '86-13912341234', want: '86-13912****34' },
    { given: '123', want: '****' },
  ])('$given -> $want', ({ given, want }) => expect(maskPhone(given)).toBe(want));
});

describe('redactText', () => {
  it.each([
    { given: 'Authorization: ACS3-HMAC-SHA256 Credential=LTAIabc,SignedHeaders=host,Signature=deadbeef', absent: ['LTAIabc', 'deadbeef'] },
    { given: 'GET /?AccessKeyId=LTAIxyz&Signature=abc%2Bdef%3D&Action=X', absent: ['LTAIxyz', 'abc%2Bdef'] },
    { given: 'Authorization: Basic N2Q0MzFlNDJkZmE2YTZkNjkzYWMyZDA0OjVlOTg3YWM2', absent: ['N2Q0MzFlNDJkZmE2YTZkNjkzYWMyZDA0OjVlOTg3YWM2'] },
    { given: '{"X-Auth-Token":"MIIEhAYJKoZIhvcNAQcCoIIEdTCCBHECAQEx"}', absent: ['MIIEhAYJKoZIhvcNAQcCoIIEdTCCBHECAQEx'] },
    // every shape the free-text patterns know, in the spellings they accept (the one-scan trigger must let each through)
    { given: 'SDK-HMAC-SHA256   Access=HWAKexample1, SignedHeaders=host', absent: ['HWAKexample1'] },
    { given: 'auth: Bearer eyJhbGciOiJIUzI1NiJ9.payload', absent: ['eyJhbGciOiJIUzI1NiJ9.payload'] },
    { given: 'accesskeyid=LTAIlower1&SECRET_KEY=shh12345&securityToken=STStok99&access_key=AK777', absent: ['LTAIlower1', 'shh12345', 'STStok99', 'AK777'] },
    { given: '{"authorization": "opaque-credential-1"}', absent: ['opaque-credential-1'] },
    { given: '{"x-acs-security-token" : "STS.token.value"}', absent: ['STS.token.value'] },
    { given: '{"X-Subject-Token":"MIIsubject"} {"x-auth-token":"lowertoken1"}', absent: ['MIIsubject', 'lowertoken1'] },
  ])('removes secrets from $given', ({ given, absent }) => {
    const out = redactText(given);
    for (const a of absent) expect(out).not.toContain(a);
    expect(out).toContain('[REDACTED]');
  });

  it('replaces registered values in plain, URL-encoded and JSON-escaped form', () => {
    registerSecret('s3cr3t/with+chars', 'secret');
    registerSecret('6212345678901', 'phone');
    registerSecret('482913', 'code');
    const out = redactText('a s3cr3t/with+chars b s3cr3t%2Fwith%2Bchars c 6212345678901 d code=482913 e 14829130');
    expect(out).toBe('a [REDACTED] b [REDACTED] c 6212345****01 d code=****** e 14829130');
  });
});

describe('redactValue', () => {
  it('masks by field name, with OTP Code only in requests', () => {
    const req = redactValue({ To: '6212345678901', Code: '1234', ServiceSid: 'FA00000000000001', token: 'tkn-abcdef' }, 'request');
    expect(req).toEqual({ To: '6212345****01', Code: '******', ServiceSid: 'FA00000000000001', token: '[REDACTED]' });
    const res = redactValue({ Code: 'OK', Model: { verifyCode: '5678', phoneNumber: '6212345678901' } }, 'response');
    expect(res).toEqual({ Code: 'OK', Model: { verifyCode: '******', phoneNumber: '6212345****01' } });
  });
});

describe('redactHeaders / redactQuery / redactUrl', () => {
  it('keeps the auth scheme but never the credential', () => {
    expect(redactHeaders({ Authorization: 'SDK-HMAC-SHA256 Access=AK, SignedHeaders=host, Signature=abc', 'X-Auth-Token': 'tok', Host: 'h' }))
      .toEqual({ Authorization: 'SDK-HMAC-SHA256 [REDACTED]', 'X-Auth-Token': '[REDACTED]', Host: 'h' });
  });
  it('redacts query parameters by name', () => {
    expect(redactQuery('?To=6212345678901&Code=9999&Channel=SMS')).toBe('?To=6212345****01&Code=******&Channel=SMS');
    expect(redactUrl('http://h/?Signature=abc&AccessKeyId=LTAI1')).not.toMatch(/abc|LTAI1/);
  });
});

describe('registered values in signed-request forms', () => {
  it('redacts a security token that appears double-encoded in a V1 string to sign', () => {
    const token = 'CAIS+tok/en=abc(1)*';
    registerSecret(token, 'token');
    const once = encodeURIComponent(token).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
    const twice = encodeURIComponent(once);
    const out = redactText(`POST&%2F&SecurityToken%3D${twice}&x=${once}&y=${token}`);
    expect(out).not.toContain(twice);
    expect(out).not.toContain(once);
    expect(out).not.toContain(token);
  });
});

describe('phone numbers inside longer values', () => {
  it('masks a number repeated into an over-long value, by field and by registered value', () => {
    registerSecret('13800138445', 'phone');
    const long = '8613800138445'.repeat(6);
    const byField = redactValue({ contact_value: long }, 'request') as { contact_value: string };
    expect(byField.contact_value).not.toContain('13800138445');
    expect(byField.contact_value).toHaveLength(long.length);
    expect(redactText(`x=${long}`)).not.toContain('13800138445');
  });
});

describe('kinds of values registered after a first redaction', () => {
  it('masks a phone number registered later as a phone, not as a secret', () => {
    registerSecret('tok/abc+def=0001', 'token');
    expect(redactText('a tok/abc+def=0001')).toBe('a [REDACTED]');
    registerSecret('86-13900001111', 'phone');
    expect(redactText('b 86-13900001111')).toBe('b 86-13900****11');
    // an encoded form of a later value gets its own kind too (phone mask, not [REDACTED])
    registerSecret('+86 139 0000 2222', 'phone');
    const out = redactText(`c=${encodeURIComponent('+86 139 0000 2222')}`);
    expect(out).not.toContain('2222');
    expect(out).not.toContain('[REDACTED]');
    expect(out).toContain('****');
  });
});
