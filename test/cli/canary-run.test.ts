import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import run from '../../src/cli/commands/run.ts';
import { registeredSecrets } from '../../src/core/redact.ts';

// End to end: a whole `verikit run` (mock target) with recognisable canary credentials. Every file it
// writes — reports and pacts — is searched for the credentials, for every phone number, OTP code and
// token the run registered, and for the JPush Basic credential in base64.
const CANARY = {
  ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAICanaryAkId0000000001',
  ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'CanaryAlibabaSecret000000000001',
  HUAWEICLOUD_SDK_AK: 'CANARYHUAWEIAK000001',
  HUAWEICLOUD_SDK_SK: 'CanaryHuaweiSk0000000000000000000000001',
  JPUSH_APP_KEY: 'canary0jpush0appkey00001',
  JPUSH_MASTER_SECRET: 'canary0jpush0master00001',
};
const saved: Record<string, string | undefined> = {};

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath ?? (e as unknown as { path: string }).path, e.name));
}

describe('canary run: nothing secret reaches a written file', () => {
  beforeAll(() => {
    for (const [k, v] of Object.entries(CANARY)) {
      saved[k] = process.env[k];
      process.env[k] = v;
    }
  });
  afterAll(() => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });

  it('redacts credentials, numbers, codes and tokens in reports and pacts', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vk-canary-'));
    expect(await run(['--report-dir', dir, '--seed', '11'])).toBe(0);
    const files = await filesUnder(dir);
    expect(files.map((f) => f.slice(dir.length + 1)).sort()).toEqual(expect.arrayContaining([
      'exchanges.ndjson', 'index.html', 'junit.xml', 'summary.json', 'pacts/verikit-huawei-osm.json',
    ]));
    const registered = registeredSecrets();
    const kinds = new Set(registered.map((r) => r.kind));
    // the run really handled numbers, codes and tokens (else this test would prove nothing)
    expect([...kinds].sort()).toEqual(expect.arrayContaining(['code', 'phone', 'secret', 'token']));
    const needles = [
      ...Object.values(CANARY),
      // every credential (and the JPush pair) base64-encoded: standard and URL-safe, padded and not
      ...[...Object.values(CANARY), `${CANARY.JPUSH_APP_KEY}:${CANARY.JPUSH_MASTER_SECRET}`].flatMap((v) => {
        const std = Buffer.from(v).toString('base64');
        const url = std.replace(/\+/g, '-').replace(/\//g, '_');
        return [std, std.replace(/=+$/, ''), url, url.replace(/=+$/, ''), encodeURIComponent(std)];
      }),
      // values the docs already print masked (6212345****01) are not secrets
      ...registered.map((r) => r.value).filter((v) => !v.includes('*')),
    ];
    for (const file of files) {
      const text = await readFile(file, 'utf8');
      for (const needle of needles) {
        const re = /^\d+$/.test(needle) && needle.length <= 8 ? new RegExp(`(?<![0-9])${needle}(?![0-9])`) : null;
        const hit = re ? re.test(text) : text.includes(needle);
        expect(hit, `${file} contains a registered secret (${needle.length} chars)`).toBe(false);
      }
    }
  });
});
