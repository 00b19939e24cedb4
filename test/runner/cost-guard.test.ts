import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCases } from '../../src/cases/index.ts';
import type { TestCase } from '../../src/core/types.ts';
import { startMocks, type RunningMocks } from '../../src/mock/index.ts';
import { createCostGuard, parseNumber, sameNumber, substitutePhones } from '../../src/runner/cost-guard.ts';
import { runConformance } from '../../src/runner/run.ts';
import { createMockTarget } from '../../src/runner/targets/mock.ts';
import { TEST_CREDENTIALS } from '../../src/signing/credentials.ts';
import { loadSpecs } from '../../src/spec/load.ts';
import type { ProviderSpec } from '../../src/spec/model.ts';

describe('cost guard decisions', () => {
  const on = { enforce: true, allowSend: true, allowNumbers: ['86-13800138123'], maxSends: 1 };
  const table = [
    { given: 'a free operation', opts: on, billed: false, phones: ['1'], want: true },
    { given: 'not enforced (mock target)', opts: { ...on, enforce: false, allowSend: false }, billed: true, phones: ['447700900999'], want: true },
    { given: 'no --allow-send', opts: { ...on, allowSend: false }, billed: true, phones: ['8613800138123'], want: /--allow-send/ },
    { given: 'a number off the list', opts: on, billed: true, phones: ['8613800138124'], want: /not on --allow-number/ },
    { given: 'no number at all', opts: on, billed: true, phones: [], want: /no phone number/ },
    { given: 'an allowed number in another spelling', opts: on, billed: true, phones: ['13800138123'], want: true },
    { given: 'budget 0', opts: { ...on, maxSends: 0 }, billed: true, phones: ['8613800138123'], want: /budget exhausted \(--max-sends 0\)/ },
  ];
  it.each(table)('$given', ({ opts, billed, phones, want }) => {
    const r = createCostGuard(opts).admit(billed, phones);
    if (want === true) expect(r).toEqual({ ok: true });
    else expect(r.ok === false && r.reason).toMatch(want as RegExp);
  });

  it('counts sends and stops at the budget', () => {
    const g = createCostGuard({ enforce: true, allowSend: true, allowNumbers: ['447700900123'], maxSends: 2 });
    const got = Array.from({ length: 5 }, () => g.admit(true, ['447700900123']).ok);
    expect(got).toEqual([true, true, false, false, false]);
    expect(g.sends()).toBe(2);
  });

  it.each([
    { given: '86-13800138000', want: { cc: '86', national: '13800138000' } },
    { given: '+8613800138000', want: { cc: '86', national: '13800138000' } },
    { given: '447700900123', want: { cc: '44', national: '7700900123' } },
  ])('parses $given', ({ given, want }) => expect(parseNumber(given)).toEqual(want));

  it('rewrites test numbers in each field spelling, not other values', () => {
    const n = parseNumber('86-13900139000');
    const input = { query: { To: '8613800138123', PhoneNumber: '86-13800138123', ContactId: 'c-1' }, body: { contact_value: '13800138123', area_code: '44', phone: 'someone@example.com' } };
    expect(substitutePhones(input, n)).toEqual({
      query: { To: '8613900139000', PhoneNumber: '86-13900139000', ContactId: 'c-1' },
      body: { contact_value: '13900139000', area_code: '86', phone: 'someone@example.com' },
    });
    expect(sameNumber('86-13900139000', '13900139000')).toBe(true);
  });
});

describe('cost guard against the mock target with live rules forced on', () => {
  let mocks: RunningMocks;
  let specs: ProviderSpec[];
  beforeAll(async () => {
    specs = await loadSpecs('specs');
    mocks = await startMocks({ portBase: 0, providers: ['alibaba-dypnsapi-intl'], credentials: TEST_CREDENTIALS });
  });
  afterAll(() => mocks.close());

  it('budget 2 with ten sending cases sends exactly 2; the rest are skipped for budget', async () => {
    const spec = specs.find((s) => s.id === 'alibaba-dypnsapi-intl')!;
    const base = generateCases([spec], { seed: 1 }).cases.find((c) => c.operationId === 'StartVerification' && c.kind === 'positive')!;
    const numbers = Array.from({ length: 10 }, (_, i) => `4477009001${String(i).padStart(2, '0')}`);
    const cases: TestCase[] = numbers.map((to, i) => ({ ...base, id: `send-${i}`, input: { query: { ...base.input.query, To: to } } }));
    mocks.control.reset('all');
    const target = await createMockTarget({ providers: ['alibaba-dypnsapi-intl'], running: mocks });
    const { summary } = await runConformance({
      specs: [spec], target, seed: 1, generated: { cases, flows: [], counts: [] },
      costGuard: { enforce: true, allowSend: true, allowNumbers: numbers, maxSends: 2 },
    });
    expect(mocks.control.outbox('alibaba-dypnsapi-intl')).toHaveLength(2);
    expect(summary.totals).toEqual({ cases: 10, passed: 2, failed: 0, skipped: 8 });
  });

  it('without --allow-send nothing reaches the outbox', async () => {
    const spec = specs.find((s) => s.id === 'alibaba-dypnsapi-intl')!;
    mocks.control.reset('all');
    const target = await createMockTarget({ providers: ['alibaba-dypnsapi-intl'], running: mocks });
    const { summary } = await runConformance({ specs: [spec], target, seed: 1, costGuard: { enforce: true, allowSend: false, allowNumbers: [], maxSends: 5 } });
    expect(mocks.control.outbox('alibaba-dypnsapi-intl')).toHaveLength(0);
    const start = summary.operations.find((o) => o.operationId === 'StartVerification')!;
    expect(start.skipped).toBe(start.cases);
    expect(summary.findings).toEqual([]);
  });
});
