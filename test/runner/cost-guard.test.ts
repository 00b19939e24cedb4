import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCases } from '../../src/cases/index.ts';
import type { TestCase } from '../../src/core/types.ts';
import { startMocks, type RunningMocks } from '../../src/mock/index.ts';
import { createCostGuard, sameNumber, substitutePhones, wireNumbersIn } from '../../src/runner/cost-guard.ts';
import { parseAllowNumber, pickNumber } from '../../src/cases/allow-numbers.ts';
import { UsageError } from '../../src/core/errors.ts';
import { runConformance } from '../../src/runner/run.ts';
import { createMockTarget } from '../../src/runner/targets/mock.ts';
import { TEST_CREDENTIALS } from '../../src/signing/credentials.ts';
import { loadSpecs } from '../../src/spec/load.ts';
import type { ProviderSpec } from '../../src/spec/model.ts';

describe('cost guard decisions', () => {
  const on = { enforce: true, allowSend: true, allowNumbers: ['86-13800138123'], maxSends: 1 };
  // `phones` are what wireNumbersIn reads off a request: international digits, country code first.
  const table = [
    { given: 'a free operation', opts: on, billed: false, phones: ['1'], want: true },
    { given: 'not enforced (mock target)', opts: { ...on, enforce: false, allowSend: false }, billed: true, phones: ['447700900999'], want: true },
    { given: 'no --allow-send', opts: { ...on, allowSend: false }, billed: true, phones: ['8613800138123'], want: /--allow-send/ },
    { given: 'a number off the list', opts: on, billed: true, phones: ['8613800138124'], want: /not on --allow-number/ },
    { given: 'no number at all', opts: on, billed: true, phones: [], want: /no phone number/ },
    { given: 'the allowed number', opts: on, billed: true, phones: ['8613800138123'], want: true },
    { given: 'the allowed number written "+86-…"', opts: { ...on, allowNumbers: ['+86-138 0013 8123'] }, billed: true, phones: ['8613800138123'], want: true },
    { given: 'its national digits only (another country could own them)', opts: on, billed: true, phones: ['13800138123'], want: /not on --allow-number/ },
    { given: 'an OSM number without area_code', opts: on, billed: true, phones: wireNumbersIn('huawei-osm', { body: { contact_value: '8613800138123' } }), want: /not on --allow-number/ },
    { given: 'budget 0', opts: { ...on, maxSends: 0 }, billed: true, phones: ['8613800138123'], want: /budget exhausted \(--max-sends 0\)/ },
  ];
  it.each(table)('$given', ({ opts, billed, phones, want }) => {
    const r = createCostGuard(opts).admit(billed, phones);
    if (want === true) expect(r).toEqual({ ok: true });
    else expect(r.ok === false && r.reason).toMatch(want as RegExp);
  });

  it('counts sends and stops at the budget', () => {
    const g = createCostGuard({ enforce: true, allowSend: true, allowNumbers: ['+447700900123'], maxSends: 2 });
    const got = Array.from({ length: 5 }, () => g.admit(true, ['447700900123']).ok);
    expect(got).toEqual([true, true, false, false, false]);
    expect(g.sends()).toBe(2);
  });

  it.each([
    { given: '86-13900001234', want: { cc: '86', national: '13900001234' } },
    { given: '+8613900001234', want: { cc: '86', national: '13900001234' } },
    { given: '+86 139 0000 1234', want: { cc: '86', national: '13900001234' } },
    { given: '+447700900123', want: { cc: '44', national: '7700900123' } },
    { given: '+13900001234', want: { cc: '1', national: '3900001234' } },
    { given: '+85291234567', want: { cc: '852', national: '91234567' } },
    { given: '+62812345678', want: { cc: '62', national: '812345678' } },
    { given: '1-3900001234', want: { cc: '1', national: '3900001234' } },
  ])('reads the international number $given', ({ given, want }) => expect(parseAllowNumber(given)).toEqual(want));

  it.each([
    { given: '13900001234', want: /no country code/ },
    { given: '8613900001234', want: /no country code/ },
    { given: '447700900123', want: /no country code/ },
    { given: '861-3900001234', want: /not a country code/ },
    { given: '+86 1390000abcd', want: /only digits/ },
    { given: '+86123', want: /5 to 15 digits/ },
    { given: '+8613900001234567', want: /5 to 15 digits/ },
  ])('refuses $given, naming the expected form', ({ given, want }) => {
    let err: unknown;
    try { parseAllowNumber(given); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(UsageError);
    expect((err as UsageError).code).toBe('VK_ALLOW_NUMBER');
    expect((err as UsageError).message).toMatch(want);
    expect((err as UsageError).fix).toContain('+8613900001234 or 86-13900001234');
    expect((err as UsageError).message).not.toContain(given.replace(/\D/g, ''));
  });

  it('an enforced guard refuses an allow-list entry without country code', () => {
    expect(() => createCostGuard({ ...on, allowNumbers: ['13900001234'] })).toThrow(/no country code/);
  });

  const n = { cc: '86', national: '13900001234' };
  it.each([
    { provider: 'alibaba-dypnsapi-intl' as const, input: { query: { To: '8613800138123', ContactId: 'c-1' } }, want: { query: { To: '8613900001234', ContactId: 'c-1' } }, wire: ['8613900001234'] },
    { provider: 'alibaba-dypnsapi-intl' as const, input: { query: { To: '13800138123' } }, want: { query: { To: '8613900001234' } }, wire: ['8613900001234'] },
    { provider: 'alibaba-resourcedirectorymaster' as const, input: { query: { PhoneNumber: '86-13800138123', ContactId: 'c-1' } }, want: { query: { PhoneNumber: '86-13900001234', ContactId: 'c-1' } }, wire: ['8613900001234'] },
    { provider: 'alibaba-resourcedirectorymaster' as const, input: { query: { PhoneNumber: '+447700900123' } }, want: { query: { PhoneNumber: '86-13900001234' } }, wire: ['8613900001234'] },
    // the bugs of issue 17: the test number's length used to decide the spelling, and area_code was kept only when present
    { provider: 'huawei-osm' as const, input: { body: { contact_value: '8613800138123', contact_way: 0, area_code: '44' } }, want: { body: { contact_value: '13900001234', contact_way: 0, area_code: '86' } }, wire: ['8613900001234'] },
    { provider: 'huawei-osm' as const, input: { body: { contact_value: '8613800138123', contact_way: 0 } }, want: { body: { contact_value: '13900001234', contact_way: 0, area_code: '86' } }, wire: ['8613900001234'] },
    { provider: 'jiguang-jverification' as const, input: { body: { token: 't', phone: '13800138123' } }, want: { body: { token: 't', phone: '13900001234' } }, wire: ['8613900001234'] },
    { provider: 'jiguang-jverification' as const, input: { body: { token: 't', phone: 13800138123 } }, want: { body: { token: 't', phone: 13900001234 } }, wire: ['8613900001234'] },
    { provider: 'huawei-osm' as const, input: { body: { contact_value: 'someone@example.com', contact_way: 1 } }, want: { body: { contact_value: 'someone@example.com', contact_way: 1 } }, wire: ['without-area-code:someone@example.com'] },
  ])('$provider gets the number in its spelling ($input)', ({ provider, input, want, wire }) => {
    const out = substitutePhones(provider, input, n);
    expect(out).toEqual(want);
    // and the guard reads back exactly the allow-listed number (or something that matches none)
    expect(wireNumbersIn(provider, out)).toEqual(wire);
  });

  it('a +44 number: OSM gets area_code 44, JVerification (mainland only) is skipped with the reason', () => {
    const uk = parseAllowNumber('+447700900201');
    expect(substitutePhones('huawei-osm', { body: { contact_value: '8613800138123', contact_way: 0, area_code: '86' } }, uk)).toEqual({ body: { contact_value: '7700900201', contact_way: 0, area_code: '44' } });
    expect(pickNumber([uk], 'jiguang-jverification', 0)).toEqual({ skip: expect.stringMatching(/mainland China mobile numbers only/) });
    const cn = parseAllowNumber('+8613900001234');
    expect(pickNumber([uk, cn], 'jiguang-jverification', 0)).toEqual(cn);
    expect(pickNumber([uk, cn], 'huawei-osm', 0)).toEqual(uk);
    expect(pickNumber([uk, cn], 'huawei-osm', 1)).toEqual(cn);
    expect(pickNumber([], 'huawei-osm', 0)).toBeUndefined();
  });

  it('sameNumber still matches outbox spellings (mock target only)', () => {
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
    const allowNumbers = numbers.map((x) => `+${x}`);
    const cases: TestCase[] = numbers.map((to, i) => ({ ...base, id: `send-${i}`, input: { query: { ...base.input.query, To: to } } }));
    mocks.control.reset('all');
    const target = await createMockTarget({ providers: ['alibaba-dypnsapi-intl'], running: mocks });
    const { summary } = await runConformance({
      specs: [spec], target, seed: 1, generated: { cases, flows: [], counts: [] },
      costGuard: { enforce: true, allowSend: true, allowNumbers, maxSends: 2 },
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
