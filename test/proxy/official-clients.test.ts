/**
 * The official clients point at the proxy, the verikit mock is the upstream: every request is accepted
 * end to end (for Alibaba V3 and Huawei AK/SK that proves the re-signing for the upstream host). With a
 * wrong secret the provider's own signature error comes back and nothing reaches the upstream (a one-shot
 * fault armed on the mock stays armed).
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { TEST_CREDENTIALS } from '../../src/signing/credentials.ts';
import { startHarness, type ProxyHarness } from './helpers.ts';

const require = createRequire(import.meta.url);
const RPCClient = require('@alicloud/pop-core');
const OpenApi = require('@alicloud/openapi-client');
const TeaUtil = require('@alicloud/tea-util');
const { AKSKSigner } = require('@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner');
const { BasicCredentials } = require('@huaweicloud/huaweicloud-sdk-core');

const DYP = 'alibaba-dypnsapi-intl' as const;
const OSM = 'huawei-osm' as const;
const JV = 'jiguang-jverification' as const;
const { accessKeyId, accessKeySecret } = TEST_CREDENTIALS.alibaba;
const START = { Channel: 'SMS', To: '8613800138000', ServiceSid: 'FA00000000000001' };

let h: ProxyHarness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
beforeEach(() => h.mocks.control.reset('all'));

/** Arms a one-shot, zero-delay fault on the upstream: it is consumed only if a request reaches the mock. */
const armTripwire = (p: Parameters<typeof h.mocks.control.injectFault>[0]) => h.mocks.control.injectFault(p, { kind: 'latency', latencyMs: 0, count: 1 });

function callV3(action: string, query: Record<string, string>, secret: string) {
  const config = new OpenApi.Config({ accessKeyId, accessKeySecret: secret, endpoint: h.url(DYP).replace('http://', ''), protocol: 'http' });
  const params = new OpenApi.Params({ action, version: '2017-07-25', protocol: 'HTTP', pathname: '/', method: 'POST', authType: 'AK', style: 'RPC', reqBodyType: 'formData', bodyType: 'json' });
  return new OpenApi.default(config).callApi(params, new OpenApi.OpenApiRequest({ query }), new TeaUtil.RuntimeOptions({ autoretry: false }));
}

