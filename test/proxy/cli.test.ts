/**
 * `verikit proxy` as a process: one JSON line per provider once it listens, reports every --flush-every
 * and on SIGTERM / SIGINT (exit 0), and canary credentials, signatures and numbers in no file it writes.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import type { RunSummary } from '../../src/core/types.ts';
import { type RunningMocks, startMocks } from '../../src/mock/index.ts';
import type { Credentials } from '../../src/signing/credentials.ts';
import { loadSpecs } from '../../src/spec/load.ts';
import type { ProviderSpec } from '../../src/spec/model.ts';
import { buildRequest } from '../../src/transport/build.ts';

const CANARY_ENV = {
  ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAICanaryProxyAkId00001',
  ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'CanaryProxyAlibabaSecret0000001',
  HUAWEICLOUD_SDK_AK: 'CANARYPROXYHWAK00001',
  HUAWEICLOUD_SDK_SK: 'CanaryProxyHuaweiSk000000000000000000001',
  JPUSH_APP_KEY: 'canary0proxy0appkey00001',
  JPUSH_MASTER_SECRET: 'canary0proxy0master00001',
};
const CREDS: Credentials = {
  alibaba: { accessKeyId: CANARY_ENV.ALIBABA_CLOUD_ACCESS_KEY_ID, accessKeySecret: CANARY_ENV.ALIBABA_CLOUD_ACCESS_KEY_SECRET },
  huawei: { ak: CANARY_ENV.HUAWEICLOUD_SDK_AK, sk: CANARY_ENV.HUAWEICLOUD_SDK_SK },
  jpush: { appKey: CANARY_ENV.JPUSH_APP_KEY, masterSecret: CANARY_ENV.JPUSH_MASTER_SECRET },
};
const PHONE = '8613912345678';
const PHONE2 = '8613912345679';

let specs: ProviderSpec[];
let mocks: RunningMocks;
const children: Array<ReturnType<typeof spawn>> = [];
beforeAll(async () => {
  specs = await loadSpecs('specs');
  mocks = await startMocks({ portBase: 0, credentials: CREDS });
});
afterAll(async () => {
  // a failed test leaves no proxy process behind
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await mocks.close();
});

function start(args: string[]) {
  const child = spawn(process.execPath, ['bin/verikit.js', 'proxy', '--port-base', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...CANARY_ENV } });
  children.push(child);
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const lines = (n: number) => new Promise<Array<{ provider: string; url: string; upstream: string }>>((resolve, reject) => {
    const out: Array<{ provider: string; url: string; upstream: string }> = [];
    const rl = createInterface({ input: child.stdout });
    rl.on('line', (l) => {
      out.push(JSON.parse(l));
      if (out.length === n) (rl.close(), resolve(out));
    });
    child.on('exit', () => reject(new Error(`exited after ${out.length} lines: ${stderr}`)));
  });
  return { child, exited, lines, stderr: () => stderr };
}

const op = (provider: string, id: string) => specs.find((s) => s.id === provider)!.operations.find((o) => o.operationId === id)!;

async function send(baseUrl: string, provider: string, id: string, input: Parameters<typeof buildRequest>[1], authKind: Parameters<typeof buildRequest>[2]['authKind']) {
  const wire = buildRequest(op(provider, id), input, { baseUrl, credentials: CREDS, auth: 'valid', authKind });
  const res = await request(wire.url, { method: wire.method, headers: wire.headers, body: wire.body });
  return { status: res.statusCode, json: (await res.body.json()) as Record<string, unknown> };
}

describe('verikit proxy (process)', () => {
  it('prints a line per provider, flushes every --flush-every, writes reports on SIGTERM, and no canary secret reaches a file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vk-proxy-cli-'));
    const upstreams = Object.entries(mocks.urls).map(([p, u]) => `${p}=${u}`);
    const p = start([...upstreams.flatMap((u) => ['--upstream', u]), '--report-dir', dir, '--flush-every', '1', '--baseline', join(dir, 'none.json')]);
    const listening = await p.lines(4);
    expect(listening.map((l) => l.provider).sort()).toEqual(Object.keys(mocks.urls).sort());
    for (const l of listening) expect([l.url, l.upstream]).toEqual([expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/), mocks.urls[l.provider as keyof typeof mocks.urls]]);
    const url = Object.fromEntries(listening.map((l) => [l.provider, l.url]));

    const v3 = await send(url['alibaba-dypnsapi-intl'], 'alibaba-dypnsapi-intl', 'StartVerification', { query: { Channel: 'SMS', To: PHONE, ServiceSid: 'FA00000000000001' } }, 'acs3-hmac-sha256');
    expect([v3.status, v3.json.Code]).toEqual([200, 'OK']);
    const v1 = await send(url['alibaba-dypnsapi-intl'], 'alibaba-dypnsapi-intl', 'StartVerification', { query: { Channel: 'SMS', To: PHONE2, ServiceSid: 'FA00000000000001' } }, 'acs-hmac-sha1');
    expect([v1.status, v1.json.Code]).toEqual([200, 'OK']);
    const hw = await send(url['huawei-osm'], 'huawei-osm', 'SendVerifyCodes', { body: { contact_value: PHONE, contact_way: 0 } }, 'huawei-sdk-hmac-sha256');
    expect([hw.status, hw.json.error_code]).toEqual([200, '']);
    const jp = await send(url['jiguang-jverification'], 'jiguang-jverification', 'Verify', { body: { token: mocks.control.mintJVerificationToken(PHONE.slice(2)), phone: PHONE.slice(2) } }, 'jpush-basic');
    expect(jp.json.code).toBe(9000);

    // the periodic flush writes the reports while the proxy runs
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      if (existsSync(join(dir, 'summary.json')) && (JSON.parse(await readFile(join(dir, 'summary.json'), 'utf8')) as RunSummary).totals.cases === 4) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect((JSON.parse(await readFile(join(dir, 'summary.json'), 'utf8')) as RunSummary).totals.cases).toBe(4);

    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
    const names = (await readdir(dir)).sort();
    expect(names).toEqual(['exchanges.ndjson', 'index.html', 'junit.xml', 'summary.json']);
    const summary = JSON.parse(await readFile(join(dir, 'summary.json'), 'utf8')) as RunSummary;
    expect([summary.target, summary.totals.cases]).toEqual(['proxy', 4]);
    expect(await readFile(join(dir, 'index.html'), 'utf8')).toContain('Observed traffic');
    const needles = [...Object.values(CANARY_ENV), Buffer.from(`${CANARY_ENV.JPUSH_APP_KEY}:${CANARY_ENV.JPUSH_MASTER_SECRET}`).toString('base64'), PHONE, PHONE.slice(2), PHONE2];
    for (const name of names) {
      const text = await readFile(join(dir, name), 'utf8');
      for (const n of needles) expect(text.includes(n) || text.includes(encodeURIComponent(n)), `${n} in ${name}`).toBe(false);
      // the signatures are gone too
      expect(text).not.toMatch(/Signature=[0-9a-f]{64}/);
    }
    for (const n of needles) expect(p.stderr()).not.toContain(n);
  });

  it('SIGINT also writes the reports and exits 0; a wrong signature gets a log line with escaped wire text', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vk-proxy-cli-'));
    const p = start(['--upstream', `alibaba-dypnsapi-intl=${mocks.urls['alibaba-dypnsapi-intl']}`, '--report-dir', dir, '--flush-every', '0', '--baseline', join(dir, 'none.json')]);
    const [line] = await p.lines(1);
    const res = await request(`${line.url}/%1b[31mred?x=1`, { method: 'POST', headers: { authorization: 'ACS3-HMAC-SHA256 Credential=x,SignedHeaders=host,Signature=00', 'x-acs-action': 'StartVerification' } });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    await res.body.dump();
    p.child.kill('SIGINT');
    expect(await p.exited).toBe(0);
    expect(p.stderr()).toContain('signature rejected');
    expect(p.stderr()).not.toContain('\x1b');
    expect(existsSync(join(dir, 'summary.json'))).toBe(true);
  });

  it('rejects an upstream with a path (exit 2)', async () => {
    const p = start(['--upstream', 'huawei-osm=http://127.0.0.1:1/v2']);
    expect(await p.exited).toBe(2);
    expect(p.stderr()).toContain('must be an origin');
  });
});
