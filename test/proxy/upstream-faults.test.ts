/**
 * The upstream misbehaves: drift armed on the mock, an upstream that hangs, one that resets, one that answers
 * HTML. The app gets the upstream's bytes unchanged (or the provider's gateway error when there is no
 * answer), the proxy stays up, and the reports are written with the right findings.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { createMocks } from '../../src/mock/index.ts';
import { TEST_CREDENTIALS } from '../../src/signing/credentials.ts';
import { buildRequest } from '../../src/transport/build.ts';
import { startHarness, type ProxyHarness } from './helpers.ts';

const DYP = 'alibaba-dypnsapi-intl' as const;
const JV = 'jiguang-jverification' as const;
const HTML = '<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1>\u00e9\u4e2d</body></html>';

function serve(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })));
}

const servers: Server[] = [];
let h: ProxyHarness;
let hj: ProxyHarness;
const relayed: Buffer[] = [];
let mode: 'hang' | 'reset' | 'html' | 'binary' | 'huge' | 'deep' = 'hang';
/** Answers over verikit's limits: 100 KB of JSON, and JSON nested 30,000 levels deep (60 KB: under the size limit). */
const OVER: Record<'huge' | 'deep', string> = {
  huge: JSON.stringify({ code: 8000, pad: 'x'.repeat(100_000) }),
  deep: `${'['.repeat(30_000)}${']'.repeat(30_000)}`,
};

beforeAll(async () => {
  // A relay in front of the mock that keeps the exact bytes the mock answered (headers, host included, pass unchanged).
  let mockUrl = '';
  const relay = await serve(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const up = await request(`${mockUrl}${req.url}`, { method: req.method as 'POST', headers: req.headers as Record<string, string>, body: Buffer.concat(chunks) });
    const body = Buffer.from(await up.body.arrayBuffer());
    relayed.push(body);
    res.writeHead(up.statusCode, { 'content-type': String(up.headers['content-type']), 'x-acs-request-id': String(up.headers['x-acs-request-id']) });
    res.end(body);
  });
  // One odd upstream for the JVerification side, its behaviour switched by `mode`.
  const odd = await serve((req, res) => {
    if (mode === 'hang') return;
    if (mode === 'reset') return void req.socket.destroy();
    if (mode === 'huge' || mode === 'deep') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end(OVER[mode]);
    }
    if (mode === 'html') {
      res.writeHead(502, 'Bad Gateway', { 'content-type': 'text/html; charset=utf-8', 'x-upstream': 'a' });
      return void res.end(HTML);
    }
    res.writeHead(200, [['Content-Type', 'application/json'], ['X-Twice', '1'], ['X-Twice', '2']].flat());
    res.write(Buffer.from([0x7b, 0x22, 0x63, 0x6f, 0x64, 0x65, 0x22, 0x3a]));
    setTimeout(() => res.end(Buffer.from('9000,"x":"\u00ff"}', 'latin1')), 20);
  });
  servers.push(relay.server, odd.server);
  h = await startHarness({ upstreams: { [DYP]: relay.url } as never });
  mockUrl = h.mocks.urls[DYP];
  hj = await startHarness({ upstreams: { [JV]: odd.url } as never, timeoutMs: 300 });
});
afterAll(async () => {
  await h.close();
  await hj.close();
  for (const s of servers) s.closeAllConnections(), s.close();
});

const basic = `Basic ${Buffer.from(`${TEST_CREDENTIALS.jpush.appKey}:${TEST_CREDENTIALS.jpush.masterSecret}`).toString('base64')}`;
const jv = () => request(`${hj.url(JV)}/v1/web/verify`, { method: 'POST', headers: { authorization: basic, 'content-type': 'application/json' }, body: '{"token":"t0000000","phone":"13800138000"}' });
const gateway = () => createMocks(hj.specs, [JV]).get(JV)!.protocolError('unavailable', '');

