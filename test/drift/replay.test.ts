/**
 * Record a run against the mocks (with injected faults), stop the mocks, replay the recording with
 * the CLI: the replay reproduces the recorded findings with no provider to talk to.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CaseResult, RunSummary } from '../../src/core/types.ts';
import { compareFindings, replay } from '../../src/drift/replay.ts';
import { runDrift } from '../../src/drift/run.ts';
import { startMocks, type Fault } from '../../src/mock/index.ts';
import { openReportWriter } from '../../src/reports/index.ts';
import { runConformance } from '../../src/runner/run.ts';
import { createMockTarget } from '../../src/runner/targets/mock.ts';
import { validatorCache } from '../../src/runner/validators.ts';
import { TEST_CREDENTIALS } from '../../src/signing/credentials.ts';
import { loadSpecs } from '../../src/spec/load.ts';
import type { ProviderId } from '../../src/spec/model.ts';
import { verikit } from './cli.ts';

const PROVIDERS: ProviderId[] = ['alibaba-dypnsapi-intl', 'huawei-osm', 'jiguang-jverification'];
const FAULTS: Array<[ProviderId, Fault]> = [
  ['alibaba-dypnsapi-intl', { kind: 'drift', mode: 'add-field', field: 'TraceId', to: 'x', operationId: 'CheckVerification' }],
  ['alibaba-dypnsapi-intl', { kind: 'drift', mode: 'retype-field', field: 'Success', to: 'yes', operationId: 'SearchVerification' }],
  ['huawei-osm', { kind: 'drift', mode: 'undocumented-code', to: 'OSM.99999999', operationId: 'CheckVerifyCodes' }],
  ['jiguang-jverification', { kind: 'html', status: 502, operationId: 'VerifyH5' }],
];

const made: string[] = [];
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

async function record(mode: 'run' | 'drift', extra: { faults?: Array<[ProviderId, Fault]>; latencyBudgetMs?: number } = {}): Promise<{ dir: string; summary: RunSummary }> {
  const dir = mkdtempSync(join(tmpdir(), `vk-replay-${mode}-`));
  made.push(dir);
  const specs = await loadSpecs('specs');
  const mocks = await startMocks({ portBase: 0, providers: PROVIDERS, credentials: TEST_CREDENTIALS });
  try {
    for (const [p, f] of extra.faults ?? FAULTS) mocks.control.injectFault(p, f);
    const target = await createMockTarget({ providers: PROVIDERS, running: mocks });
    const writer = await openReportWriter(join(dir, 'reports'), { specs });
    const opts = {
      specs, providers: PROVIDERS, target, seed: 3, maxPerOperation: 6, concurrency: 4, timeoutMs: 5000,
      costGuard: { enforce: false, allowSend: false, allowNumbers: [], maxSends: 0 }, onResult: (r: CaseResult) => writer.add(r),
      latencyBudgetMs: extra.latencyBudgetMs,
    };
    const { summary } = mode === 'run' ? await runConformance(opts) : await runDrift(opts);
    await writer.finish(summary);
    await target.close();
    return { dir, summary };
  } finally {
    await mocks.close();
  }
}

const key = (f: RunSummary['findings'][number]) => `${f.caseId}|${f.check}|${f.kind}|${f.driftClass ?? ''}`;

describe('replay', () => {
  it('checks latency against the recorded run\'s budget unless told otherwise', async () => {
    const { dir, summary } = await record('run', { faults: [['huawei-osm', { kind: 'latency', latencyMs: 120, operationId: 'SendVerifyCodes' }]], latencyBudgetMs: 60 });
    expect(summary.latencyBudgetMs).toBe(60);
    const slow = summary.findings.filter((f) => f.check === 'response-time-within-budget');
    expect(slow.length).toBeGreaterThan(0);
    const r = await verikit(['replay', join(dir, 'reports', 'exchanges.ndjson')]);
    const replayed = JSON.parse(readFileSync(join(dir, 'reports', 'replay', 'summary.json'), 'utf8')) as RunSummary;
    expect(r.code).toBe(1);
    expect(replayed.latencyBudgetMs).toBe(60);
    expect(replayed.findings.filter((f) => f.check === 'response-time-within-budget').map(key).sort()).toEqual(slow.map(key).sort());
  });

  it('reproduces the findings of a recorded run, offline (mocks stopped)', async () => {
    const { dir, summary } = await record('run');
    expect(summary.findings.length).toBeGreaterThan(0);
    const r = await verikit(['replay', join(dir, 'reports', 'exchanges.ndjson')]);
    expect(r.stderr).toBe('');
    const replayed = JSON.parse(readFileSync(join(dir, 'reports', 'replay', 'summary.json'), 'utf8')) as RunSummary;
    expect(replayed.target).toBe('replay');
    expect(replayed.findings.map(key).sort()).toEqual(summary.findings.map(key).sort());
    expect(replayed.totals).toEqual(summary.totals);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${summary.findings.length} finding(s) reproduced, 0 no longer found, 0 new`);
    expect(r.stdout).toMatch(/drift classification: \d+ distinct deviation\(s\) \(.*undocumented-field/);
  });

  it('reproduces a recorded drift run with --drift, classes and all', async () => {
    const { dir, summary } = await record('drift');
    const classes = [...new Set(summary.findings.map((f) => f.driftClass))].sort();
    expect(classes).toEqual(['changed-type', 'content-type-change', 'not-json', 'undocumented-error-code', 'undocumented-field', 'undocumented-status']);
    const r = await verikit(['replay', join(dir, 'reports', 'exchanges.ndjson'), '--drift', '--baseline', join(dir, 'none.json')]);
    const replayed = JSON.parse(readFileSync(join(dir, 'reports', 'replay', 'summary.json'), 'utf8')) as RunSummary;
    expect(compareFindings(summary.findings, replayed.findings)).toMatchObject({ onlyRecorded: [], onlyReplayed: [] });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/drift: \d+ new, 0 known, 0 fixed/);
  });

  it('an edited spec is tried against the recording: documenting the field removes that drift', async () => {
    const { dir } = await record('drift');
    const { readExchanges } = await import('../../src/drift/ndjson.ts');
    const records = await readExchanges(join(dir, 'reports', 'exchanges.ndjson'));
    const specs = await loadSpecs('specs');
    const before = replay(records, { specs, validator: validatorCache(), latencyBudgetMs: 0 });
    const op = specs.find((s) => s.id === 'alibaba-dypnsapi-intl')!.operations.find((o) => o.operationId === 'CheckVerification')!;
    for (const res of op.responses) (res.schema as { properties: Record<string, unknown> }).properties.TraceId = { type: 'string' };
    const after = replay(records, { specs, validator: validatorCache(), latencyBudgetMs: 0 });
    const flagged = (rs: CaseResult[]) => rs.filter((x) => x.checks.some((c) => c.check === 'no-undocumented-fields' && c.status === 'fail' && c.message?.includes('TraceId'))).length;
    expect(flagged(before.results)).toBeGreaterThan(0);
    expect(flagged(after.results)).toBe(0);
  });

  it.each([
    { name: 'missing file', args: ['replay', '/nonexistent/exchanges.ndjson'], want: /error\[VK_REPLAY_INPUT\]: .*cannot read the file \(ENOENT\)/ },
    { name: 'no file', args: ['replay'], want: /error\[VK_USAGE\]: expected one recording/ },
  ])('named error: $name', async ({ args, want }) => {
    const r = await verikit(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(want);
  });
});
