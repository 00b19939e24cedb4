/**
 * Acceptance: requests signed by the providers' official clients are accepted (schema-valid answers) and
 * the same requests with a wrong secret are rejected with the provider's own code.
 */
import { createRequire } from 'node:module';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { TEST_CREDENTIALS } from '../../src/signing/credentials.ts';
import { Harness, type Reply } from './helpers.ts';

const require = createRequire(import.meta.url);
const RPCClient = require('@alicloud/pop-core');
const OpenApi = require('@alicloud/openapi-client');
const TeaUtil = require('@alicloud/tea-util');
const { AKSKSigner } = require('@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner');
const { BasicCredentials } = require('@huaweicloud/huaweicloud-sdk-core');

const DYP = 'alibaba-dypnsapi-intl' as const;
const RDM = 'alibaba-resourcedirectorymaster' as const;
const { accessKeyId, accessKeySecret } = TEST_CREDENTIALS.alibaba;
const WRONG = 'WrongSecretWrongSecret0000000001';

let h: Harness;
beforeAll(async () => {
  h = await Harness.start();
});
afterAll(() => h.close());
beforeEach(() => h.control.reset('all'));

const asReply = (status: number, body: unknown): Reply => ({ status, headers: {}, text: '', json: JSON.parse(JSON.stringify(body)) });

function popClient(provider: typeof DYP | typeof RDM, secret: string) {
  const apiVersion = h.op(provider, provider === DYP ? 'StartVerification' : 'AddMessageContact').wire.rpc!.version;
  return new RPCClient({ endpoint: h.mocks.urls[provider], apiVersion, accessKeyId, accessKeySecret: secret });
}

async function callV3(provider: typeof DYP | typeof RDM, action: string, query: Record<string, string>, secret: string) {
  const config = new OpenApi.Config({ accessKeyId, accessKeySecret: secret, endpoint: h.mocks.urls[provider].replace('http://', ''), protocol: 'http' });
  const client = new OpenApi.default(config);
  const version = h.op(provider, action).wire.rpc!.version;
  const params = new OpenApi.Params({ action, version, protocol: 'HTTP', pathname: '/', method: 'POST', authType: 'AK', style: 'RPC', reqBodyType: 'formData', bodyType: 'json' });
  return client.callApi(params, new OpenApi.OpenApiRequest({ query }), new TeaUtil.RuntimeOptions({ autoretry: false }));
}

const START = { Channel: 'SMS', To: '8613800138000', ServiceSid: 'FA00000000000001' };
const CONTACT = { Name: 'tom', EmailAddress: 'tom@example.com', PhoneNumber: '86-13800138000', Title: 'TechnicalDirector' };

describe('@alicloud/openapi-client callApi (signature V3)', () => {
  it('dypnsapi StartVerification is accepted and schema-valid; a wrong secret gets SignatureDoesNotMatch', async () => {
    const res = await callV3(DYP, 'StartVerification', START, accessKeySecret);
    expect([res.statusCode, res.body.Code, res.body.Success]).toEqual([200, 'OK', true]);
    expect(h.problems(DYP, 'StartVerification', asReply(res.statusCode, res.body))).toEqual([]);
    const err = await callV3(DYP, 'StartVerification', { ...START, To: '8613800138001' }, WRONG).catch((e: any) => e);
    expect([err.code, err.data?.statusCode]).toEqual(['SignatureDoesNotMatch', 400]);
  });

  it('resourcedirectorymaster AddMessageContact then SendPhoneVerificationForMessageContact', async () => {
    const add = await callV3(RDM, 'AddMessageContact', { ...CONTACT, 'MessageTypes.1': 'AccountExpenses' }, accessKeySecret);
    expect(h.problems(RDM, 'AddMessageContact', asReply(add.statusCode, add.body))).toEqual([]);
    const sent = await callV3(RDM, 'SendPhoneVerificationForMessageContact', { ContactId: add.body.Contact.ContactId, PhoneNumber: CONTACT.PhoneNumber }, accessKeySecret);
    expect(h.problems(RDM, 'SendPhoneVerificationForMessageContact', asReply(sent.statusCode, sent.body))).toEqual([]);
    const err = await callV3(RDM, 'AddMessageContact', { ...CONTACT, 'MessageTypes.1': 'AccountExpenses' }, WRONG).catch((e: any) => e);
    expect(err.code).toBe('SignatureDoesNotMatch');
  });
});

