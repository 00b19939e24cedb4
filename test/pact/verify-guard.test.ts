/** Verification plumbing: the re-signing request filter, state values, and the live cost guard. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signingFilter, type FilterRequest } from '../../src/pact/filter.ts';
import { parsePact } from '../../src/pact/pactfile.ts';
import { spellLike, unmask } from '../../src/pact/states.ts';
import { billedInteractions, parseVerifierResult, verifyPacts } from '../../src/pact/verify.ts';
import type { Target } from '../../src/runner/targets/types.ts';
import { TEST_CREDENTIALS } from '../../src/signing/credentials.ts';
import { loadSpecs } from '../../src/spec/load.ts';
import type { ProviderSpec } from '../../src/spec/model.ts';

type Json = Record<string, any>;
let specs: ProviderSpec[];
let dir: string;
beforeAll(async () => {
  specs = await loadSpecs('specs');
  dir = await mkdtemp(join(tmpdir(), 'vk-guard-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
const spec = (id: string) => specs.find((s) => s.id === id)!;

function filtered(id: string, req: Partial<FilterRequest>): FilterRequest {
  const r = { method: 'POST', headers: {}, ...req } as FilterRequest;
  let passed: unknown = 'not called';
  signingFilter({ spec: spec(id), baseUrl: 'http://127.0.0.1:9', credentials: TEST_CREDENTIALS })(r, {}, (e?: unknown) => { passed = e; });
  expect(passed).toBeUndefined();
  return r;
}

describe('signingFilter', () => {
  it('re-signs an ACS3 request: business parameters kept, fresh x-acs headers and signature', () => {
    const r = filtered('alibaba-dypnsapi-intl', {
      url: '/?Channel=SMS&To=8613800000023&ServiceSid=FA00000000000001',
      headers: { authorization: 'ACS3-HMAC-SHA256 [REDACTED]', 'x-acs-action': 'StartVerification', 'x-acs-version': '2017-07-25', host: '127.0.0.1:5555' },
    });
    const url = new URL(r.url!, 'http://x');
    expect(Object.fromEntries(url.searchParams)).toEqual({ Channel: 'SMS', To: '8613800000023', ServiceSid: 'FA00000000000001' });
    expect(r.headers.authorization).toMatch(/^ACS3-HMAC-SHA256 Credential=LTAI5tVerikitTestKey01,SignedHeaders=\S+,Signature=[0-9a-f]{64}$/);
    expect(r.headers['x-acs-date']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(r.headers.host).toBe('127.0.0.1:9');
  });

  it('re-signs a V1 request with the scheme the pact used (Signature in the query)', () => {
    const r = filtered('alibaba-dypnsapi-intl', { url: '/?Action=StartVerification&Version=2017-07-25&Channel=SMS&To=8613800000023&ServiceSid=FA01&Signature=%5BREDACTED%5D&AccessKeyId=%5BREDACTED%5D' });
    const q = new URL(r.url!, 'http://x').searchParams;
    expect(q.get('SignatureMethod')).toBe('HMAC-SHA1');
    expect(q.get('AccessKeyId')).toBe('LTAI5tVerikitTestKey01');
    expect(q.get('Signature')).not.toBe('[REDACTED]');
    expect(q.getAll('Action')).toEqual(['StartVerification']);
  });

  it('re-signs a JSON body request (JPush Basic) and sends the exact body bytes', () => {
    const r = filtered('jiguang-jverification', { url: '/v1/web/verify', headers: { authorization: 'Basic [REDACTED]', 'content-type': 'application/json' }, body: { token: 'tok-1', phone: '13800000023' } });
    expect(r.headers.authorization).toBe(`Basic ${Buffer.from('verikit0test0app0key0001:verikit0test0master00001').toString('base64')}`);
    expect(JSON.parse((r.body as Buffer).toString('utf8'))).toEqual({ token: 'tok-1', phone: '13800000023' });
    expect(r.headers['content-length']).toBe(String((r.body as Buffer).length));
  });

  it('leaves the verifier state-change calls alone', () => {
    const r = filtered('huawei-osm', { url: '/_pactSetup', body: { state: 'x' } });
    expect(r.url).toBe('/_pactSetup');
  });
});

describe('state values', () => {
  const cases: Array<{ name: string; field: string; example: unknown; live?: { cc: string; national: string }; want: unknown }> = [
    { name: 'mock: the mask is filled, shape kept', field: 'PhoneNumber', example: '86-13800****04', want: '86-13800000004' },
    { name: 'live: the allow-listed number, spelled like the example', field: 'PhoneNumber', example: '86-13800****04', live: { cc: '44', national: '7700900123' }, want: '44-7700900123' },
    { name: 'live: digits with country code', field: 'To', example: '8613800****23', live: { cc: '44', national: '7700900123' }, want: '447700900123' },
    { name: 'numeric phone stays numeric', field: 'phone', example: 1380000002, want: 1380000002 },
    { name: 'OTP mask -> a code of the same length', field: 'verify_code', example: '******', want: '000000' },
    { name: 'other fields are left to the state', field: 'ServiceSid', example: 'FA01', want: undefined },
  ];
  for (const c of cases) it(c.name, () => expect(unmask(c.field, c.example, c.live)).toEqual(c.want));
  it('spellLike keeps a leading +', () => expect(spellLike('+44770****23', { cc: '44', national: '7700900123' })).toBe('+447700900123'));
});

describe('verifier results', () => {
  it("turns Pact's error JSON into one line per mismatch, redacted", () => {
    const raw = new Error(JSON.stringify({
      errors: [{ interaction: 'X succeeds: 200 OK', mismatch: { mismatches: [{ path: '$.Success', mismatch: 'Expected true (Boolean) to be the same type as \'true\' (String)' }] } }],
      output: ['\u001b[1mVerifying\u001b[0m', 'Authorization: Basic dmVyaWtpdDp0ZXN0c2VjcmV0'],
    }));
    const out = parseVerifierResult(raw);
    expect(out.failures).toEqual(["X succeeds: 200 OK: $.Success -> Expected true (Boolean) to be the same type as 'true' (String)"]);
    expect(out.output).toBe('Verifying\nAuthorization: Basic [REDACTED]');
  });
});

describe('cost guard on a live target', () => {
  const pactJson = (query: Json, extra: Json = {}) => ({
    consumer: { name: 'verikit' }, provider: { name: 'alibaba-dypnsapi-intl' }, metadata: { pactSpecification: { version: '4.0' } },
    interactions: [{ type: 'Synchronous/HTTP', description: `call ${query.Action}`, ...extra, request: { method: 'POST', path: '/', query }, response: { status: 200 } }],
  });
  const live: Target = {
    kind: 'live', providers: { 'alibaba-dypnsapi-intl': { baseUrl: 'http://127.0.0.1:9', credentials: TEST_CREDENTIALS } },
    capabilities: new Set(), missing: () => 'mock only', readCode: async () => undefined, advanceClock: async () => {}, mintToken: async () => '', close: async () => {},
  };

  it('billedInteractions: billed operations and states that replay billed flows', () => {
    const billed = parsePact(pactJson({ Action: ['StartVerification'] }));
    const free = parsePact(pactJson({ Action: ['SearchVerification'] }));
    const viaFlow = parsePact(pactJson({ Action: ['CheckVerification'] }, { providerStates: [{ name: 's', params: { flow: 'alibaba-dypnsapi-intl/flow/start-read-check-approved' } }] }));
    const flows = [{ id: 'alibaba-dypnsapi-intl/flow/start-read-check-approved', billed: true }] as never;
    expect(billedInteractions(billed, spec('alibaba-dypnsapi-intl'), flows)).toEqual(['call StartVerification']);
    expect(billedInteractions(free, spec('alibaba-dypnsapi-intl'), flows)).toEqual([]);
    expect(billedInteractions(viaFlow, spec('alibaba-dypnsapi-intl'), flows)).toEqual(['call CheckVerification']);
  });

  it('refuses a pact with billed interactions unless sending is allowed', async () => {
    const file = join(dir, 'billed.json');
    await writeFile(file, JSON.stringify(pactJson({ Action: ['StartVerification'] })));
    const err = (await verifyPacts({ files: [file], specs, target: live }).catch((e: unknown) => e)) as { code: string; message: string; fix: string };
    expect(err.code).toBe('VK_COST_GUARD');
    expect(err.message).toContain('call StartVerification');
    expect(err.fix).toContain('--allow-send');
  });

  it('refuses masked phone numbers without an allow-listed number (never invents one)', async () => {
    const file = join(dir, 'phones.json');
    await writeFile(file, JSON.stringify(pactJson({ Action: ['SearchVerification'], To: ['8613800****23'] }, { providerStates: [{ name: 's', params: { inject: { To: '8613800****23' } } }] })));
    const err = (await verifyPacts({ files: [file], specs, target: live }).catch((e: unknown) => e)) as { code: string; fix: string };
    expect(err.code).toBe('VK_LIVE_NUMBER');
    expect(err.fix).toContain('--allow-number');
  });
});
