import { describe, expect, it } from 'vitest';
import { createCoverage } from '../../src/reports/coverage.ts';
import { listConstraints } from '../../src/reports/constraints.ts';
import { ALIBABA, JIGUANG, SPECS, exchange, result, sampleResults, testCase } from './fixtures.ts';

describe('listConstraints', () => {
  const table = [
    { given: ALIBABA.operations[0].requestSchema, want: ['enum /query/Channel', 'maxLength /query/To', 'pattern /query/To', 'required /query/Channel', 'required /query/To'] },
    { given: JIGUANG.operations[0].requestSchema, want: ['minLength /body/token', 'required /body/phone', 'required /body/token', 'type /body/exID', 'type /body/phone', 'type /body/token'] },
    { given: { type: 'object', properties: { query: { type: 'object', properties: { N: { type: 'integer', minimum: 1 } } } } }, want: ['minimum /query/N', 'type /query/N'] },
    { given: { type: 'object', properties: { query: { type: 'object', properties: { M: { type: 'array', minItems: 1, items: { type: 'string', enum: ['SMS'] } } } } } }, want: ['enum /query/M/0', 'minItems /query/M'] },
    { given: { type: 'object', properties: { body: { type: 'array', items: { type: 'object', properties: { 'a/b': { const: 1 } } } } } }, want: ['const /body/0/a~1b', 'type /body/0'] },
    { given: { type: 'object', properties: { body: { type: 'object', additionalProperties: false, properties: { l: { type: 'array', minItems: 0, uniqueItems: false, items: { type: 'string', minLength: 0 } }, o: { type: 'object', additionalProperties: false } } } } }, want: ['additionalProperties /body/o', 'type /body/l', 'type /body/l/0', 'type /body/o'] },
  ];
  it.each(table)('lists $want.length constraints', ({ given, want }) => {
    expect(listConstraints(given).map((c) => `${c.keyword} ${c.pointer}`).sort()).toEqual(want);
  });
});

