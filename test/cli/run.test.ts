import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import run from '../../src/cli/commands/run.ts';
import { main } from '../../src/cli/main.ts';
import { startMocks, type RunningMocks } from '../../src/mock/index.ts';
import { runConformance } from '../../src/runner/run.ts';
import { exitCodeOf } from '../../src/runner/table.ts';
import { createMockTarget } from '../../src/runner/targets/mock.ts';
import { TEST_CREDENTIALS } from '../../src/signing/credentials.ts';
import { loadSpecs } from '../../src/spec/load.ts';
import type { ProviderSpec } from '../../src/spec/model.ts';

const guardOff = { enforce: false, allowSend: false, allowNumbers: [], maxSends: 0 };

describe('verikit run against the embedded mocks', () => {
  it('is conformant (exit 0) for every provider and writes a summary.json valid against schemas/summary.schema.json', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vk-run-'));
    expect(await run(['--report-dir', dir, '--seed', '5'])).toBe(0);
    const summary = JSON.parse(await readFile(join(dir, 'summary.json'), 'utf8'));
    const schema = JSON.parse(await readFile('schemas/summary.schema.json', 'utf8'));
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    expect(validate(summary), JSON.stringify(validate.errors)).toBe(true);
    expect(summary.target).toBe('mock');
    expect(summary.seed).toBe(5);
    expect(summary.findings).toEqual([]);
    expect(summary.totals.failed).toBe(0);
    expect(summary.providers.map((p: { status: string }) => p.status)).toEqual(['ran', 'ran', 'ran', 'ran']);
    const specs = await loadSpecs('specs');
    const ops = specs.flatMap((s) => s.operations.map((o) => `${s.id}/${o.operationId}`));
    expect(summary.operations.filter((o: { cases: number }) => o.cases > 0).map((o: { provider: string; operationId: string }) => `${o.provider}/${o.operationId}`).sort()).toEqual(ops.sort());
    // The numbers verikit sent never appear unredacted (86-13800138000 is the mock's own documentation example).
    const written = await readFile(join(dir, 'exchanges.ndjson'), 'utf8');
    expect(written.match(/13800138(?!000)\d{3}/g)).toBeNull();
  });

  it.each([
    { given: 'an unknown flag', argv: ['run', '--bogus'] },
    { given: 'an unknown provider', argv: ['run', '--provider', 'nope'] },
    { given: 'a bad shard', argv: ['run', '--shard', '3/2'] },
    { given: 'a bad target', argv: ['run', '--target', 'prod'] },
    { given: '--base-url on the mock target', argv: ['run', '--base-url', 'huawei-osm=http://127.0.0.1:1'] },
    { given: 'a missing --config file', argv: ['run', '--config', 'does-not-exist.yaml'] },
  ])('exits 2 for $given', async ({ argv }) => {
    expect(await main(argv)).toBe(2);
  });

  it('names every invalid key of a config file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vk-cfg-'));
    const file = join(dir, 'verikit.config.yaml');
    await writeFile(file, 'target: staging\nbogus: 1\ncostGuard:\n  maxSends: -1\n');
    const err = await run(['--config', file]).then(() => undefined, (e: Error & { code?: string }) => e);
    expect(err?.code).toBe('VK_CONFIG_INVALID');
    for (const part of ['/target: must be one of mock, live', 'unknown key "bogus"', '/costGuard/maxSends: must be >= 0']) expect(err?.message).toContain(part);
  });
});

describe('a deliberately broken mock turns the run red with the right finding', () => {
  let mocks: RunningMocks;
  let specs: ProviderSpec[];
  beforeAll(async () => {
    specs = (await loadSpecs('specs')).filter((s) => s.id === 'huawei-osm');
    mocks = await startMocks({ portBase: 0, providers: ['huawei-osm'], credentials: TEST_CREDENTIALS });
  });
  afterAll(() => mocks.close());

  const table = [
    { given: 'an HTML error page', fault: { kind: 'html' as const, operationId: 'SendVerifyCodes' }, check: 'content-type-documented', msg: /received content-type text\/html/ },
    { given: 'a dropped connection', fault: { kind: 'drop' as const, operationId: 'SendVerifyCodes' }, check: 'response-received', msg: /received no HTTP answer/ },
    { given: 'an undocumented field', fault: { kind: 'drift' as const, mode: 'add-field' as const, operationId: 'SendVerifyCodes', field: 'surprise', to: 1 }, check: 'no-undocumented-fields', msg: /surprise/ },
    { given: 'a retyped field', fault: { kind: 'drift' as const, mode: 'retype-field' as const, operationId: 'SendVerifyCodes', field: 'error_msg', to: 42 }, check: 'response-schema-conforms', msg: /\/error_msg must be string/ },
  ];
  it.each(table)('$given -> $check', async ({ fault, check, msg }) => {
    mocks.control.reset('all');
    mocks.control.injectFault('huawei-osm', fault);
    const target = await createMockTarget({ providers: ['huawei-osm'], running: mocks });
    const { summary } = await runConformance({ specs, target, seed: 1, costGuard: guardOff, timeoutMs: 2000 });
    expect(exitCodeOf(summary)).toBe(1);
    const f = summary.findings.filter((x) => x.check === check);
    expect(f.length).toBeGreaterThan(0);
    expect(f.every((x) => x.operationId === 'SendVerifyCodes')).toBe(true);
    expect(f[0].message).toMatch(msg);
    expect(summary.findings.filter((x) => x.operationId === 'CheckVerifyCodes' && !x.caseId?.includes('/flow/'))).toEqual([]);
  });
});
