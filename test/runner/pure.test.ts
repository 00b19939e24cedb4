import { describe, expect, it } from 'vitest';
import { backoffMs, shouldRetry, DEFAULT_RETRY } from '../../src/runner/retry.ts';
import { inShard, parseShard } from '../../src/runner/shard.ts';
import { createSummaryBuilder } from '../../src/runner/summary.ts';
import { exitCodeOf, summaryTable } from '../../src/runner/table.ts';
import type { CaseResult, WireResponse } from '../../src/core/types.ts';
import { registerSecret } from '../../src/core/redact.ts';

const res = (status: number): WireResponse => ({ status, headers: {}, body: '', durationMs: 1 });

describe('retry policy', () => {
  const table = [
    { given: '503 on a free op', billed: false, status: 503, code: undefined, attempt: 1, want: true },
    { given: '503 on a billed op', billed: true, status: 503, code: undefined, attempt: 1, want: false },
    { given: '429', billed: false, status: 429, code: undefined, attempt: 2, want: true },
    { given: 'a throttling code in a 200', billed: false, status: 200, code: 'Throttling.User', attempt: 1, want: true },
    { given: 'retries exhausted', billed: false, status: 503, code: undefined, attempt: 3, want: false },
    { given: 'a 400', billed: false, status: 400, code: 'Invalid.Parameters', attempt: 1, want: false },
  ];
  it.each(table)('$given -> $want', ({ billed, status, code, attempt, want }) => {
    expect(shouldRetry(DEFAULT_RETRY, attempt, billed, res(status), undefined, code)).toBe(want);
  });
  it('backs off exponentially, capped, honouring Retry-After', () => {
    const p = { retries: 5, baseDelayMs: 100, maxDelayMs: 350 };
    expect([1, 2, 3, 4].map((a) => backoffMs(p, a))).toEqual([100, 200, 350, 350]);
    expect(backoffMs(p, 1, '0.25')).toBe(250);
  });
});

describe('shards', () => {
  it.each([
    { given: '1/3', want: [0, 3, 6] },
    { given: '3/3', want: [2, 5] },
  ])('$given', ({ given, want }) => expect(inShard([0, 1, 2, 3, 4, 5, 6], parseShard(given))).toEqual(want));
  it.each(['0/2', '3/2', 'a/b', '1'])('rejects %s', (s) => expect(() => parseShard(s)).toThrow(/--shard/));
});

describe('summary builder', () => {
  const result = (status: CaseResult['status'], ms: number, fail?: string): CaseResult => ({
    caseId: `c${ms}`, provider: 'huawei-osm', operationId: 'SendVerifyCodes', kind: 'positive', title: 't', status, durationMs: ms,
    checks: fail ? [{ check: 'status-code-documented', status: 'fail', kind: 'contract', message: fail }] : [],
    exchanges: status === 'skipped' ? [] : [{ caseId: 'c', provider: 'huawei-osm', operationId: 'SendVerifyCodes', startedAt: '', request: { method: 'POST', url: '', headers: {} }, response: { status: 200, headers: {}, body: '', durationMs: ms } }],
  });
  it('counts, percentiles and redacted findings', () => {
    registerSecret('13800138777', 'phone');
    const b = createSummaryBuilder([{ provider: 'huawei-osm', operationId: 'SendVerifyCodes' }, { provider: 'huawei-osm', operationId: 'CheckVerifyCodes' }]);
    for (let i = 1; i <= 20; i++) b.add(result('passed', i));
    b.add(result('failed', 100, 'received HTTP 502 for 13800138777 documented 200'));
    b.add(result('skipped', 0));
    const s = b.build({ target: 'mock', startedAt: '2024-01-01T00:00:00Z', durationMs: 5, seed: 1, gitCommit: null, interrupted: false, version: '0.1.0', providers: [], coverage: {} as never });
    expect(s.totals).toEqual({ cases: 22, passed: 20, failed: 1, skipped: 1 });
    const op = s.operations.find((o) => o.operationId === 'SendVerifyCodes')!;
    expect([op.p50Ms, op.p95Ms]).toEqual([11, 20]);
    expect(s.operations.find((o) => o.operationId === 'CheckVerifyCodes')).toMatchObject({ cases: 0, p50Ms: null });
    expect(s.findings).toHaveLength(1);
    expect(s.findings[0].message).not.toContain('13800138777');
    expect(exitCodeOf(s)).toBe(1);
    expect(summaryTable(s)).toMatch(/findings \(1\):\n  \[contract\] huawei-osm SendVerifyCodes status-code-documented: received HTTP 502/);
  });
});
