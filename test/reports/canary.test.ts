/**
 * Canary: a run full of recognisable secrets, phone numbers and codes — on the wire to a real local
 * server that echoes them back, in check messages, titles, skip reasons and the summary — is written
 * out; no file under the report dir may contain any of them.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clearRegisteredSecrets, registerSecret } from '../../src/core/redact.ts';
import type { CaseResult, Exchange, WireRequest } from '../../src/core/types.ts';
import type { ProviderId } from '../../src/spec/model.ts';
import { openReportWriter } from '../../src/reports/index.ts';
import { SPECS, summary } from './fixtures.ts';

const C = {
  akId: 'LTAI5tCanaryAkId0001',
  akSecret: 'CanaryAkSecretZx81Qw0912',
  signature: 'c0ffee1c0ffee2c0ffee3c0ffee4c0ffee5',
  v1Signature: 'CanaryV1Sig+abc/def=',
  huaweiToken: 'MIIcanaryHuaweiXAuthToken77',
  masterSecret: 'canaryJPushMasterSecret42',
  appKey: 'canaryappkey7d431e42',
  carrierToken: 'STsidCANARY00000154269542',
  otp: '918273',
  phoneAli: '6281234567890',
  phoneJv: '15813554612',
  phoneHw: '13912345678',
};
const BASIC = Buffer.from(`${C.appKey}:${C.masterSecret}`).toString('base64');
const CREDENTIALS = [C.akId, C.akSecret, C.masterSecret, C.appKey, C.huaweiToken, C.carrierToken, `${C.appKey}:${C.masterSecret}`];
/** base64 of each credential: standard and URL-safe, padded and not, percent-encoded. */
const b64Forms = (v: string) => {
  const std = Buffer.from(v).toString('base64');
  const url = std.replace(/\+/g, '-').replace(/\//g, '_');
  return [std, std.replace(/=+$/, ''), url, url.replace(/=+$/, ''), encodeURIComponent(std)];
};
const ENCODED = CREDENTIALS.flatMap(b64Forms);

let server: Server;
let base: string;
let dir: string;

beforeAll(async () => {
  // Echoes what it was sent, the way careless gateways do in their error messages.
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      res.setHeader('x-echo-token', String(req.headers['x-auth-token'] ?? ''));
      // the JPush credential without its "Basic " prefix, and every secret base64-encoded, as careless gateways echo them
      const basic = String(req.headers.authorization ?? '').replace(/^Basic /, '');
      res.setHeader('x-echo-basic', basic);
      res.setHeader('x-echo-b64', ENCODED.join(' '));
      if (req.url?.startsWith('/rpc')) {
        res.statusCode = 400;
        res.end(JSON.stringify({ Code: 'IncompleteSignature', Message: `string to sign was POST&%2F&${req.url} secret ${C.akSecret}`, To: C.phoneAli, Model: { verifyCode: C.otp } }));
      } else if (req.url?.startsWith('/v1/web/verify')) {
        res.end(`{"id": 117270465679982592, "code": 9001, "content": "token ${C.carrierToken} not for ${C.phoneJv}", "echo": ${JSON.stringify(body)}, "auth": "${basic}", "encoded": ${JSON.stringify(ENCODED)}}`);
      } else {
        res.end(JSON.stringify({ error_code: 'OSM.01010010', error_msg: `code ${C.otp} wrong for ${C.phoneHw} (token ${C.huaweiToken})` }));
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  dir = await mkdtemp(join(tmpdir(), 'vk-canary-'));
  // Registered the way the engine does: credentials from the environment, numbers and codes the run used.
  for (const s of [C.akId, C.akSecret, C.masterSecret, C.appKey, `${C.appKey}:${C.masterSecret}`]) registerSecret(s, 'secret');
  for (const s of [C.huaweiToken, C.carrierToken]) registerSecret(s, 'token');
  registerSecret(C.otp, 'code');
  for (const s of [C.phoneAli, C.phoneJv, C.phoneHw]) registerSecret(s, 'phone');
});

afterAll(async () => {
  clearRegisteredSecrets();
  await new Promise((r) => server.close(r));
  await rm(dir, { recursive: true, force: true });
});

async function send(provider: ProviderId, operationId: string, caseId: string, req: WireRequest): Promise<Exchange> {
  const started = performance.now();
  const res = await request(req.url, { method: req.method, headers: req.headers, body: req.body });
  const text = await res.body.text();
  const headers = Object.fromEntries(Object.entries(res.headers).map(([k, v]) => [k, String(v)]));
  return {
    caseId, provider, operationId, startedAt: new Date().toISOString(), request: req,
    response: { status: res.statusCode, headers, body: text, json: JSON.parse(text), durationMs: performance.now() - started },
  };
}

async function canaryResults(): Promise<CaseResult[]> {
  const A = 'alibaba-dypnsapi-intl' as const;
  const J = 'jiguang-jverification' as const;
  const H = 'huawei-osm' as const;
  const aliV3 = await send(A, 'StartVerification', 'c-1', {
    method: 'POST', url: `${base}/rpc/?To=${C.phoneAli}&Channel=SMS&Code=${C.otp}`, headers: {
      authorization: `ACS3-HMAC-SHA256 Credential=${C.akId},SignedHeaders=host;x-acs-action,Signature=${C.signature}`, 'x-acs-action': 'StartVerification',
    },
  });
  const aliV1 = await send(A, 'CheckVerification', 'c-2', {
    method: 'POST', url: `${base}/rpc/`, headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `AccessKeyId=${C.akId}&Code=${C.otp}&To=${C.phoneAli}&Signature=${encodeURIComponent(C.v1Signature)}`,
  });
  const jv = await send(J, 'verify', 'c-3', {
    method: 'POST', url: `${base}/v1/web/verify`, headers: { authorization: `Basic ${BASIC}`, 'content-type': 'application/json' },
    body: `{"token":"${C.carrierToken}","phone":${C.phoneJv},"exID":"1234566"}`,
  });
  const hw = await send(H, 'CheckVerifyCodes', 'c-4', {
    method: 'POST', url: `${base}/v2/servicerequest/verifycodes`, headers: { 'X-Auth-Token': C.huaweiToken, 'content-type': 'application/json' },
    body: JSON.stringify({ verify_code: C.otp, contact_value: C.phoneHw, contact_way: 0 }),
  });
  const fail = (message: string, details: string[] = []) => [{ check: 'response-schema', status: 'fail' as const, kind: 'contract' as const, message, details }];
  return [
    { caseId: 'c-1', provider: A, operationId: 'StartVerification', kind: 'example', title: `send to ${C.phoneAli}`, status: 'failed', checks: fail(`received Message echoing ${C.akSecret} documented no secret`, [`/Model/verifyCode: ${C.otp}`]), exchanges: [aliV3], durationMs: 5 },
    { caseId: 'c-2', provider: A, operationId: 'CheckVerification', kind: 'auth', title: `check ${C.otp}`, status: 'failed', checks: fail(`received Signature=${C.v1Signature} rejected documented 200`), exchanges: [aliV1], durationMs: 5,
      testCase: { id: 'c-2', provider: A, operationId: 'CheckVerification', kind: 'auth', title: 'check', auth: 'valid', billed: false, expect: { outcome: 'success' }, input: { query: { Code: C.otp, To: C.phoneAli }, header: { Authorization: `Basic ${BASIC}` } } } },
    { caseId: 'c-3', provider: J, operationId: 'verify', kind: 'example', title: 'verify', status: 'failed', checks: fail(`received code 9001 for token ${C.carrierToken} documented 9000`, [`Authorization: Basic ${BASIC}`]), exchanges: [jv], durationMs: 5 },
    { caseId: 'c-4', provider: H, operationId: 'CheckVerifyCodes', kind: 'example', title: 'check code', status: 'failed', checks: fail(`received X-Auth-Token ${C.huaweiToken} echoed`), exchanges: [hw], durationMs: 5 },
    { caseId: 'c-5', provider: H, operationId: 'CheckVerifyCodes', kind: 'flow', title: 'timeout', status: 'failed', checks: [], durationMs: 5,
      exchanges: [{ ...hw, caseId: 'c-5', response: undefined, error: { code: 'VK_TIMEOUT', message: `POST ${base}/x?X-Auth-Token=${C.huaweiToken} timed out` } }] },
    { caseId: 'c-6', provider: J, operationId: 'verify', kind: 'positive', title: 'billed', status: 'skipped', skipReason: `${C.phoneJv} is not on the allow-list`, checks: [], exchanges: [], durationMs: 0 },
  ];
}

describe('canary: no secret, phone number or code in any report file', () => {
  it('writes the reports with every canary redacted', async () => {
    const w = await openReportWriter(dir, { specs: SPECS });
    for (const r of await canaryResults()) w.add(r);
    await w.finish(summary({
      findings: [{ provider: 'huawei-osm', operationId: 'CheckVerifyCodes', check: 'x', kind: 'contract', message: `code ${C.otp} for ${C.phoneHw}` }],
      errors: [{ code: 'VK_TOOL', message: `signing failed with secret ${C.akSecret} and ${C.masterSecret}` }],
      totals: { cases: 6, passed: 0, failed: 5, skipped: 1 },
    }));

    const needles = new Set<string>();
    for (const v of [...Object.values(C), BASIC]) for (const f of [v, encodeURIComponent(v)]) needles.add(f);
    for (const f of ENCODED) needles.add(f);
    const files = await readdir(dir);
    expect(files.sort()).toEqual(['exchanges.ndjson', 'index.html', 'junit.xml', 'summary.json']);
    const hits: string[] = [];
    for (const f of files) {
      const text = await readFile(join(dir, f), 'utf8');
      for (const n of needles) if (text.includes(n)) hits.push(`${f}: ${n}`);
    }
    expect(hits).toEqual([]);

    // The reports still say something useful: masked numbers and the redaction markers are there.
    const html = await readFile(join(dir, 'index.html'), 'utf8');
    expect(html).toContain('6281234****90');
    expect(html).toContain('ACS3-HMAC-SHA256 [REDACTED]');
    expect(html).toContain('117270465679982592');
  });
});
