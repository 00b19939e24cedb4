import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_CREDENTIALS } from '../../src/signing/credentials.ts';
import type { RunSummary } from '../../src/core/types.ts';

/** The live target, end to end, against `verikit mock` running as a separate process. */
const CLEAN_ENV: Record<string, string> = Object.fromEntries(
  Object.entries(process.env).filter(([k, v]) => v !== undefined && !/^(ALIBABA_CLOUD_|HUAWEICLOUD_|JPUSH_)/.test(k)),
) as Record<string, string>;
const CREDS_ENV = {
  ALIBABA_CLOUD_ACCESS_KEY_ID: TEST_CREDENTIALS.alibaba.accessKeyId,
  ALIBABA_CLOUD_ACCESS_KEY_SECRET: TEST_CREDENTIALS.alibaba.accessKeySecret,
  HUAWEICLOUD_SDK_AK: TEST_CREDENTIALS.huawei.ak,
  HUAWEICLOUD_SDK_SK: TEST_CREDENTIALS.huawei.sk,
  HUAWEICLOUD_SDK_TOKEN: TEST_CREDENTIALS.huawei.token!,
};

let mock: ChildProcess;
const urls: Record<string, string> = {};

beforeAll(async () => {
  mock = spawn(process.execPath, ['bin/verikit.js', 'mock', '--port-base', '0'], { env: CLEAN_ENV, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  await new Promise<void>((resolve, reject) => {
    mock.once('exit', (code) => reject(new Error(`mock exited early (${code})`)));
    mock.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const lines = out.split('\n').filter((l) => l.startsWith('{'));
      if (lines.length >= 4) {
        for (const l of lines) {
          const { provider, url } = JSON.parse(l) as { provider: string; url: string };
          urls[provider] = url;
        }
        resolve();
      }
    });
  });
});
afterAll(() => { mock?.kill('SIGTERM'); });

