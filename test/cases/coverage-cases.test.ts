import { describe, expect, it } from 'vitest';
import { armedCoverageCases } from '../../src/cases/coverage-cases.ts';
import { loadSpecs } from '../../src/spec/load.ts';

const specs = await loadSpecs('specs');
const none = { total: 0, covered: 0, uncovered: [] as string[] };

describe('armedCoverageCases', () => {
  it('arms nothing when nothing is uncovered', () => {
    expect(armedCoverageCases(specs, { statusCodes: none, errorCodes: none }, 1)).toEqual([]);
  });

  const table = [
    { given: 'an operation code', statuses: [], codes: ['alibaba-dypnsapi-intl/StartVerification RESOURCE_NOT_ENOUGH'], want: [['alibaba-dypnsapi-intl/StartVerification/armed/200-RESOURCE_NOT_ENOUGH', 200, 'RESOURCE_NOT_ENOUGH']] },
    { given: 'a common code: armed once, on the first operation', statuses: [], codes: ['huawei-osm * OSM.0003'], want: [['huawei-osm/CheckVerifyCodes/armed/403-OSM.0003', 403, 'OSM.0003']] },
    { given: 'a status: the first code documented with it', statuses: ['jiguang-jverification/VerifyH5 401'], codes: [], want: [['jiguang-jverification/VerifyH5/armed/401-9010', 401, '9010']] },
    { given: 'a status and a code one case covers', statuses: ['huawei-osm/SendVerifyCodes 429'], codes: ['huawei-osm * APIGW.0308'], want: [['huawei-osm/CheckVerifyCodes/armed/429-APIGW.0308', 429, 'APIGW.0308'], ['huawei-osm/SendVerifyCodes/armed/429-APIGW.0308', 429, 'APIGW.0308']] },
  ];
  it.each(table)('$given', ({ statuses, codes, want }) => {
    const got = armedCoverageCases(specs, { statusCodes: { ...none, uncovered: statuses }, errorCodes: { ...none, uncovered: codes } }, 1);
    expect(got.map((c) => [c.id, c.answer?.status, c.answer?.code])).toEqual(want);
    for (const c of got) {
      expect(c.answer?.via).toBe('armed');
      expect(c.auth).toBe('valid');
      expect(c.expect.status).toEqual([c.answer?.status]);
      expect(c.expect.codes).toEqual([c.answer?.code]);
    }
  });

  it('covers every documented status and error code when nothing was reached', async () => {
    const { createCoverage } = await import('../../src/reports/coverage.ts');
    const all = createCoverage(specs, []).result();
    const got = armedCoverageCases(specs, all, 1);
    const cov = createCoverage(specs, []);
    // each armed case, answered as documented, marks its status and code
    for (const c of got) {
      const spec = specs.find((s) => s.id === c.provider)!;
      const json = c.answer!.code === '' ? {} : { [spec.codeField]: c.answer!.code };
      cov.add({ caseId: c.id, provider: c.provider, operationId: c.operationId, kind: c.kind, title: c.title, status: 'passed', checks: [], durationMs: 1, testCase: c,
        exchanges: [{ caseId: c.id, provider: c.provider, operationId: c.operationId, startedAt: '', request: { method: 'POST', url: 'http://x/', headers: {} }, response: { status: c.answer!.status, headers: {}, body: '', json, durationMs: 1 } }] });
    }
    const r = cov.result();
    expect(r.statusCodes.uncovered).toEqual([]);
    expect(r.errorCodes.uncovered).toEqual([]);
    expect(r.errorCodes.natural).toBe(0);
    expect(r.errorCodes.armed).toHaveLength(r.errorCodes.total);
  });
});
