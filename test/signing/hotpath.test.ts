/** The verifiers' fast paths give exactly what the general code gives. */
import { describe, expect, it } from 'vitest';
import { createHash, createHmac } from 'node:crypto';
import { acs3CanonicalHeaders, acsDate, parseAcsDate, signAcs3, verifyAcs3 } from '../../src/signing/alibaba-v3.ts';
import { hmacHex, safeEqual, sha256Hex } from '../../src/signing/crypto.ts';
import { canonicalQuery, canonicalQueryOfEncoded, percentDecode, percentEncode } from '../../src/signing/percent.ts';
import { TEST_CREDENTIALS } from '../../src/signing/credentials.ts';
import { parseSignedAuthorization } from '../../src/signing/types.ts';

const general = (v: string) => encodeURIComponent(v).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

describe('percentEncode', () => {
  it.each([
    { given: 'verikit-bench_1.0~x', want: 'verikit-bench_1.0~x' },
    { given: '', want: '' },
    { given: 'a b', want: 'a%20b' },
    { given: "*!'()", want: '%2A%21%27%28%29' },
    { given: '+86 138', want: '%2B86%20138' },
    { given: 'é/ü', want: '%C3%A9%2F%C3%BC' },
  ])('$given -> $want (same as the general encoder)', ({ given, want }) => {
    expect([percentEncode(given), general(given)]).toEqual([want, want]);
  });
});

describe('canonicalQuery', () => {
  const reference = (pairs: Array<[string, string]>) =>
    pairs.map(([k, v]) => [percentEncode(k), percentEncode(v)]).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0)).map(([k, v]) => `${k}=${v}`).join('&');
  it.each([
    { given: [], want: '' },
    { given: [['b', '2'], ['a', '1']], want: 'a=1&b=2' },
    { given: [['a', '2'], ['a', '1'], ['A', 'x']], want: 'A=x&a=1&a=2' },
    { given: [['To', '+86 1'], ['Channel', 'SMS'], ['ServiceSid', 's']], want: 'Channel=SMS&ServiceSid=s&To=%2B86%201' },
  ] as Array<{ given: Array<[string, string]>; want: string }>)('$want', ({ given, want }) => {
    expect(canonicalQuery(given)).toBe(want);
  });

  it('sorts like Array.prototype.sort for 0 to 40 pairs (short lists by insertion, long ones by sort), repeated names included', () => {
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
    for (let round = 0; round < 400; round++) {
      const pairs = Array.from({ length: round % 41 }, () => [`k${rnd(6)}${'éZ_'[rnd(3)]}`, `v${rnd(4)}`] as [string, string]);
      const before = JSON.stringify(pairs);
      expect(canonicalQuery(pairs), before).toBe(reference(pairs));
      expect(JSON.stringify(pairs)).toBe(before);
      const encoded = pairs.map(([k, v]) => [percentEncode(k), percentEncode(v)] as [string, string]);
      expect(canonicalQueryOfEncoded(encoded)).toBe(reference(pairs));
    }
  });
});

describe('percentDecode', () => {
  it.each([
    { given: 'plain-value', plus: true, want: { ok: true, value: 'plain-value' } },
    { given: 'a+b', plus: true, want: { ok: true, value: 'a b' } },
    { given: 'a+b', plus: false, want: { ok: true, value: 'a+b' } },
    { given: '%E4%BD%A0', plus: true, want: { ok: true, value: '你' } },
    { given: '%zz', plus: true, want: { ok: false } },
    { given: '%FF', plus: true, want: { ok: false } },
  ])('$given (plus as space: $plus)', ({ given, plus, want }) => {
    expect(percentDecode(given, plus)).toMatchObject(want);
  });
});

describe('parseAcsDate', () => {
  it('gives equal, separate dates for a repeated value and still rejects bad ones in between', () => {
    const a = parseAcsDate('2026-11-22T00:15:05Z')!;
    a.setTime(0);
    expect(parseAcsDate('2026-11-22T00:15:05Z')?.toISOString()).toBe('2026-11-22T00:15:05.000Z');
    expect(parseAcsDate('2026-02-30T00:00:00Z')).toBeUndefined();
    expect(parseAcsDate('2026-11-22T00:15:05Z')?.getTime()).toBe(Date.UTC(2026, 10, 22, 0, 15, 5));
  });
});

describe('sha256Hex', () => {
  it.each([[''], [new Uint8Array(0)], ['x'], [new Uint8Array([1, 2])]])('%s', (data) => {
    expect(sha256Hex(data)).toBe(createHash('sha256').update(data).digest('hex'));
  });
});

