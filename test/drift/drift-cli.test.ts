/**
 * `verikit drift` end to end in a child process: the mocks (with faults) or a broken server play a live
 * provider through --base-url; exit codes follow the baseline; every report is written.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../src/core/types.ts';
import { parseBaseline } from '../../src/drift/baseline.ts';
import { startMocks, type RunningMocks } from '../../src/mock/index.ts';
import { TEST_CREDENTIALS } from '../../src/signing/credentials.ts';
import { verikit } from './cli.ts';

const P = 'alibaba-dypnsapi-intl' as const;
const ENV = {
  ALIBABA_CLOUD_ACCESS_KEY_ID: TEST_CREDENTIALS.alibaba.accessKeyId,
  ALIBABA_CLOUD_ACCESS_KEY_SECRET: TEST_CREDENTIALS.alibaba.accessKeySecret,
  HUAWEICLOUD_SDK_AK: TEST_CREDENTIALS.huawei.ak,
  HUAWEICLOUD_SDK_SK: TEST_CREDENTIALS.huawei.sk,
};
let mocks: RunningMocks;
let broken: Server;
let brokenUrl: string;

beforeAll(async () => {
  mocks = await startMocks({ portBase: 0, providers: [P], credentials: TEST_CREDENTIALS });
  // A "provider" that answers truncated JSON with a JSON content type.
  broken = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"error_code": "OSM.0', 'utf8');
    });
  });
  await new Promise<void>((r) => broken.listen(0, '127.0.0.1', r));
  brokenUrl = `http://127.0.0.1:${(broken.address() as AddressInfo).port}`;
});
const made: string[] = [];
afterAll(async () => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
  await mocks?.close();
  await new Promise((r) => broken?.close(r));
});

const dir = () => {
  const d = mkdtempSync(join(tmpdir(), 'vk-drift-cli-'));
  made.push(d);
  return d;
};
const drift = (d: string, extra: string[] = []) =>
  verikit(['drift', '--target', 'live', '--provider', P, '--base-url', `${P}=${mocks.urls[P]}`, '--baseline', join(d, 'verikit.baseline.json'), '--report-dir', join(d, 'reports'), '--max-per-operation', '2', ...extra], undefined, ENV);

describe('verikit drift (CLI)', () => {
  it('new drift exits 1; --update-baseline records it; the known drift then exits 0; a new one exits 1 again', async () => {
    const d = dir();
    mocks.control.reset(P);
    mocks.control.injectFault(P, { kind: 'drift', mode: 'add-field', field: 'TraceId', to: 'x', operationId: 'CheckVerification' });

    const first = await drift(d);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(1);
    expect(first.stdout).toMatch(/NEW \(fail the run\):\n.*CheckVerification undocumented-field \/body\/TraceId/);
    for (const f of ['summary.json', 'junit.xml', 'index.html', 'exchanges.ndjson']) expect(existsSync(join(d, 'reports', f))).toBe(true);
    const summary = JSON.parse(readFileSync(join(d, 'reports', 'summary.json'), 'utf8')) as RunSummary;
    expect(summary.findings.some((f) => f.kind === 'drift' && f.driftClass === 'undocumented-field' && f.baseline === 'new')).toBe(true);
    expect(readFileSync(join(d, 'reports', 'junit.xml'), 'utf8')).toContain('drift:undocumented-field');

    const update = await drift(d, ['--update-baseline']);
    expect(update.code).toBe(0);
    const baseline = parseBaseline(readFileSync(join(d, 'verikit.baseline.json'), 'utf8'));
    expect(baseline.entries.map((e) => e.fingerprint)).toEqual([`${P}/CheckVerification/undocumented-field/body/TraceId`]);
    expect(Object.keys(baseline.latency ?? {})).toContain(`${P}/CheckVerification`);

    const known = await drift(d);
    expect(known.code).toBe(0);
    expect(known.stdout).toMatch(/drift: 0 new, 1 known, 0 fixed/);
    const knownSummary = JSON.parse(readFileSync(join(d, 'reports', 'summary.json'), 'utf8')) as RunSummary;
    expect(knownSummary.findings.every((f) => f.baseline === 'known')).toBe(true);

    mocks.control.injectFault(P, { kind: 'drift', mode: 'undocumented-code', to: 'Brand.New.Code', operationId: 'SearchVerification' });
    const worse = await drift(d);
    expect(worse.code).toBe(1);
    expect(worse.stdout).toMatch(/drift: 1 new, 1 known, 0 fixed/);

    mocks.control.reset(P);
    const fixed = await drift(d);
    expect(fixed.code).toBe(0);
    expect(fixed.stdout).toMatch(/drift: 0 new, 0 known, 1 fixed/);
  });

  it('invalid JSON from a provider is reported as not-json, the run completes and writes all reports', async () => {
    const d = dir();
    const r = await verikit(['drift', '--target', 'live', '--provider', 'huawei-osm', '--base-url', `huawei-osm=${brokenUrl}`, '--baseline', join(d, 'b.json'), '--report-dir', join(d, 'reports'), '--max-per-operation', '3'], undefined, ENV);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const summary = JSON.parse(readFileSync(join(d, 'reports', 'summary.json'), 'utf8')) as RunSummary;
    expect([...new Set(summary.findings.map((f) => f.driftClass))]).toContain('not-json');
    expect(summary.interrupted).toBe(false);
    for (const f of ['junit.xml', 'index.html', 'exchanges.ndjson']) expect(existsSync(join(d, 'reports', f))).toBe(true);
  });

  it.each([
    { name: 'malformed baseline', setup: (d: string) => writeFileSync(join(d, 'verikit.baseline.json'), '{"format":"verikit-drift-baseline","version":1,"entries":{}}'), extra: [], want: /error\[VK_BASELINE_INVALID\]: .*"entries" must be an array\n  fix: .*--update-baseline/ },
    { name: 'bad target', setup: () => {}, extra: ['--target', 'staging'], want: /error\[VK_USAGE\]: --target must be mock or live/ },
    { name: 'bad tolerance', setup: () => {}, extra: ['--latency-tolerance', '0.5'], want: /error\[VK_USAGE\]: --latency-tolerance/ },
  ])('named error: $name', async ({ setup, extra, want }) => {
    const d = dir();
    setup(d);
    const r = await drift(d, extra);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(want);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
