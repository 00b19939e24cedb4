/**
 * verikit's HMAC-SHA1 (signature V1) against the official @alicloud/pop-core RPCClient: the client signs and sends
 * (GET: query; POST: form body) to a local server; verikit signs the same parameters with the client's Timestamp
 * and SignatureNonce and must produce the same Signature, and verifyAcsV1 must accept what the client sent.
 */
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAcsDate } from '../../src/signing/alibaba-v3.ts';
import { acsV1StringToSign, signAcsV1, verifyAcsV1 } from '../../src/signing/alibaba-v1.ts';
import type { AlibabaCredentials } from '../../src/signing/credentials.ts';
import { buildRequest } from '../../src/transport/build.ts';
import { acsV1Params, toIncoming } from '../../src/transport/parse.ts';
import { operation } from '../transport/fixtures.ts';
import { captureServer } from '../transport/server.ts';

type RpcClient = { request(action: string, params: Record<string, string>, opts?: Record<string, unknown>): Promise<unknown> };
const { RPCClient } = createRequire(import.meta.url)('@alicloud/pop-core') as { RPCClient: new (c: Record<string, unknown>) => RpcClient };

let server: Awaited<ReturnType<typeof captureServer>>;
beforeAll(async () => { server = await captureServer(() => ({ RequestId: 'r' })); });
afterAll(() => server.close());

const base: AlibabaCredentials = { accessKeyId: 'LTAI5tOfficialClient01', accessKeySecret: 'OfficialClientSecret0000000001' };
const VERSION = '2022-04-19';
const ACTION = 'SendPhoneVerificationForMessageContact';
const table: Array<{ given: string; method: 'GET' | 'POST'; cred: AlibabaCredentials; params: Record<string, string> }> = [
  { given: 'GET, plain parameters', method: 'GET', cred: base, params: { ContactId: 'c-qL4HqKONzOM7abcd', PhoneNumber: '86-13900001234' } },
  { given: 'GET, characters that need encoding', method: 'GET', cred: base, params: { ContactId: "c a*b~c!'()+/=&é中", PhoneNumber: '86-13900001234' } },
  { given: 'POST, form body', method: 'POST', cred: base, params: { ContactId: 'c-1 2*3', PhoneNumber: '86-13900001234' } },
  { given: 'GET, with an STS token', method: 'GET', cred: { ...base, securityToken: 'CAISverikitStsToken0001' }, params: { ContactId: 'c-1' } },
];

async function send(method: 'GET' | 'POST', cred: AlibabaCredentials, params: Record<string, string>) {
  const client = new RPCClient({ ...cred, endpoint: server.baseUrl, apiVersion: VERSION });
  const before = server.seen.length;
  await client.request(ACTION, params, method === 'POST' ? { method: 'POST' } : {});
  expect(server.seen.length).toBe(before + 1);
  const sent = server.seen[server.seen.length - 1];
  const incoming = toIncoming(sent.method, sent.url, sent.headers, sent.body);
  if (!incoming.ok) throw new Error(incoming.error);
  const all = acsV1Params(incoming.value);
  if (!all.ok) throw new Error(all.error);
  return { sent, incoming: incoming.value, params: Object.fromEntries(all.value) };
}

describe('HMAC-SHA1 (V1): verikit vs @alicloud/pop-core', () => {
  it.each(table)('$given: the same parameters and Signature', async ({ method, cred, params }) => {
    const { sent, params: got } = await send(method, cred, params);
    expect(sent.method).toBe(method);
    const ctx = { date: parseAcsDate(got.Timestamp)!, nonce: got.SignatureNonce };
    const ours = signAcsV1(method, { Action: ACTION, Version: VERSION, ...params }, cred, ctx);
    expect(ours).toEqual(got);
    expect(ours.Signature).toBe(got.Signature);
    expect(acsV1StringToSign(method, ours)).toContain(`${method}&%2F&AccessKeyId%3D${cred.accessKeyId}%26Action%3D${ACTION}`);

    const op = operation({ id: ACTION, method, path: '/', rpc: { action: ACTION, version: VERSION }, auth: ['acs-hmac-sha1'] });
    const wire = buildRequest(op, { query: params }, { baseUrl: server.baseUrl, credentials: { alibaba: cred }, auth: 'valid', now: () => ctx.date, nonce: () => ctx.nonce });
    expect(Object.fromEntries(new URL(wire.url).searchParams)).toEqual(got);
  });

  it.each(table)('$given: verifyAcsV1 accepts what the client sent, and only with the right secret', async ({ method, cred, params }) => {
    const { incoming, params: got } = await send(method, cred, params);
    const opts = { now: new Date(), maxSkewMs: 15 * 60_000 };
    const pairs = Object.entries(got);
    expect(verifyAcsV1(incoming.method, pairs, (id) => (id === cred.accessKeyId ? cred.accessKeySecret : undefined), opts)).toEqual({ ok: true, accessKeyId: cred.accessKeyId, nonce: got.SignatureNonce });
    const wrong = verifyAcsV1(incoming.method, pairs, () => 'NotTheSecret000000000000000001', opts);
    expect(wrong).toMatchObject({ ok: false, code: 'SignatureDoesNotMatch', status: 400 });
    if (!wrong.ok) expect(wrong.message).toContain(`server string to sign is:${method}&%2F&`);
  });
});