describe('through verikit proxy to the verikit mock', () => {
  it('@alicloud/openapi-client (V3): accepted after re-signing; a wrong secret gets SignatureDoesNotMatch and is not forwarded', async () => {
    const version = h.specs.find((s) => s.id === DYP)!.operations.find((o) => o.operationId === 'StartVerification')!.wire.rpc!.version;
    expect(version).toBe('2017-07-25');
    const res = await callV3('StartVerification', START, accessKeySecret);
    expect([res.statusCode, res.body.Code, res.body.Success]).toEqual([200, 'OK', true]);
    armTripwire(DYP);
    const err = await callV3('StartVerification', { ...START, To: '8613800138001' }, 'WrongSecretWrongSecret0000000001').catch((e: any) => e);
    expect([err.code, err.data?.statusCode]).toEqual(['SignatureDoesNotMatch', 400]);
    expect(await h.faults(DYP)).toHaveLength(1);
    expect(h.logs.some((l) => /acs3 signature rejected \(SignatureDoesNotMatch/.test(l) && /not forwarded/.test(l))).toBe(true);
    // the tripwire does fire when a request gets through
    await callV3('StartVerification', { ...START, To: '8613800138002' }, accessKeySecret);
    expect(await h.faults(DYP)).toHaveLength(0);
  });

  it.each(['GET', 'POST'])('@alicloud/pop-core (V1) over %s passes through untouched; a wrong secret is rejected by the upstream', async (method) => {
    const client = (secret: string) => new RPCClient({ endpoint: h.url(DYP), apiVersion: '2017-07-25', accessKeyId, accessKeySecret: secret });
    const body = await client(accessKeySecret).request('StartVerification', START, { method });
    expect(body.Code).toBe('OK');
    const err = await client('WrongSecretWrongSecret0000000001').request('StartVerification', { ...START, To: '8613800138003' }, { method }).catch((e: any) => e);
    expect(err.code).toBe('SignatureDoesNotMatch');
  });

  it('Huawei AKSKSigner (SDK-HMAC-SHA256): accepted after re-signing; a wrong SK gets 401 APIGW.0301 and is not forwarded', async () => {
    const signed = async (path: string, data: unknown, sk: string) => {
      const endpoint = `${h.url(OSM)}${path}`;
      const credential = new BasicCredentials().withAk(TEST_CREDENTIALS.huawei.ak).withSk(sk);
      const headers = AKSKSigner.sign({ endpoint, method: 'POST', headers: { 'Content-Type': 'application/json' }, data, queryParams: {} }, credential);
      const res = await request(endpoint, { method: 'POST', headers, body: JSON.stringify(data) });
      return { status: res.statusCode, json: (await res.body.json()) as any };
    };
    const contact = { contact_value: 'someone@example.com', contact_way: 1 };
    const sent = await signed('/v2/servicerequest/verifycodes/send', contact, TEST_CREDENTIALS.huawei.sk);
    expect([sent.status, sent.json.error_code]).toEqual([200, '']);
    const code = h.mocks.control.outbox(OSM)[0].code;
    const checked = await signed('/v2/servicerequest/verifycodes', { ...contact, verify_code: code }, TEST_CREDENTIALS.huawei.sk);
    expect([checked.status, checked.json.error_code]).toEqual([200, '']);
    armTripwire(OSM);
    const wrong = await signed('/v2/servicerequest/verifycodes/send', contact, 'WrongSkWrongSkWrongSk000000000000000001');
    expect([wrong.status, wrong.json.error_code]).toEqual([401, 'APIGW.0301']);
    expect(await h.faults(OSM)).toHaveLength(1);
  });

  it('Huawei X-Auth-Token and JPush Basic pass through; a wrong master secret gets 9011 from the upstream', async () => {
    const token = await request(`${h.url(OSM)}/v2/servicerequest/verifycodes/send`, {
      method: 'POST', headers: { 'x-auth-token': TEST_CREDENTIALS.huawei.token!, 'content-type': 'application/json' },
      body: JSON.stringify({ contact_value: 'other@example.com', contact_way: 1 }),
    });
    expect([token.statusCode, ((await token.body.json()) as any).error_code]).toEqual([200, '']);
    const basic = (secret: string) => `Basic ${Buffer.from(`${TEST_CREDENTIALS.jpush.appKey}:${secret}`).toString('base64')}`;
    const verify = async (secret: string) => {
      const t = h.mocks.control.mintJVerificationToken('13800138000');
      const res = await request(`${h.url(JV)}/v1/web/verify`, { method: 'POST', headers: { authorization: basic(secret), 'content-type': 'application/json' }, body: JSON.stringify({ token: t, phone: '13800138000' }) });
      return [res.statusCode, ((await res.body.json()) as any).code];
    };
    expect(await verify(TEST_CREDENTIALS.jpush.masterSecret)).toEqual([200, 9000]);
    expect(await verify('wrong-master-secret')).toEqual([401, 9011]);
  });

  it('has the mock limits: a body over 64 KiB gets the provider error and is not forwarded; a header flood gets 431', async () => {
    armTripwire(DYP);
    const big = await request(h.url(DYP), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `Action=StartVerification&x=${'a'.repeat(70_000)}` });
    const body = (await big.body.json()) as Record<string, unknown>;
    expect([big.statusCode, typeof body.Code, typeof body.RequestId]).toEqual([400, 'string', 'string']);
    const flood = await request(h.url(DYP), { method: 'GET', headers: { 'x-big': 'b'.repeat(20_000) } }).catch((e: Error) => e);
    if (!(flood instanceof Error)) {
      expect(flood.statusCode).toBe(431);
      await flood.body.dump();
    }
    expect(await h.faults(DYP)).toHaveLength(1);
  });

  it('records every forwarded exchange (redacted) and reports it as observed traffic', async () => {
    await callV3('StartVerification', { ...START, To: '8613800138009' }, accessKeySecret);
    const lines = await h.exchanges();
    const last = lines.at(-1);
    expect([last.provider, last.operationId, last.response.status]).toEqual([DYP, 'StartVerification', 200]);
    expect(JSON.stringify(lines)).not.toContain('8613800138009');
    const summary = await h.summary();
    expect(summary.target).toBe('proxy');
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(await readFile('schemas/summary.schema.json', 'utf8')));
    expect(validate(summary), JSON.stringify(validate.errors)).toBe(true);
    expect(summary.totals.cases).toBe(lines.length);
    expect(summary.errors.map((e) => e.code)).toContain('VK_PROXY_SIGNATURE_REJECTED');
  });
});
