/** Which scheme the proxy sees, and what it does with it (table-driven; signatures made by the transport). */
import { describe, expect, it } from 'vitest';
import { acceptedCredentials } from '../../src/mock/credentials.ts';
import { authorize, schemeOf, type ProxyRequest } from '../../src/proxy/auth.ts';
import { upstreamHeaders } from '../../src/proxy/forward.ts';
import { TEST_CREDENTIALS } from '../../src/signing/credentials.ts';
import { verifyAcs3 } from '../../src/signing/alibaba-v3.ts';
import { verifyHuawei } from '../../src/signing/huawei.ts';
import { loadSpecs } from '../../src/spec/load.ts';
import type { ProviderId } from '../../src/spec/model.ts';
import { buildRequest } from '../../src/transport/build.ts';
import { parseQueryString } from '../../src/transport/parse.ts';

const req = (headers: Record<string, string>, rawQuery = '', body = ''): ProxyRequest => ({ method: 'POST', path: '/', rawQuery, headers, body });

describe('schemeOf', () => {
  it.each([
    { given: ['alibaba-dypnsapi-intl', req({ authorization: 'ACS3-HMAC-SHA256 …' })], want: 'acs3' },
    { given: ['alibaba-dypnsapi-intl', req({ 'x-acs-action': 'StartVerification' })], want: 'acs3' },
    { given: ['alibaba-dypnsapi-intl', req({ 'x-acs-action': 'StartVerification' }, '', 'Action=StartVerification&Signature=x')], want: 'acs-v1' },
    { given: ['alibaba-resourcedirectorymaster', req({}, 'Action=AddMessageContact')], want: 'acs-v1' },
    { given: ['huawei-osm', req({ 'x-auth-token': 't' })], want: 'huawei-token' },
    { given: ['huawei-osm', req({})], want: 'huawei-aksk' },
    { given: ['jiguang-jverification', req({ authorization: 'Basic eA==' })], want: 'jpush-basic' },
  ] as Array<{ given: [ProviderId, ProxyRequest]; want: string }>)('$want', ({ given, want }) => expect(schemeOf(...given)).toBe(want));
});

describe('upstreamHeaders', () => {
  it('drops hop-by-hop headers and content-length, replaces host', () => {
    expect(upstreamHeaders({ host: 'a:1', connection: 'keep-alive', 'transfer-encoding': 'chunked', 'content-length': '3', 'x-acs-date': 'd', 'set-cookie': ['a', 'b'] }, { host: 'b' }))
      .toEqual({ host: 'b', 'x-acs-date': 'd', 'set-cookie': ['a', 'b'] });
  });
});

describe('authorize', async () => {
  const specs = await loadSpecs('specs');
  const creds = acceptedCredentials(TEST_CREDENTIALS);
  const op = (p: ProviderId, id: string) => specs.find((s) => s.id === p)!.operations.find((o) => o.operationId === id)!;
  const incoming = (wire: ReturnType<typeof buildRequest>): ProxyRequest => {
    const u = new URL(wire.url);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(wire.headers)) headers[k.toLowerCase()] = v;
    return { method: wire.method, path: u.pathname, rawQuery: u.search.slice(1), headers, body: wire.body ?? '' };
  };

  it.each([
    { provider: 'alibaba-dypnsapi-intl', id: 'StartVerification', authKind: 'acs3-hmac-sha256', input: { query: { Channel: 'SMS', To: '8613800138000', ServiceSid: 'FA01' } } },
    { provider: 'huawei-osm', id: 'SendVerifyCodes', authKind: 'huawei-sdk-hmac-sha256', input: { body: { contact_value: 'a@example.com', contact_way: 1 } } },
  ] as const)('$authKind: re-signed for the upstream host so the upstream verifier accepts it; a wrong secret is rejected', ({ provider, id, authKind, input }) => {
    const wire = buildRequest(op(provider, id), input, { baseUrl: 'http://127.0.0.1:4200', credentials: TEST_CREDENTIALS, auth: 'valid', authKind });
    const r = incoming(wire);
    const d = authorize(provider, r, creds, 'upstream.example.com');
    expect(d.kind).toBe('resign');
    if (d.kind !== 'resign') return;
    const forwarded = { method: r.method, path: r.path, query: (parseQueryString(r.rawQuery) as { value: Array<[string, string]> }).value, headers: { ...r.headers, ...d.headers }, body: r.body };
    const opts = { now: new Date(), maxSkewMs: 60_000 };
    const verdict = authKind === 'acs3-hmac-sha256'
      ? verifyAcs3(forwarded, () => TEST_CREDENTIALS.alibaba.accessKeySecret, opts)
      : verifyHuawei(forwarded, () => TEST_CREDENTIALS.huawei.sk, opts);
    expect(verdict.ok).toBe(true);
    // the app's own request, sent unchanged to another host, would not verify there
    const unchanged = authKind === 'acs3-hmac-sha256'
      ? verifyAcs3({ ...forwarded, headers: { ...r.headers, host: 'upstream.example.com' } }, () => TEST_CREDENTIALS.alibaba.accessKeySecret, opts)
      : verifyHuawei({ ...forwarded, headers: { ...r.headers, host: 'upstream.example.com' } }, () => TEST_CREDENTIALS.huawei.sk, opts);
    expect(unchanged.ok).toBe(false);
    const wrong = buildRequest(op(provider, id), input, { baseUrl: 'http://127.0.0.1:4200', credentials: TEST_CREDENTIALS, auth: 'wrong-secret', authKind });
    expect(authorize(provider, incoming(wrong), creds, 'upstream.example.com').kind).toBe('reject');
  });
});
