/**
 * Drift against the embedded mocks with every kind of injected fault: each is classified correctly,
 * and a baseline keeps a known drift green while a new one is red.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBaseline } from '../../src/drift/baseline.ts';
import { runDrift, type DriftRunOptions } from '../../src/drift/run.ts';
import type { DriftFinding } from '../../src/drift/types.ts';
import { startMocks, type Fault, type RunningMocks } from '../../src/mock/index.ts';
import { createMockTarget } from '../../src/runner/targets/mock.ts';
import { TEST_CREDENTIALS } from '../../src/signing/credentials.ts';
import { loadSpecs } from '../../src/spec/load.ts';
import type { ProviderId, ProviderSpec } from '../../src/spec/model.ts';

const P: ProviderId = 'alibaba-dypnsapi-intl';
const OP = 'CheckVerification';
let specs: ProviderSpec[];
let mocks: RunningMocks;

beforeAll(async () => {
  specs = await loadSpecs('specs');
  mocks = await startMocks({ portBase: 0, providers: [P], credentials: TEST_CREDENTIALS });
});
afterAll(async () => mocks?.close());

async function driftWith(faults: Fault[], extra: Partial<DriftRunOptions> = {}) {
  mocks.control.reset(P);
  for (const f of faults) mocks.control.injectFault(P, f);
  const target = await createMockTarget({ providers: [P], running: mocks });
  try {
    return await runDrift({
      specs, providers: [P], target, seed: 7, maxPerOperation: 6, timeoutMs: 1500, concurrency: 4,
      costGuard: { enforce: true, allowSend: false, allowNumbers: [], maxSends: 0 }, ...extra,
    });
  } finally {
    await target.close();
  }
}

const at = (ds: DriftFinding[]) => [...new Set(ds.filter((d) => d.operationId === OP).map((d) => `${d.class} ${d.pointer}${d.value ? `#${d.value}` : ''}`))].sort();

describe('drift against the mocks', () => {
  it('a clean mock shows no drift and exits green', async () => {
    const out = await driftWith([]);
    expect(out.summary.totals.cases).toBeGreaterThan(0);
    expect(out.drift).toEqual([]);
    expect(out.summary.findings).toEqual([]);
  });

  const table: Array<{ name: string; fault: Omit<Fault, 'operationId'>; want: string[] }> = [
    { name: 'drift remove-field', fault: { kind: 'drift', mode: 'remove-field', field: 'Message' }, want: ['missing-required-field /body/Message'] },
    { name: 'drift rename-field', fault: { kind: 'drift', mode: 'rename-field', field: 'Message', to: 'message' }, want: ['missing-required-field /body/Message', 'undocumented-field /body/message'] },
    { name: 'drift retype-field', fault: { kind: 'drift', mode: 'retype-field', field: 'Message', to: 42 }, want: ['changed-type /body/Message'] },
    { name: 'drift add-field', fault: { kind: 'drift', mode: 'add-field', field: 'TraceId', to: 'x' }, want: ['undocumented-field /body/TraceId'] },
    { name: 'drift undocumented-code', fault: { kind: 'drift', mode: 'undocumented-code', to: 'Brand.New.Code' }, want: ['undocumented-error-code /body/Code#Brand.New.Code'] },
    { name: 'html error page', fault: { kind: 'html', status: 502 }, want: ['content-type-change /headers/content-type#text/html', 'not-json /body', 'undocumented-status /status#502'] },
    { name: 'documented 503 (ServiceUnavailable is a common code): not drift', fault: { kind: 'status5xx', status: 503 }, want: [] },
    { name: 'throttled with a documented common code: not drift', fault: { kind: 'throttle' }, want: [] },
    { name: 'connection dropped', fault: { kind: 'drop' }, want: ['no-response #VK_CONN_RESET'] },
    { name: 'timeout', fault: { kind: 'latency', latencyMs: 4000, count: 1 }, want: ['no-response #VK_TIMEOUT'] },
  ];

  it.each(table)('$name is classified', async ({ fault, want }) => {
    const out = await driftWith([{ ...fault, operationId: OP } as Fault]);
    expect(at(out.drift)).toEqual(want);
    // every deviation is a finding of kind drift, new (no baseline), and the run wrote no tool error
    expect(out.summary.findings.length > 0).toBe(want.length > 0);
    expect(out.summary.findings.every((f) => f.kind === 'drift' && f.baseline === 'new' && f.driftClass)).toBe(true);
    expect(out.summary.errors).toEqual([]);
    expect(out.summary.interrupted).toBe(false);
    // other operations are untouched
    expect(out.drift.filter((d) => d.operationId !== OP)).toEqual([]);
  });

  it('latency regression against the baseline latency', async () => {
    const baseline = buildBaseline([], undefined, 'now', { [`${P}/${OP}`]: 20 });
    const out = await driftWith([{ kind: 'latency', latencyMs: 1000, count: 1, operationId: OP }], { baseline, latencyTolerance: 3 });
    expect(at(out.drift)).toEqual(['latency-regression /durationMs']);
  });

  it('a baseline keeps a known drift green and a new one red', async () => {
    const known = await driftWith([{ kind: 'drift', mode: 'add-field', field: 'TraceId', to: 'x', operationId: OP }]);
    const baseline = buildBaseline(known.drift, undefined, '2026-01-01T00:00:00.000Z');

    const again = await driftWith([{ kind: 'drift', mode: 'add-field', field: 'TraceId', to: 'x', operationId: OP }], { baseline });
    expect(again.comparison.new).toEqual([]);
    expect(again.comparison.known.length).toBeGreaterThan(0);
    expect(again.summary.findings.every((f) => f.baseline === 'known')).toBe(true);
    expect(again.summary.totals.failed).toBe(0);

    const worse = await driftWith([
      { kind: 'drift', mode: 'add-field', field: 'TraceId', to: 'x', operationId: OP },
      { kind: 'drift', mode: 'undocumented-code', to: 'Brand.New.Code', operationId: OP },
    ], { baseline });
    expect(at(worse.comparison.new)).toEqual(['undocumented-error-code /body/Code#Brand.New.Code']);
    expect(worse.summary.findings.some((f) => f.baseline === 'new')).toBe(true);
    expect(worse.summary.totals.failed).toBeGreaterThan(0);

    const fixed = await driftWith([], { baseline });
    expect(fixed.comparison.new).toEqual([]);
    expect(fixed.comparison.fixed.map((e) => e.fingerprint)).toEqual([`${P}/${OP}/undocumented-field/body/TraceId`]);
    expect(fixed.summary.findings.map((f) => f.baseline)).toEqual(['fixed']);
  });
});
