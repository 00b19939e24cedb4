import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../src/core/types.ts';
import { TEST_CREDENTIALS } from '../../src/signing/credentials.ts';

/**
 * The cost guard, digit for digit on the wire (issue 17, item 10): `verikit run --target live` against
 * loopback servers that log every request and answer `{}`. For every billed operation, what reached the
 * server must be exactly the allow-listed number in that provider's spelling.
 */
const PROVIDERS = ['alibaba-dypnsapi-intl', 'alibaba-resourcedirectorymaster', 'huawei-osm', 'jiguang-jverification'] as const;
type Provider = (typeof PROVIDERS)[number];

interface Logged { provider: Provider; method: string; path: string; query: URLSearchParams; headers: Record<string, string | string[] | undefined>; body: string }

const CLEAN_ENV = Object.fromEntries(Object.entries(process.env).filter(([k, v]) => v !== undefined && !/^(ALIBABA_CLOUD_|HUAWEICLOUD_|JPUSH_|VERIKIT_)/.test(k))) as Record<string, string>;
const CREDS_ENV = {
  ALIBABA_CLOUD_ACCESS_KEY_ID: TEST_CREDENTIALS.alibaba.accessKeyId,
  ALIBABA_CLOUD_ACCESS_KEY_SECRET: TEST_CREDENTIALS.alibaba.accessKeySecret,
  HUAWEICLOUD_SDK_AK: TEST_CREDENTIALS.huawei.ak,
  HUAWEICLOUD_SDK_SK: TEST_CREDENTIALS.huawei.sk,
  JPUSH_APP_KEY: TEST_CREDENTIALS.jpush.appKey,
  JPUSH_MASTER_SECRET: TEST_CREDENTIALS.jpush.masterSecret,
};

const log: Logged[] = [];
const servers: Server[] = [];
const urls = {} as Record<Provider, string>;