describe('createCoverage', () => {
  const A = 'alibaba-dypnsapi-intl' as const;
  const table = [
    {
      name: 'nothing ran',
      results: [],
      want: { operations: [0, 4], statusCodes: [0, 6], errorCodes: [0, 7] },
      uncovered: { operations: ['huawei-osm/CheckVerifyCodes'], errorCodes: ['alibaba-dypnsapi-intl * Throttling'] },
    },
    {
      name: 'sample run',
      results: sampleResults(),
      want: { operations: [3, 4], statusCodes: [4, 6], errorCodes: [1, 7] },
      uncovered: { operations: ['huawei-osm/CheckVerifyCodes'], statusCodes: ['alibaba-dypnsapi-intl/CheckVerification 400'], errorCodes: ['jiguang-jverification/verify 9011'] },
    },
    {
      name: 'a common code seen on any operation covers it for the provider',
      results: [result({ caseId: 'x', provider: A, operationId: 'CheckVerification', exchanges: [exchange(A, 'CheckVerification', 'x', 429, { Code: 'Throttling' })] })],
      want: { operations: [1, 4], statusCodes: [0, 6], errorCodes: [1, 7] },
      uncovered: { errorCodes: ['alibaba-dypnsapi-intl/StartVerification MOBILE_NUMBER_ILLEGAL'] },
    },
    {
      name: 'a code that looks like a status is not the status',
      results: [result({ caseId: 'z', provider: 'jiguang-jverification', operationId: 'verify', exchanges: [exchange('jiguang-jverification', 'verify', 'z', 401, { code: 200 })] })],
      want: { operations: [1, 4], statusCodes: [0, 6], errorCodes: [0, 7] },
      uncovered: { statusCodes: ['jiguang-jverification/verify 200'] },
    },
    {
      name: 'a transport error exercises nothing',
      results: [result({ caseId: 'y', provider: A, operationId: 'StartVerification', exchanges: [exchange(A, 'StartVerification', 'y', null, null)] })],
      want: { operations: [0, 4], statusCodes: [0, 6], errorCodes: [0, 7] },
      uncovered: { operations: ['alibaba-dypnsapi-intl/StartVerification'] },
    },
  ];
  it.each(table)('$name', ({ results, want, uncovered }) => {
    const cov = createCoverage(SPECS, []);
    for (const r of results) cov.add(r);
    const got = cov.result();
    for (const [k, [covered, total]] of Object.entries(want)) {
      const item = got[k as keyof typeof got];
      expect({ k, covered: item.covered, total: item.total }).toEqual({ k, covered, total });
      expect(item.uncovered).toHaveLength(total - covered);
    }
    for (const [k, items] of Object.entries(uncovered)) expect(got[k as keyof typeof got].uncovered).toEqual(expect.arrayContaining(items));
  });

  it('counts a constraint once a negative case for it got an answer, and adds constraints only cases name', () => {
    const cases = [
      testCase({ id: 'n-1', provider: A, operationId: 'StartVerification', kind: 'negative', violates: { keyword: 'maxLength', pointer: '/query/To' } }),
      testCase({ id: 'n-2', provider: A, operationId: 'StartVerification', kind: 'negative', violates: { keyword: 'pattern', pointer: '/query/To' } }),
      testCase({ id: 'n-3', provider: A, operationId: 'StartVerification', kind: 'negative', violates: { keyword: 'x-custom', pointer: '/query/To' } }),
    ];
    const cov = createCoverage(SPECS, cases);
    const before = cov.result().constraints;
    cov.add(result({ caseId: 'n-1', provider: A, operationId: 'StartVerification', exchanges: [exchange(A, 'StartVerification', 'n-1', 400, { Code: 'Invalid.Parameters' })] }));
    cov.add(result({ caseId: 'n-2', provider: A, operationId: 'StartVerification', status: 'skipped', exchanges: [] }));
    const after = cov.result().constraints;
    expect(before.covered).toBe(0);
    expect(after.covered).toBe(1);
    expect(after.total).toBe(before.total);
    expect(after.uncovered).toContain('alibaba-dypnsapi-intl/StartVerification pattern /query/To');
    expect(after.uncovered).toContain('alibaba-dypnsapi-intl/StartVerification x-custom /query/To');
    expect(after.uncovered).not.toContain('alibaba-dypnsapi-intl/StartVerification maxLength /query/To');
  });
});

describe('createCoverage: natural and armed answers', () => {
  const A = 'alibaba-dypnsapi-intl' as const;
  const armedCase = (id: string) => testCase({ id, provider: A, operationId: 'CheckVerification', answer: { status: 429, code: 'Throttling', via: 'armed' } });
  const table = [
    { given: 'an armed answer only', natural: false, armed: true, want: { covered: 1, natural: 0, armed: ['alibaba-dypnsapi-intl * Throttling'] } },
    { given: 'a natural answer only', natural: true, armed: false, want: { covered: 1, natural: 1, armed: [] } },
    { given: 'both: natural wins', natural: true, armed: true, want: { covered: 1, natural: 1, armed: [] } },
    { given: 'neither', natural: false, armed: false, want: { covered: 0, natural: 0, armed: [] } },
  ];
  it.each(table)('$given', ({ natural, armed, want }) => {
    const cov = createCoverage(SPECS, []);
    const body = { Code: 'Throttling' };
    if (armed) cov.add(result({ caseId: 'a', provider: A, operationId: 'CheckVerification', testCase: armedCase('a'), exchanges: [exchange(A, 'CheckVerification', 'a', 429, body)] }));
    if (natural) cov.add(result({ caseId: 'n', provider: A, operationId: 'CheckVerification', exchanges: [exchange(A, 'CheckVerification', 'n', 429, body)] }));
    const codes = cov.result().errorCodes;
    expect({ covered: codes.covered, natural: codes.natural, armed: codes.armed }).toEqual(want);
    const statuses = cov.result().statusCodes;
    expect(statuses.natural! + statuses.armed!.length).toBe(statuses.covered);
  });
});