describe('verifyAcs3 header handling', () => {
  const date = new Date();
  const signed = signAcs3(
    { method: 'POST', host: 'h:1', action: 'A', version: 'V', query: [['To', '1']], headers: { 'content-type': 'text/plain' } },
    TEST_CREDENTIALS.alibaba!,
    { date, nonce: 'n-1' },
  );
  const base = { 'content-type': 'text/plain', ...signed };
  const verify = (headers: Record<string, string | string[] | undefined>) =>
    verifyAcs3({ method: 'POST', path: '/', query: [['To', '1']], headers, body: '' }, () => TEST_CREDENTIALS.alibaba!.accessKeySecret, { now: date, maxSkewMs: 60_000 });
  it.each([
    { given: 'lower-case headers', headers: base, want: { ok: true, nonce: 'n-1' } },
    { given: 'mixed-case names', headers: Object.fromEntries(Object.entries(base).map(([k, v]) => [k.toUpperCase(), v])), want: { ok: true, nonce: 'n-1' } },
    { given: 'padded values', headers: { ...base, 'x-acs-action': ' A ' }, want: { ok: true } },
    { given: 'an unsigned x-acs header', headers: { ...base, 'x-acs-extra': '1' }, want: { ok: false, code: 'IncompleteSignature' } },
    { given: 'a missing nonce', headers: { ...base, 'x-acs-signature-nonce': undefined }, want: { ok: false, code: 'IncompleteSignature' } },
    { given: 'a changed signed value', headers: { ...base, 'x-acs-version': 'W' }, want: { ok: false, code: 'SignatureDoesNotMatch' } },
  ])('$given', ({ headers, want }) => {
    expect(verify(headers)).toMatchObject(want);
  });

  it('canonical headers sort repeated values and join arrays', () => {
    expect(acs3CanonicalHeaders({ 'X-Acs-A': ['b ', ' a'], host: 'h' }, ['host', 'x-acs-a'])).toBe('host:h\nx-acs-a:a,b\n');
    expect(acsDate(new Date(Date.UTC(2026, 0, 2, 3, 4, 5)))).toBe('2026-01-02T03:04:05Z');
  });
});

describe('parseSignedAuthorization (the signers\' exact form and everything else)', () => {
  const S = 'ACS3-HMAC-SHA256';
  it.each([
    { given: `${S} Credential=K1,SignedHeaders=host;x-acs-date,Signature=ab12`, want: { keyId: 'K1', signedHeaders: ['host', 'x-acs-date'], signature: 'ab12' } },
    { given: `${S} Credential=K1, SignedHeaders=host, Signature=ab12`, want: { keyId: 'K1', signedHeaders: ['host'], signature: 'ab12' } },
    { given: `  ${S}  Credential = K1 ,SignedHeaders= Host ; X-Acs-Date ,Signature=ab12  `, want: { keyId: 'K1', signedHeaders: ['host', 'x-acs-date'], signature: 'ab12' } },
    { given: `${S} Signature=ab12,SignedHeaders=host,Credential=K1`, want: { keyId: 'K1', signedHeaders: ['host'], signature: 'ab12' } },
    { given: `${S} Credential=K=1,SignedHeaders=host,Signature=ab12`, want: { keyId: 'K=1', signedHeaders: ['host'], signature: 'ab12' } },
    { given: `${S} Credential=K1,SignedHeaders=host,Signature=ab12,Signature=cd34`, want: { keyId: 'K1', signedHeaders: ['host'], signature: 'cd34' } },
    { given: `${S} Credential=K1,SignedHeaders=host;;x,Signature=ab12`, want: { keyId: 'K1', signedHeaders: ['host', '', 'x'], signature: 'ab12' } },
    { given: `${S}Credential=K1,SignedHeaders=host,Signature=ab12`, want: undefined },
    { given: `${S} Credential=K1,SignedHeaders=host`, want: undefined },
    { given: `SDK-HMAC-SHA256 Credential=K1,SignedHeaders=host,Signature=ab12`, want: undefined },
  ])('$given', ({ given, want }) => {
    expect(parseSignedAuthorization(given, S, 'Credential')).toEqual(want);
  });

  it('reads one client\'s requests in turn: same key and headers, new signatures, then a bad one and another scheme', () => {
    const prefix = `${S} Credential=K1,SignedHeaders=host;x-acs-date,`;
    const table = [
      { given: `${prefix}Signature=ab12`, want: { keyId: 'K1', signedHeaders: ['host', 'x-acs-date'], signature: 'ab12' } },
      { given: `${prefix}Signature=cd34`, want: { keyId: 'K1', signedHeaders: ['host', 'x-acs-date'], signature: 'cd34' } },
      // Not the exact form: the general parse reads it, as it always did.
      { given: `${prefix}Signature=cd 34`, want: { keyId: 'K1', signedHeaders: ['host', 'x-acs-date'], signature: 'cd 34' } },
      { given: `${prefix}Signature=`, want: undefined },
      { given: `${prefix}Signature=ef56,Credential=K2`, want: { keyId: 'K2', signedHeaders: ['host', 'x-acs-date'], signature: 'ef56' } },
      { given: `${S} Credential=K1,SignedHeaders=host;x-acs-date;x,Signature=ab12`, want: { keyId: 'K1', signedHeaders: ['host', 'x-acs-date', 'x'], signature: 'ab12' } },
      { given: `${prefix}Signature=0099`, want: { keyId: 'K1', signedHeaders: ['host', 'x-acs-date'], signature: '0099' } },
    ];
    for (const { given, want } of table) expect(parseSignedAuthorization(given, S, 'Credential'), given).toEqual(want);
    // The same text under another scheme / key field name is not that client's.
    expect(parseSignedAuthorization(`${prefix}Signature=ab12`, S, 'Access')).toBeUndefined();
    // The list handed out again is read-only: a caller cannot change what the next request reads.
    const shared = parseSignedAuthorization(`${prefix}Signature=ab12`, S, 'Credential')!;
    expect(() => (shared.signedHeaders as string[]).push('x-acs-evil')).toThrow(TypeError);
    expect(parseSignedAuthorization(`${prefix}Signature=ab13`, S, 'Credential')!.signedHeaders).toEqual(['host', 'x-acs-date']);
  });

  it('reads Huawei\'s ", "-separated form', () => {
    expect(parseSignedAuthorization('SDK-HMAC-SHA256 Access=AK1, SignedHeaders=host;x-sdk-date, Signature=ff', 'SDK-HMAC-SHA256', 'Access'))
      .toEqual({ keyId: 'AK1', signedHeaders: ['host', 'x-sdk-date'], signature: 'ff' });
  });
});