describe('@alicloud/pop-core RPCClient (signature V1)', () => {
  it.each(['GET', 'POST'])('dypnsapi StartVerification over %s is accepted; a wrong secret is rejected', async (method) => {
    const body = await popClient(DYP, accessKeySecret).request('StartVerification', START, { method });
    expect(h.problems(DYP, 'StartVerification', asReply(200, body))).toEqual([]);
    expect(body.Code).toBe('OK');
    const err = await popClient(DYP, WRONG).request('StartVerification', { ...START, To: '8613800138002' }, { method }).catch((e: any) => e);
    expect([err.code, err.data?.HostId]).toEqual(['SignatureDoesNotMatch', 'dypnsapi-intl.ap-southeast-1.aliyuncs.com']);
  });

  it('resourcedirectorymaster flow with a repeat list; a wrong secret is rejected', async () => {
    const client = popClient(RDM, accessKeySecret);
    const add = await client.request('AddMessageContact', { ...CONTACT, MessageTypes: ['AccountExpenses', 'ProductNews'] }, { method: 'POST' });
    expect(Object.keys(add.Contact).sort()).toEqual(['ContactId', 'CreateDate']);
    expect(h.problems(RDM, 'AddMessageContact', asReply(200, add))).toEqual([]);
    const sent = await client.request('SendPhoneVerificationForMessageContact', { ContactId: add.Contact.ContactId, PhoneNumber: CONTACT.PhoneNumber }, { method: 'POST' });
    expect(h.problems(RDM, 'SendPhoneVerificationForMessageContact', asReply(200, sent))).toEqual([]);
    const err = await popClient(RDM, WRONG).request('AddMessageContact', { ...CONTACT, MessageTypes: ['AccountExpenses'] }, { method: 'POST' }).catch((e: any) => e);
    expect(err.code).toBe('SignatureDoesNotMatch');
  });
});

describe('@huaweicloud/huaweicloud-sdk-core AKSKSigner (SDK-HMAC-SHA256)', () => {
  async function signed(path: string, data: unknown, sk: string): Promise<Reply> {
    const endpoint = `${h.mocks.urls['huawei-osm']}${path}`;
    const credential = new BasicCredentials().withAk(TEST_CREDENTIALS.huawei.ak).withSk(sk);
    const headers = AKSKSigner.sign({ endpoint, method: 'POST', headers: { 'Content-Type': 'application/json' }, data, queryParams: {} }, credential);
    const res = await request(endpoint, { method: 'POST', headers, body: JSON.stringify(data) });
    return { status: res.statusCode, headers: {}, text: '', json: await res.body.json() };
  }

  it('SendVerifyCodes then CheckVerifyCodes are accepted; a wrong SK gets 401 APIGW.0301', async () => {
    const contact = { contact_value: 'someone@example.com', contact_way: 1 };
    const sent = await signed('/v2/servicerequest/verifycodes/send', contact, TEST_CREDENTIALS.huawei.sk);
    expect(sent.json.error_code).toBe('');
    expect(h.problems('huawei-osm', 'SendVerifyCodes', sent)).toEqual([]);
    const code = h.control.outbox('huawei-osm')[0].code;
    const checked = await signed('/v2/servicerequest/verifycodes', { ...contact, verify_code: code }, TEST_CREDENTIALS.huawei.sk);
    expect([checked.status, checked.json.error_code]).toEqual([200, '']);
    expect(h.problems('huawei-osm', 'CheckVerifyCodes', checked)).toEqual([]);
    const wrong = await signed('/v2/servicerequest/verifycodes/send', contact, 'WrongSkWrongSkWrongSk000000000000000001');
    expect([wrong.status, wrong.json.error_code]).toEqual([401, 'APIGW.0301']);
    expect(h.problems('huawei-osm', 'SendVerifyCodes', wrong)).toEqual([]);
  });
});

describe('JPush Basic auth with undici', () => {
  const basic = (secret: string) => `Basic ${Buffer.from(`${TEST_CREDENTIALS.jpush.appKey}:${secret}`).toString('base64')}`;
  async function verify(secret: string, body: unknown): Promise<Reply> {
    const res = await request(`${h.mocks.urls['jiguang-jverification']}/v1/web/verify`, {
      method: 'POST',
      headers: { authorization: basic(secret), 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.statusCode, headers: {}, text: '', json: await res.body.json() };
  }

  it('verify is accepted with the master secret and rejected (9011) with a wrong one', async () => {
    const token = h.control.mintJVerificationToken('13800138000');
    const ok = await verify(TEST_CREDENTIALS.jpush.masterSecret, { token, phone: '13800138000' });
    expect(ok.json.code).toBe(9000);
    expect(h.problems('jiguang-jverification', 'Verify', ok)).toEqual([]);
    const bad = await verify('wrong-master-secret', { token, phone: '13800138000' });
    expect([bad.status, bad.json.code]).toEqual([401, 9011]);
    expect(h.problems('jiguang-jverification', 'Verify', bad)).toEqual([]);
  });
});
