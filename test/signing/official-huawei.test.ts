/**
 * verikit's SDK-HMAC-SHA256 against the official @huaweicloud/huaweicloud-sdk-core: its HcClient (assembled as
 * ClientBuilder.build() does, without the User-Agent helper, which requires the undeclared package `uuid` in
 * 3.1.211) signs and sends to a local server; verikit signs the same request with the client's X-Sdk-Date
 * and must produce the same Authorization, and verifyHuawei must accept what the client sent.
 */
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSdkDate, SDK_HMAC, signHuawei, verifyHuawei } from '../../src/signing/huawei.ts';
import { parseSignedAuthorization } from '../../src/signing/types.ts';
import { buildRequest } from '../../src/transport/build.ts';
import { toIncoming } from '../../src/transport/parse.ts';
import { checkVerifyCodes } from '../transport/fixtures.ts';
import { captureServer } from '../transport/server.ts';

type Hc = { sendRequest(o: Record<string, unknown>): Promise<unknown> };
const req = createRequire(import.meta.url);
const { HcClient } = req('@huaweicloud/huaweicloud-sdk-core/HcClient.js') as { HcClient: new (c: unknown) => { withCredential(c: unknown): { withEndpoints(e: string[]): Hc } } };
const { DefaultHttpClient } = req('@huaweicloud/huaweicloud-sdk-core/http/DefaultHttpClient.js') as { DefaultHttpClient: new (o: unknown, e: string[]) => unknown };
const { GlobalCredentials } = req('@huaweicloud/huaweicloud-sdk-core') as { GlobalCredentials: new () => { withAk(a: string): { withSk(s: string): unknown } } };

let server: Awaited<ReturnType<typeof captureServer>>;
beforeAll(async () => { server = await captureServer(() => ({ error_code: 'OSM.00000000', error_msg: 'ok' })); });
afterAll(() => server.close());

const cred = { ak: 'HWOFFICIALCLIENTAK01', sk: 'HwOfficialClientSk0000000000000000000001' };
const table: Array<{ given: string; options: Record<string, unknown> }> = [
  { given: 'POST with a JSON body', options: { method: 'POST', url: '/v2/servicerequest/verifycodes', contentType: 'application/json;charset=UTF-8', headers: { 'X-Language': 'en-us' }, queryParams: {}, pathParams: {}, data: { verify_code: '123456', contact_value: 'a+b@example.com', contact_way: 1 } } },
  { given: 'GET with query parameters (unsigned payload)', options: { method: 'GET', url: '/v2/servicerequest/verifycodes/need-verify', headers: { 'X-Time-Zone': 'GMT+8' }, queryParams: { contact_way: 0, area_code: '+86', note: 'a b*c~é' }, pathParams: {} } },
];

async function send(options: Record<string, unknown>) {
  const endpoints = [server.baseUrl];
  const hc = new HcClient(new DefaultHttpClient({ disableSslVerification: true, headers: {} }, endpoints))
    .withCredential(new GlobalCredentials().withAk(cred.ak).withSk(cred.sk))
    .withEndpoints(endpoints);
  const before = server.seen.length;
  await hc.sendRequest(structuredClone(options));
  expect(server.seen.length).toBe(before + 1);
  return server.seen[server.seen.length - 1];
}

describe('SDK-HMAC-SHA256: verikit vs @huaweicloud/huaweicloud-sdk-core', () => {
  it.each(table)('$given: the same Authorization', async ({ options }) => {
    const sent = await send(options);
    const h = sent.headers as Record<string, string>;
    const auth = parseSignedAuthorization(h.authorization, SDK_HMAC, 'Access');
    expect(auth?.keyId).toBe(cred.ak);
    // Sign exactly the headers the client signed (but host and X-Sdk-Date, which signHuawei adds itself).
    const headers: Record<string, string> = {};
    for (const name of auth!.signedHeaders) if (name !== 'host' && name !== 'x-sdk-date') headers[name] = h[name];
    const date = parseSdkDate(h['x-sdk-date'])!;
    const ours = signHuawei({ method: sent.method, url: server.baseUrl + sent.url, headers, body: sent.body }, cred, { date });
    expect(ours['X-Sdk-Date']).toBe(h['x-sdk-date']);
    expect(ours.host).toBe(h.host);
    expect(ours.Authorization).toBe(h.authorization);
  });

  it('buildRequest puts the same signed request on the wire as the official client', async () => {
    const options = table[0].options;
    const sent = await send(options);
    const h = sent.headers as Record<string, string>;
    const wire = buildRequest(checkVerifyCodes, { body: options.data, header: { 'X-Language': 'en-us', 'content-type': 'application/json' } }, {
      baseUrl: server.baseUrl, credentials: { huawei: cred }, auth: 'valid', authKind: 'huawei-sdk-hmac-sha256', now: () => parseSdkDate(h['x-sdk-date'])!,
    });
    expect(h['content-type']).toBe('application/json');
    expect(wire.body).toBe(sent.body);
    expect(wire.headers.Authorization).toBe(h.authorization);
  });

  it.each(table)('$given: verifyHuawei accepts what the client sent, and only with the right SK', async ({ options }) => {
    const sent = await send(options);
    const incoming = toIncoming(sent.method, sent.url, sent.headers, sent.body);
    if (!incoming.ok) throw new Error(incoming.error);
    const opts = { now: new Date(), maxSkewMs: 15 * 60_000 };
    expect(verifyHuawei(incoming.value, (ak) => (ak === cred.ak ? cred.sk : undefined), opts)).toEqual({ ok: true, accessKeyId: cred.ak });
    const wrong = verifyHuawei(incoming.value, () => 'NotTheSk', opts);
    expect(wrong).toMatchObject({ ok: false, code: 'APIGW.0301', status: 401 });
    expect(JSON.stringify(wrong)).not.toContain(cred.sk);
  });
});