describe('verikit proxy with a misbehaving upstream', () => {
  it('drift armed on the mock upstream is a drift finding, and the app gets the mock answer byte for byte', async () => {
    h.mocks.control.injectFault(DYP, { kind: 'drift', mode: 'add-field', field: 'VerikitExtra', to: 'x', operationId: 'StartVerification' });
    const op = h.specs.find((s) => s.id === DYP)!.operations.find((o) => o.operationId === 'StartVerification')!;
    const wire = buildRequest(op, { query: { Channel: 'SMS', To: '8613800138000', ServiceSid: 'FA00000000000001' } }, { baseUrl: h.url(DYP), credentials: TEST_CREDENTIALS, auth: 'valid', authKind: 'acs3-hmac-sha256' });
    const res = await request(wire.url, { method: wire.method, headers: wire.headers, body: wire.body });
    const got = Buffer.from(await res.body.arrayBuffer());
    expect(res.statusCode).toBe(200);
    expect(got.equals(relayed.at(-1)!)).toBe(true);
    expect(JSON.parse(got.toString()).VerikitExtra).toBe('x');
    const summary = await h.summary();
    const drift = summary.findings.filter((f) => f.kind === 'drift');
    expect(drift).toEqual([expect.objectContaining({ provider: DYP, operationId: 'StartVerification', driftClass: 'undocumented-field', baseline: 'new' })]);
    expect(drift[0].message).toContain('VerikitExtra');
  });

  it('streams status, repeated headers and non-UTF-8 bytes unchanged', async () => {
    mode = 'binary';
    const res = await jv();
    const body = Buffer.from(await res.body.arrayBuffer());
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-twice']).toEqual(['1', '2']);
    expect(body.equals(Buffer.concat([Buffer.from('{"code":'), Buffer.from('9000,"x":"\u00ff"}', 'latin1')]))).toBe(true);
  });

  it('an HTML answer reaches the app unchanged and is reported as drift', async () => {
    mode = 'html';
    const res = await jv();
    expect([res.statusCode, res.headers['content-type'], res.headers['x-upstream'], await res.body.text()]).toEqual([502, 'text/html; charset=utf-8', 'a', HTML]);
    const summary = await hj.summary();
    expect(summary.findings.some((f) => f.kind === 'drift' && f.driftClass === 'not-json')).toBe(true);
  });

  it.each(['hang', 'reset'] as const)('an upstream that %ss: the app gets the provider gateway error, the proxy stays up, the reports record it', async (m) => {
    mode = m;
    const before = (await hj.exchanges()).length;
    const res = await jv();
    const body = (await res.body.json()) as Record<string, unknown>;
    const want = gateway();
    expect([res.statusCode, body.code]).toEqual([want.status, (want.body as Record<string, unknown>).code]);
    expect(hj.logs.some((l) => l.includes(m === 'hang' ? 'VK_TIMEOUT' : 'VK_CONN_RESET'))).toBe(true);
    const lines = await hj.exchanges();
    expect(lines.length).toBe(before + 1);
    expect(lines.at(-1).error.code).toBe(m === 'hang' ? 'VK_TIMEOUT' : 'VK_CONN_RESET');
    const summary = await hj.summary();
    expect(summary.findings.some((f) => f.check === 'response-received')).toBe(true);
    // still up
    mode = 'html';
    expect((await jv()).statusCode).toBe(502);
  });

  it.each([
    { given: 'huge' as const, want: 'exceeds the 64 KiB limit (--max-body)' },
    { given: 'deep' as const, want: "exceeds verikit's nesting limit of 64" },
  ])('a $given answer reaches the app whole and is a body-within-limits finding naming the limit', async ({ given, want }) => {
    mode = given;
    const res = await jv();
    expect([res.statusCode, await res.body.text()]).toEqual([200, OVER[given]]);
    const summary = await hj.summary();
    const limits = summary.findings.filter((f) => f.check === 'body-within-limits');
    expect(limits.some((f) => f.kind === 'contract' && f.message.includes(want))).toBe(true);
    expect(hj.logs.filter((l) => l.includes('threw'))).toEqual([]);
    const last = (await hj.exchanges()).at(-1);
    expect([last.response.bodyLimit.kind, last.response.json]).toEqual([given === 'huge' ? 'size' : 'depth', undefined]);
  });

  it('a check that throws is logged, the app still gets its answer, and unmatched requests are counted', async () => {
    const t = await startHarness({ validator: () => () => { throw new Error('validator exploded'); } });
    try {
      const res = await request(`${t.url('huawei-osm')}/v2/servicerequest/verifycodes/send`, {
        method: 'POST', headers: { 'x-auth-token': TEST_CREDENTIALS.huawei.token!, 'content-type': 'application/json' },
        body: JSON.stringify({ contact_value: 'x@example.com', contact_way: 1 }),
      });
      expect([res.statusCode, ((await res.body.json()) as Record<string, unknown>).error_code]).toEqual([200, '']);
      const unknown = await request(`${t.url('huawei-osm')}/v9/nothing`, { method: 'POST', headers: { 'x-auth-token': TEST_CREDENTIALS.huawei.token! } });
      expect(unknown.statusCode).toBe(404);
      await unknown.body.dump();
      const summary = await t.summary();
      expect(t.logs.some((l) => l.includes('check response-schema-conforms threw') && l.includes('validator exploded'))).toBe(true);
      expect(summary.totals.cases).toBe(1);
      expect(summary.errors).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'VK_PROXY_UNMATCHED', message: expect.stringContaining('/v9/nothing') })]));
    } finally {
      await t.close();
    }
  });
});
