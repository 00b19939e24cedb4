/**
 * The armed coverage cases of a mock run: every documented status and error code is reached, the pairs
 * verikit's run does not reach on its own armed for that case's request only, so concurrent cases never
 * take another's answer. A code the registry says the run reaches naturally (src/mock/triggers.ts) but
 * that no case or flow reaches fails the first test: give it a case, or list it in RUN_ARMS.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allArmedCases } from '../../src/cases/coverage-cases.ts';
import { operationCases } from '../../src/cases/index.ts';
import { startMocks, type RunningMocks } from '../../src/mock/index.ts';
import { checkCoverage } from '../../src/runner/coverage-gate.ts';
import { planSelection } from '../../src/runner/filters.ts';
import { runConformance } from '../../src/runner/run.ts';
import { createMockTarget } from '../../src/runner/targets/mock.ts';
import { TEST_CREDENTIALS } from '../../src/signing/credentials.ts';
import { loadSpecs } from '../../src/spec/load.ts';
import type { ProviderSpec } from '../../src/spec/model.ts';

const guardOff = { enforce: false, allowSend: false, allowNumbers: [], maxSends: 0 };
let mocks: RunningMocks;
let specs: ProviderSpec[];
beforeAll(async () => {
  specs = await loadSpecs('specs');
  mocks = await startMocks({ portBase: 0, credentials: TEST_CREDENTIALS });
});
afterAll(() => mocks.close());

describe('the mock run covers every documented status and error code', () => {
  it.each([{ concurrency: 1 }, { concurrency: 16 }])('with --concurrency $concurrency, and says how many were natural', async ({ concurrency }) => {
    mocks.control.reset('all');
    const target = await createMockTarget({ providers: specs.map((s) => s.id), running: mocks });
    const ran: string[] = [];
    const { summary } = await runConformance({ specs, target, seed: 1, concurrency, costGuard: guardOff, onResult: (r) => ran.push(r.caseId) });
    const { statusCodes, errorCodes } = summary.coverage;
    expect(statusCodes.uncovered).toEqual([]);
    expect(errorCodes.uncovered).toEqual([]);
    // the armed cases are the planned ones, whatever the other cases reached
    const armed = allArmedCases(specs, 1).map((c) => c.id);
    expect(ran.filter((id) => id.includes('/answer-')).sort()).toEqual([...armed].sort());
    expect(summary.findings).toEqual([]);
    expect(summary.totals.failed).toBe(0);
    // both kinds are there, and they add up
    for (const item of [statusCodes, errorCodes]) {
      expect(item.natural).toBeGreaterThan(0);
      expect(item.armed!.length).toBeGreaterThan(0);
      expect(item.natural! + item.armed!.length).toBe(item.covered);
    }
  });

  it('without arming, reports only what the mocks answered on their own', async () => {
    mocks.control.reset('all');
    const target = await createMockTarget({ providers: specs.map((s) => s.id), running: mocks });
    const { summary } = await runConformance({ specs, target, seed: 1, costGuard: guardOff, armed: false });
    expect(summary.coverage.errorCodes.armed).toEqual([]);
    expect(summary.coverage.errorCodes.uncovered.length).toBeGreaterThan(0);
    expect(summary.coverage.errorCodes.natural).toBe(summary.coverage.errorCodes.covered);
  });
});

describe('a filtered run', () => {
  it('--operation: coverage (and the gate) is over the operations the filters kept', async () => {
    mocks.control.reset('all');
    const target = await createMockTarget({ providers: specs.map((s) => s.id), running: mocks });
    const key = 'alibaba-dypnsapi-intl/StartVerification';
    const { summary } = await runConformance({ specs, target, seed: 1, costGuard: guardOff, select: planSelection([key], []) });
    const { operations, statusCodes, errorCodes } = summary.coverage;
    expect(operations).toMatchObject({ total: 1, covered: 1, uncovered: [] });
    const op = specs.find((s) => s.id === 'alibaba-dypnsapi-intl')!.operations.find((o) => o.operationId === 'StartVerification')!;
    expect(statusCodes.total).toBe(new Set([...op.responses.map((r) => r.status), ...op.codes.filter((c) => !c.common).map((c) => c.status)]).size);
    expect(statusCodes.uncovered).toEqual([]);
    expect(errorCodes.total).toBe(op.codes.filter((c) => c.outcome === 'error').length);
    // the operation's own codes are all reached; a provider-wide code armed on another operation (or reached
    // by a flow of another operation) is reported uncovered, as it was not answered in this run
    expect(errorCodes.uncovered.length).toBeGreaterThan(0);
    expect(errorCodes.uncovered.every((k) => k.startsWith('alibaba-dypnsapi-intl * '))).toBe(true);
    expect(checkCoverage(summary.coverage, { operations: 100, statuses: 100 }).ok).toBe(true);
    const gate = checkCoverage(summary.coverage, { codes: 100 }, 'the 1 operation(s) the filters kept');
    expect(gate.failures[0]).toMatch(/over the 1 operation\(s\) the filters kept\); uncovered: alibaba-dypnsapi-intl \* /);
  });
});

describe('armed cases under concurrency', () => {
  it('each armed answer goes to its own case, never to a concurrent case of the same operation', async () => {
    mocks.control.reset('all');
    const dyp = specs.filter((s) => s.id === 'alibaba-dypnsapi-intl');
    const op = dyp[0].operations.find((o) => o.operationId === 'SearchVerification')!;
    const armed = allArmedCases(dyp, 1).filter((c) => c.operationId === op.operationId);
    const plain = operationCases(dyp[0], op, 1).cases.filter((c) => c.kind === 'example');
    // interleave: plain example cases (OK expected) between the armed ones, 32 in flight
    const cases = armed.flatMap((c, i) => [c, ...plain.map((p) => ({ ...p, id: `${p.id}-${i}` }))]);
    const target = await createMockTarget({ providers: ['alibaba-dypnsapi-intl'], running: mocks });
    const results: Array<{ id: string; code: unknown; status?: number; passed: boolean }> = [];
    await runConformance({
      specs: dyp, target, seed: 1, concurrency: 32, costGuard: guardOff, generated: { cases, flows: [], counts: [] },
      onResult: (r) => results.push({ id: r.caseId, code: (r.exchanges[0]?.response?.json as { Code?: unknown })?.Code, status: r.exchanges[0]?.response?.status, passed: r.status === 'passed' }),
    });
    expect(armed.length).toBeGreaterThan(10);
    for (const c of armed) expect(results.find((r) => r.id === c.id)).toMatchObject({ code: c.answer!.code, status: c.answer!.status, passed: true });
    for (const r of results.filter((x) => !x.id.includes('/answer-'))) expect(r.code, r.id).toBe('OK');
    expect((await fetch(`${mocks.urls['alibaba-dypnsapi-intl']}/__verikit/answers`).then((r) => r.json() as Promise<{ answers: unknown[] }>)).answers).toEqual([]);
  });

  it('a target that cannot arm (live) skips armed cases with the reason', async () => {
    mocks.control.reset('all');
    const osm = specs.filter((s) => s.id === 'huawei-osm');
    const cases = allArmedCases(osm, 1);
    const target = { ...(await createMockTarget({ providers: ['huawei-osm'], running: mocks })), armAnswer: undefined };
    const { summary } = await runConformance({ specs: osm, target, seed: 1, costGuard: guardOff, generated: { cases, flows: [], counts: [] } });
    expect(summary.totals.skipped).toBe(cases.length);
    expect(summary.coverage.errorCodes.covered).toBe(0);
  });
});