beforeAll(async () => {
  for (const provider of PROVIDERS) {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const u = new URL(req.url ?? '/', 'http://x');
        log.push({ provider, method: req.method ?? '', path: u.pathname, query: u.searchParams, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{}');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    servers.push(server);
    urls[provider] = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }
});
afterAll(async () => { for (const s of servers) await new Promise((r) => { s.closeAllConnections(); s.close(r); }); });
beforeEach(() => { log.length = 0; });

function verikit(args: string[]) {
  const child = spawn(process.execPath, ['bin/verikit.js', ...args], { env: { ...CLEAN_ENV, ...CREDS_ENV }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => { stdout += d.toString(); });
  child.stderr!.on('data', (d: Buffer) => { stderr += d.toString(); });
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

const live = (dir: string, ...extra: string[]) => [
  'run', '--target', 'live', '--report-dir', dir, '--rate-limit', '1000', '--allow-send',
  ...PROVIDERS.flatMap((p) => ['--base-url', `${p}=${urls[p]}`]), ...extra,
];

/** The billed operation a logged request is to, or undefined for a free one. */
function billedOp(r: Logged): string | undefined {
  const action = r.query.get('Action') ?? (r.headers['x-acs-action'] as string | undefined);
  if (r.provider === 'alibaba-dypnsapi-intl' && action === 'StartVerification') return action;
  if (r.provider === 'alibaba-resourcedirectorymaster' && action === 'SendPhoneVerificationForMessageContact') return action;
  if (r.provider === 'huawei-osm' && r.path === '/v2/servicerequest/verifycodes/send') return 'SendVerifyCodes';
  if (r.provider === 'jiguang-jverification' && r.path === '/v1/web/verify') return 'Verify';
  if (r.provider === 'jiguang-jverification' && r.path === '/v1/web/h5/verify') return 'VerifyH5';
  return undefined;
}

/** The number fields of a billed request, exactly as they were on the wire. */
function numberFields(r: Logged): Record<string, unknown> {
  const form = r.body && !r.body.startsWith('{') ? new URLSearchParams(r.body) : undefined;
  const param = (k: string) => r.query.get(k) ?? form?.get(k) ?? null;
  if (r.provider === 'alibaba-dypnsapi-intl') return { To: param('To') };
  if (r.provider === 'alibaba-resourcedirectorymaster') return { PhoneNumber: param('PhoneNumber') };
  // a case that tests a field's type sends it as a JSON number: the digits are what is compared
  const body = JSON.parse(r.body) as Record<string, unknown>;
  if (r.provider === 'huawei-osm') return { contact_value: String(body.contact_value), area_code: String(body.area_code) };
  return { phone: String(body.phone) };
}

const summaryOf = async (dir: string) => JSON.parse(await readFile(join(dir, 'summary.json'), 'utf8')) as RunSummary;

describe('cost guard: what reaches the wire for every billed operation', () => {
  it('+8613900001234 with a budget every billed operation can use: each gets exactly that number in its own spelling', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vk-wire-'));
    const r = await verikit(live(dir, '--allow-number', '+8613900001234', '--max-sends', '1000'));
    expect([0, 1], r.stderr).toContain(r.code);
    const billed = log.filter((x) => billedOp(x));
    const want: Record<string, Record<string, unknown>> = {
      StartVerification: { To: '8613900001234' },
      SendPhoneVerificationForMessageContact: { PhoneNumber: '86-13900001234' },
      SendVerifyCodes: { contact_value: '13900001234', area_code: '86' },
      Verify: { phone: '13900001234' },
      VerifyH5: { phone: '13900001234' },
    };
    // every billed operation got requests (the budget did not all go to one provider) ...
    expect(new Set(billed.map(billedOp))).toEqual(new Set(Object.keys(want)));
    // ... and every one of them carried exactly the allow-listed number, in the provider's spelling
    for (const x of billed) expect(numberFields(x), `${billedOp(x)} ${x.query} ${x.body}`).toEqual(want[billedOp(x)!]);
    const s = await summaryOf(dir);
    expect(s.totals.cases).toBeGreaterThan(0);
    // the number is PII: in no report, in any spelling
    for (const f of await readdir(dir)) if (!(await stat(join(dir, f))).isDirectory()) expect(await readFile(join(dir, f), 'utf8'), f).not.toMatch(/13900001234|139\D*0000\D*1234/);
  });

  it('86-13900001234 (dash form) with --max-sends 3: three billed requests in all, each to that number', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vk-wire-'));
    const r = await verikit(live(dir, '--allow-number', '86-13900001234', '--max-sends', '3', '--provider', 'huawei-osm', '--provider', 'jiguang-jverification'));
    expect([0, 1], r.stderr).toContain(r.code);
    const billed = log.filter((x) => billedOp(x));
    expect(billed).toHaveLength(3);
    for (const x of billed) expect(numberFields(x)).toEqual(x.provider === 'huawei-osm' ? { contact_value: '13900001234', area_code: '86' } : { phone: '13900001234' });
  });

  it('+447700900201: the UK number in each spelling; JVerification (mainland only) gets no billed request and says why', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vk-wire-'));
    const r = await verikit(live(dir, '--allow-number', '+447700900201', '--max-sends', '1000'));
    expect([0, 1], r.stderr).toContain(r.code);
    const billed = log.filter((x) => billedOp(x));
    const want: Record<string, Record<string, unknown>> = {
      StartVerification: { To: '447700900201' },
      SendPhoneVerificationForMessageContact: { PhoneNumber: '44-7700900201' },
      SendVerifyCodes: { contact_value: '7700900201', area_code: '44' },
    };
    expect(new Set(billed.map(billedOp))).toEqual(new Set(Object.keys(want)));
    for (const x of billed) expect(numberFields(x)).toEqual(want[billedOp(x)!]);
    const s = await summaryOf(dir);
    for (const id of ['Verify', 'VerifyH5']) {
      const o = s.operations.find((x) => x.provider === 'jiguang-jverification' && x.operationId === id)!;
      expect(o.cases).toBeGreaterThan(0);
    }
    const html = await readFile(join(dir, 'index.html'), 'utf8');
    expect(html).toMatch(/mainland China mobile numbers only/);
    for (const f of await readdir(dir)) if (!(await stat(join(dir, f))).isDirectory()) expect(await readFile(join(dir, f), 'utf8'), f).not.toContain('7700900201');
  });

  it.each([
    { given: '13912345678', how: 'flag' },
    { given: '8613912345678', how: 'flag' },
    { given: '13912345678', how: 'config' },
  ])('$given (no country code, by $how) is a usage error naming the form; nothing reaches any server', async ({ given, how }) => {
    const dir = await mkdtemp(join(tmpdir(), 'vk-wire-'));
    const extra = ['--max-sends', '10'];
    if (how === 'flag') extra.push('--allow-number', given);
    else {
      const cfg = join(dir, 'verikit.config.yaml');
      await writeFile(cfg, `costGuard:\n  allowNumbers: ['${given}']\n`);
      extra.push('--config', cfg);
    }
    const r = await verikit(live(dir, ...extra));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/error\[VK_ALLOW_NUMBER\]: .*no country code/);
    expect(r.stderr).toContain('+8613900001234 or 86-13900001234');
    expect(r.stderr).not.toContain(given);
    expect(log).toEqual([]);
  });
});