function verikit(args: string[], env: Record<string, string>, onStderr?: (text: string, child: ChildProcess) => void) {
  const child = spawn(process.execPath, ['bin/verikit.js', ...args], { env: { ...CLEAN_ENV, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => { stdout += d.toString(); });
  child.stderr!.on('data', (d: Buffer) => { stderr += d.toString(); onStderr?.(stderr, child); });
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

const baseUrls = (ids: string[]) => ['--rate-limit', '500', ...ids.flatMap((id) => ['--base-url', `${id}=${urls[id]}`])];
const outbox = async (id: string) => ((await (await request(`${urls[id]}/__verikit/outbox`)).body.json()) as { messages: unknown[] }).messages;
const reset = async () => { for (const u of Object.values(urls)) await (await request(`${u}/__verikit/reset`, { method: 'POST' })).body.text(); };
const summaryOf = async (dir: string) => JSON.parse(await readFile(join(dir, 'summary.json'), 'utf8')) as RunSummary;

describe('verikit run --target live against a separate mock process', () => {
  it('signs every request, skips a provider without credentials, and sends nothing without --allow-send', async () => {
    await reset();
    const dir = await mkdtemp(join(tmpdir(), 'vk-live-'));
    const r = await verikit(['run', '--target', 'live', '--report-dir', dir, ...baseUrls(Object.keys(urls))], CREDS_ENV);
    expect(r.code, r.stderr).toBe(0);
    const s = await summaryOf(dir);
    expect(s.target).toBe('live');
    expect(s.findings).toEqual([]);
    const jv = s.providers.find((p) => p.provider === 'jiguang-jverification')!;
    expect(jv).toMatchObject({ status: 'skipped' });
    expect(jv.reason).toMatch(/JPUSH_APP_KEY/);
    // Signed with the environment's credentials: free operations ran and passed (the mock verifies signatures).
    const search = s.operations.find((o) => o.operationId === 'SearchVerification')!;
    // (but the mock-only quota flow, which needs a quota it can set, and no armed coverage case on a live target)
    expect(search.passed).toBe(search.cases - 1);
    expect(search.skipped).toBe(1);
    const check = s.operations.find((o) => o.operationId === 'CheckVerifyCodes')!;
    expect(check.passed).toBeGreaterThan(0);
    // Billed operations were skipped by the cost guard; nothing reached any outbox.
    for (const id of ['StartVerification', 'SendVerifyCodes', 'SendPhoneVerificationForMessageContact']) {
      const o = s.operations.find((x) => x.operationId === id)!;
      expect(o.skipped, id).toBe(o.cases);
    }
    for (const id of Object.keys(urls)) expect(await outbox(id)).toHaveLength(0);
    expect(r.stderr).toMatch(/jiguang-jverification: skipped \(no credentials/);
    expect(r.stdout + r.stderr).not.toContain(TEST_CREDENTIALS.alibaba.accessKeySecret);
  });

  it('sends exactly --max-sends messages, only to allow-listed numbers', async () => {
    await reset();
    const dir = await mkdtemp(join(tmpdir(), 'vk-live-'));
    const args = ['run', '--target', 'live', '--provider', 'alibaba-dypnsapi-intl', '--report-dir', dir, '--allow-send', '--allow-number', '+447700900201', '--allow-number', '+447700900202', '--max-sends', '2', ...baseUrls(['alibaba-dypnsapi-intl'])];
    const r = await verikit(args, CREDS_ENV);
    expect(r.code, r.stderr).toBe(0);
    // Exactly two billed requests went out (the resend flow's second start may be refused by the provider
    // as too soon, so the outbox holds one or two messages), all to allow-listed numbers.
    const lines = (await readFile(join(dir, 'exchanges.ndjson'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { operationId: string });
    expect(lines.filter((e) => e.operationId === 'StartVerification')).toHaveLength(2);
    const sent = (await outbox('alibaba-dypnsapi-intl')) as Array<{ to: string }>;
    expect(sent.length).toBeGreaterThan(0);
    for (const m of sent) expect(['447700900201', '447700900202']).toContain(m.to);
    const s = await summaryOf(dir);
    const start = s.operations.find((o) => o.operationId === 'StartVerification')!;
    expect(start.skipped).toBeGreaterThan(0);
    expect(await readFile(join(dir, 'exchanges.ndjson'), 'utf8')).not.toContain('447700900201');
  });

  it('with no credentials at all every provider is skipped with a reason, and the run is not red', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vk-live-'));
    const r = await verikit(['run', '--target', 'live', '--report-dir', dir, ...baseUrls(Object.keys(urls))], {});
    expect(r.code, r.stderr).toBe(0);
    const s = await summaryOf(dir);
    expect(s.providers.every((p) => p.status === 'skipped' && /no credentials: set /.test(p.reason ?? ''))).toBe(true);
    expect(s.totals.passed).toBe(0);
  });

  it('SIGINT stops the run and still writes reports marked interrupted', async () => {
    await reset();
    const slow = await request(`${urls['huawei-osm']}/__verikit/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'latency', latencyMs: 3000 }) });
    expect(slow.statusCode).toBe(201);
    await slow.body.text();
    const dir = await mkdtemp(join(tmpdir(), 'vk-live-'));
    let sent = false;
    const r = await verikit(['run', '--target', 'live', '--provider', 'huawei-osm', '--report-dir', dir, '--timeout', '20000', ...baseUrls(['huawei-osm'])], CREDS_ENV, (err, child) => {
      if (!sent && err.includes('verikit run:')) { sent = true; child.kill('SIGINT'); }
    });
    await reset();
    expect(r.code).toBe(1);
    const s = await summaryOf(dir);
    expect(s.interrupted).toBe(true);
    // Requests cut short by the interrupt are not blamed on the provider.
    expect(s.findings.filter((f) => f.check === 'response-received')).toEqual([]);
    expect(r.stdout).toMatch(/interrupted/);
  });
});
