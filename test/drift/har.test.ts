/**
 * `verikit replay` on HAR 1.2: entries made from real mock answers (one with an undocumented field, one
 * HTML error page), one for an unknown host (counted and ignored), and a malformed entry (named error).
 */
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import type { RunSummary } from '../../src/core/types.ts';
import { HAR_LIMITS, harRecords, HarInputError, readHar } from '../../src/drift/har.ts';
import { startMocks } from '../../src/mock/index.ts';
import { TEST_CREDENTIALS } from '../../src/signing/credentials.ts';
import { loadSpecs } from '../../src/spec/load.ts';
import type { ProviderSpec } from '../../src/spec/model.ts';
import { buildRequest } from '../../src/transport/build.ts';
import { verikit } from './cli.ts';

let dir: string;
let specs: ProviderSpec[];
const entries: unknown[] = [];

const header = (h: Record<string, string | string[] | undefined>) => Object.entries(h).flatMap(([name, v]) => (v === undefined ? [] : [{ name, value: String(v) }]));

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vk-har-'));
  specs = await loadSpecs('specs');
  const mocks = await startMocks({ portBase: 0, credentials: TEST_CREDENTIALS, providers: ['alibaba-dypnsapi-intl', 'huawei-osm'] });
  try {
    const call = async (provider: 'alibaba-dypnsapi-intl' | 'huawei-osm', operationId: string, input: object, authKind: string, edit?: (body: any) => unknown) => {
      const spec = specs.find((s) => s.id === provider)!;
      const wire = buildRequest(spec.operations.find((o) => o.operationId === operationId)!, input, { baseUrl: mocks.urls[provider], credentials: TEST_CREDENTIALS, auth: 'valid', authKind: authKind as never });
      const res = await request(wire.url, { method: wire.method, headers: wire.headers, body: wire.body });
      const text = await res.body.text();
      const body = edit ? JSON.stringify(edit(JSON.parse(text))) : text;
      const url = new URL(wire.url);
      entries.push({
        startedDateTime: new Date().toISOString(), time: 12,
        request: { method: wire.method, url: `${spec.servers[0]}${url.pathname}${url.search}`, httpVersion: 'HTTP/1.1', headers: header(wire.headers), queryString: [], ...(wire.body && { postData: { mimeType: wire.headers['content-type'] ?? '', text: wire.body } }) },
        response: { status: res.statusCode, statusText: '', httpVersion: 'HTTP/1.1', headers: header(res.headers), content: { size: body.length, mimeType: String(res.headers['content-type']), text: Buffer.from(body).toString('base64'), encoding: 'base64' } },
      });
    };
    await call('alibaba-dypnsapi-intl', 'StartVerification', { query: { Channel: 'SMS', To: '8613800138000', ServiceSid: 'FA00000000000001' } }, 'acs3-hmac-sha256', (b) => ({ ...b, TraceToken: 'x', '\u001b[2Jwiped': 1 }));
    await call('huawei-osm', 'SendVerifyCodes', { body: { contact_value: 'a@example.com', contact_way: 1 } }, 'huawei-sdk-hmac-sha256');
  } finally {
    await mocks.close();
  }
  entries.push({
    startedDateTime: new Date().toISOString(), time: 3,
    request: { method: 'POST', url: 'https://api.verification.jpush.cn/v1/web/verify', headers: [{ name: 'Content-Type', value: 'application/json' }], postData: { mimeType: 'application/json', text: '{"token":"t","phone":"13800138000"}' } },
    response: { status: 502, headers: [{ name: 'Content-Type', value: 'text/html' }], content: { mimeType: 'text/html', text: '<html><body>Bad Gateway</body></html>' } },
  });
  entries.push({ startedDateTime: new Date().toISOString(), request: { method: 'GET', url: 'https://cdn.example.com/app.js', headers: [] }, response: { status: 200, headers: [], content: { text: '' } } });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const har = (list: unknown[]) => JSON.stringify({ log: { version: '1.2', creator: { name: 'test', version: '1' }, entries: list } });