describe('hmacHex', () => {
  const reference = (key: string, data: string) => createHmac('sha256', key).update(data).digest('hex');
  it.each([
    { given: 'empty key and data', key: '', data: '' },
    { given: 'the test secret', key: TEST_CREDENTIALS.alibaba!.accessKeySecret, data: 'ACS3-HMAC-SHA256\nabc' },
    { given: 'a 64-byte key', key: 'k'.repeat(64), data: 'x' },
    { given: 'a 65-byte key (hashed first)', key: 'k'.repeat(65), data: 'x' },
    { given: 'a non-ASCII key', key: 'clé', data: 'x' },
    { given: 'control characters in the key', key: '\u0000\u007f\n', data: 'x' },
    { given: 'non-ASCII data', data: 'GET\n/\nname=%E4%BD%A0\n你好 é', key: 'secret' },
    { given: 'the longest data hashed in place, ASCII', data: 'a'.repeat(341), key: 'secret' },
    { given: 'the longest data hashed in place, 3 UTF-8 bytes a unit', data: '你'.repeat(341), key: 'secret' },
    { given: 'one unit longer, ASCII', data: 'a'.repeat(342), key: 'secret' },
    { given: 'one unit longer, 3 UTF-8 bytes a unit', data: '你'.repeat(342), key: 'secret' },
    { given: 'long data', data: 'x'.repeat(5_000), key: 'secret' },
    { given: 'a surrogate pair at the in-place limit', data: `${'a'.repeat(339)}😀`, key: 'secret' },
  ])('$given matches createHmac', ({ key, data }) => {
    expect(hmacHex('sha256', key, data)).toBe(reference(key, data));
  });

  it('matches createHmac over 3,000 keys and messages, alternating keys', () => {
    for (let i = 0; i < 3_000; i++) {
      const key = String.fromCharCode(...Array.from({ length: i % 70 }, (_, j) => (i * 31 + j * 7) % (i % 5 === 0 ? 300 : 128)));
      const data = `ACS3-HMAC-SHA256\n${'é你'.repeat(i % 3)}${i}${'z'.repeat(i % 400)}`;
      expect(hmacHex('sha256', key, data)).toBe(reference(key, data));
    }
  });
});

describe('safeEqual', () => {
  it.each([
    { a: '', b: '', want: true },
    { a: 'ab12', b: 'ab12', want: true },
    { a: 'ab12', b: 'ab13', want: false },
    { a: 'ab12', b: 'ab1', want: false },
    { a: 'ab1', b: 'ab12', want: false },
    { a: 'é', b: 'e', want: false },
    { a: '你好', b: '你好', want: true },
    { a: 'x'.repeat(64), b: `${'x'.repeat(63)}y`, want: false },
  ])('"$a" vs "$b" -> $want', ({ a, b, want }) => {
    expect(safeEqual(a, b)).toBe(want);
  });
});
