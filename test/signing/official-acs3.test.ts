/**
 * verikit's ACS3-HMAC-SHA256 against the official @alicloud/openapi-client: the client signs a request and sends it
 * to a real local server; verikit signs the same request with the date and nonce the client used and must
 * produce the same headers byte for byte, and verifyAcs3 must accept what the client sent.
 */
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signAcs3, verifyAcs3 } from '../../src/signing/alibaba-v3.ts';
import type { AlibabaCredentials } from '../../src/signing/credentials.ts';
import { buildRequest } from '../../src/transport/build.ts';
import { toIncoming } from '../../src/transport/parse.ts';
import { startVerification } from '../transport/fixtures.ts';
import { captureServer } from '../transport/server.ts';

type Ctor = new (o: unknown) => unknown;
// The CommonJS module as node loads it (default import interop differs between tsx and vitest).
const $OpenApi = createRequire(import.meta.url)('@alicloud/openapi-client') as Record<'Config' | 'Params' | 'OpenApiRequest', Ctor> & {
  default: new (c: unknown) => { callApi(p: unknown, r: unknown, rt: unknown): Promise<unknown> };
};
const Client = $OpenApi.default;
let server: Awaited<ReturnType<typeof captureServer>>;
beforeAll(async () => { server = await captureServer(() => ({ RequestId: 'r', Code: 'OK' })); });
afterAll(() => server.close());

const base: AlibabaCredentials = { accessKeyId: 'LTAI5tOfficialClient01', accessKeySecret: 'OfficialClientSecret0000000001' };
const table: Array<{ given: string; cred: AlibabaCredentials; query: Record<string, string> }> = [
  { given: 'plain parameters', cred: base, query: { To: '6212345678901', Channel: 'SMS', ServiceSid: 'sid-001' } },
  { given: 'characters that need encoding', cred: base, query: { To: '6212345678901', Channel: 'WHATSAPP', ServiceSid: "a b*c~d!'()+/=&é中" } },
  { given: 'no business parameters', cred: base, query: {} },
  { given: 'an STS security token', cred: { ...base, securityToken: 'CAISverikitStsToken0001' }, query: { To: '6212345678901' } },
];

async function sendWithOfficialClient(cred: AlibabaCredentials, query: Record<string, string>) {
  const client = new Client(new $OpenApi.Config({ ...cred, endpoint: `127.0.0.1:${server.port}`, protocol: 'http' }));
  const params = new $OpenApi.Params({
    action: 'StartVerification', version: '2017-07-25', protocol: 'HTTP', pathname: '/', method: 'POST',
    authType: 'AK', style: 'RPC', reqBodyType: 'formData', bodyType: 'json',
  });
  const before = server.seen.length;
  await client.callApi(params, new $OpenApi.OpenApiRequest({ query }), {});
  expect(server.seen.length).toBe(before + 1);
  return server.seen[server.seen.length - 1];
}

describe('ACS3-HMAC-SHA256: verikit vs @alicloud/openapi-client', () => {
  it.each(table)('$given: the same Authorization and x-acs headers', async ({ cred, query }) => {
    const sent = await sendWithOfficialClient(cred, query);
    const h = sent.headers as Record<string, string>;
    const ctx = { date: new Date(h['x-acs-date']), nonce: h['x-acs-signature-nonce'] };
    // The client also sends (and signs) x-acs-credentials-provider: an extra header verikit must sign the same way.
    const extra = { 'x-acs-credentials-provider': h['x-acs-credentials-provider'] };
    expect(extra['x-acs-credentials-provider']).toMatch(/^static_(ak|sts)$/);
    const ours = signAcs3({ method: 'POST', host: `127.0.0.1:${server.port}`, path: '/', action: 'StartVerification', version: '2017-07-25', query: Object.entries(query), headers: extra }, cred, ctx);
    for (const [name, value] of Object.entries(ours)) expect(`${name}: ${h[name]}`).toBe(`${name}: ${value}`);

    const wire = buildRequest(startVerification, { query, header: extra }, { baseUrl: server.baseUrl, credentials: { alibaba: cred }, auth: 'valid', now: () => ctx.date, nonce: () => ctx.nonce });
    expect(wire.headers.authorization).toBe(h.authorization);
  });

  it.each(table)('$given: verifyAcs3 accepts what the client sent, and only with the right secret', async ({ cred, query }) => {
    const sent = await sendWithOfficialClient(cred, query);
    const incoming = toIncoming(sent.method, sent.url, sent.headers, sent.body);
    expect(incoming.ok).toBe(true);
    if (!incoming.ok) return;
    const opts = { now: new Date(), maxSkewMs: 15 * 60_000 };
    expect(verifyAcs3(incoming.value, (id) => (id === cred.accessKeyId ? cred.accessKeySecret : undefined), opts)).toEqual({ ok: true, accessKeyId: cred.accessKeyId, nonce: sent.headers['x-acs-signature-nonce'] });
    const wrong = verifyAcs3(incoming.value, () => 'NotTheSecret000000000000000001', opts);
    expect(wrong).toMatchObject({ ok: false, code: 'SignatureDoesNotMatch', status: 400 });
    expect(JSON.stringify(wrong)).not.toContain(cred.accessKeySecret);
  });
});