describe('verikit replay <file.har>', () => {
  it('maps entries by host and path, ignores the unknown host, and reports the drift', async () => {
    const file = join(dir, 'traffic.har');
    writeFileSync(file, har(entries));
    const out = await verikit(['replay', file, '--drift', '--baseline', join(dir, 'none.json'), '--report-dir', join(dir, 'r')]);
    expect(out.code, out.stderr).toBe(1);
    // the field name from the wire reaches the terminal escaped
    expect(out.stdout).toContain('\\x1b[2Jwiped');
    expect(out.stdout).not.toContain('\u001b');
    expect(out.stdout).toContain('HAR: 4 entries, 3 mapped to an operation, 1 matched no provider or operation and were ignored');
    const summary = JSON.parse(readFileSync(join(dir, 'r', 'summary.json'), 'utf8')) as RunSummary;
    expect(summary.totals.cases).toBe(3);
    const drift = summary.findings.filter((f) => f.kind === 'drift').map((f) => [f.provider, f.operationId, f.driftClass]);
    expect(drift).toEqual(expect.arrayContaining([
      ['alibaba-dypnsapi-intl', 'StartVerification', 'undocumented-field'],
      ['jiguang-jverification', 'Verify', 'not-json'],
    ]));
    expect(drift.some(([p]) => p === 'huawei-osm')).toBe(false);
    expect(readFileSync(join(dir, 'r', 'exchanges.ndjson'), 'utf8')).not.toContain('8613800138000');
  });

  it.each([
    ['an entry that is not an object', 7, 'entry 2 (log.entries[2]): is not an object'],
    ['a missing response', { request: { method: 'GET', url: 'https://x.example/' } }, 'entry 2 (log.entries[2]): has no response object'],
    ['a relative URL', { request: { method: 'GET', url: '/v1' }, response: { status: 200 } }, 'entry 2 (log.entries[2]): request.url is not an absolute URL'],
    ['headers that are not name/value pairs', { request: { method: 'GET', url: 'https://x.example/', headers: [{ name: 1 }] }, response: { status: 200 } }, 'entry 2 (log.entries[2]): request.headers[0] is not {name, value} strings'],
    ['a status that is not a number', { request: { method: 'GET', url: 'https://x.example/' }, response: { status: '200' } }, 'entry 2 (log.entries[2]): response.status must be an integer'],
  ])('names the failing entry for %s', (_what, bad, want) => {
    const list = [entries[0], entries[1], bad];
    expect(() => harRecords(har(list), 't.har', specs)).toThrow(HarInputError);
    expect(() => harRecords(har(list), 't.har', specs)).toThrow(want);
  });

  it.each([
    { given: 'a 100 KB body', text: JSON.stringify({ code: 8000, pad: '\u00e9'.repeat(50_000) }), want: { kind: 'size', received: 100_022, limit: 65_536 } },
    { given: 'a body nested 30,000 levels', text: `${'['.repeat(30_000)}${']'.repeat(30_000)}`, want: { kind: 'depth', received: 65, limit: 64 } },
  ])('an entry with $given is kept as text and marked with the limit, as a run marks it', ({ text, want }) => {
    const entry = { request: { method: 'POST', url: 'https://api.verification.jpush.cn/v1/web/verify', headers: [] }, response: { status: 200, headers: [{ name: 'Content-Type', value: 'application/json' }], content: { text } } };
    const [rec] = harRecords(har([entry]), 't.har', specs).records;
    expect([rec.response?.bodyLimit, rec.response?.json, Buffer.byteLength(rec.response?.body ?? '') <= 65_536]).toEqual([want, undefined, true]);
  });

  it('the CLI exits 2 with the named error for a malformed entry, and for a file that is not HAR', async () => {
    const file = join(dir, 'bad.har');
    writeFileSync(file, har([...entries, { request: { method: 'POST' }, response: { status: 200 } }]));
    const out = await verikit(['replay', file, '--report-dir', join(dir, 'r2')]);
    expect([out.code, out.stderr]).toEqual([2, expect.stringContaining('error[VK_HAR_INPUT]')]);
    expect(out.stderr).toContain('entry 4 (log.entries[4]): request.method and request.url must be strings');
    writeFileSync(file, '{"entries":[]}');
    expect((await verikit(['replay', file, '--report-dir', join(dir, 'r2')])).stderr).toContain('has no log.entries array');
  });

  it('caps the file size and the number of entries with a named error', async () => {
    const file = join(dir, 'big.har');
    writeFileSync(file, har(entries));
    const saved = { ...HAR_LIMITS };
    try {
      HAR_LIMITS.maxFileBytes = 100;
      await expect(readHar(file, specs)).rejects.toThrow(/big\.har: is \d+ bytes \(limit 100\)/);
      HAR_LIMITS.maxFileBytes = saved.maxFileBytes;
      HAR_LIMITS.maxEntries = 2;
      await expect(readHar(file, specs)).rejects.toThrow('has 4 entries (limit 2)');
    } finally {
      Object.assign(HAR_LIMITS, saved);
    }
  });
});
