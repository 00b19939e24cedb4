/**
 * The armed coverage cases are planned from the specs and the natural-trigger registry alone: one per
 * documented status/code pair verikit's run does not reach on its own, with stable ids, so that every
 * documented status (per operation) and error code has a way to be reached.
 */
import { describe, expect, it } from 'vitest';
import { allArmedCases, answerCaseId, armedPairs } from '../../src/cases/coverage-cases.ts';
import { operationCodes } from '../../src/mock/answers.ts';
import { reachedByRun } from '../../src/mock/triggers.ts';
import { createCoverage } from '../../src/reports/coverage.ts';
import { loadSpecs } from '../../src/spec/load.ts';

const specs = await loadSpecs('specs');
const ids = (provider: string, operationId: string) => allArmedCases(specs, 1).filter((c) => c.provider === provider && c.operationId === operationId).map((c) => c.id);

describe('armed coverage cases', () => {
  const table = [
    { given: 'a code without a natural trigger', provider: 'alibaba-dypnsapi-intl', op: 'StartVerification', has: 'alibaba-dypnsapi-intl/StartVerification/answer-200-RESOURCE_NOT_ENOUGH' },
    { given: 'a natural code the run does not provoke (RUN_ARMS)', provider: 'alibaba-dypnsapi-intl', op: 'StartVerification', has: 'alibaba-dypnsapi-intl/StartVerification/answer-200-COUNTRY_BLACKLISTED' },
    { given: 'a common code, armed on the first operation that documents it', provider: 'huawei-osm', op: 'CheckVerifyCodes', has: 'huawei-osm/CheckVerifyCodes/answer-403-OSM.0003' },
    { given: 'a common code again where no other pair reaches its status', provider: 'alibaba-dypnsapi-intl', op: 'SearchVerification', has: 'alibaba-dypnsapi-intl/SearchVerification/answer-500-InternalError' },
  ];
  it.each(table)('$given', ({ provider, op, has }) => {
    expect(ids(provider, op)).toContain(has);
  });

  const none = [
    { given: 'a code the run reaches on its own', provider: 'alibaba-dypnsapi-intl', op: 'CheckVerification', not: 'alibaba-dypnsapi-intl/CheckVerification/answer-200-INVALID_PARAMETERS' },
    { given: 'a common code already armed whose status another pair reaches', provider: 'alibaba-dypnsapi-intl', op: 'SearchVerification', not: 'alibaba-dypnsapi-intl/SearchVerification/answer-400-Throttling' },
  ];
  it.each(none)('not for $given', ({ provider, op, not }) => {
    expect(ids(provider, op).length).toBeGreaterThan(0);
    expect(ids(provider, op)).not.toContain(not);
  });

  it('ids are <provider>/<operationId>/answer-<status>-<code>, unique, the same for every seed; inputs are well-formed examples', () => {
    const one = allArmedCases(specs, 1);
    const two = allArmedCases(specs, 2);
    expect(one.map((c) => c.id)).toEqual(two.map((c) => c.id));
    expect(new Set(one.map((c) => c.id)).size).toBe(one.length);
    for (const c of one) {
      expect(c.id).toBe(answerCaseId(c.provider, c.operationId, c.answer!.status, c.answer!.code));
      expect(c.answer?.via).toBe('armed');
      expect(c.auth).toBe('valid');
      expect(c.expect.status).toEqual([c.answer?.status]);
      expect(c.expect.codes).toEqual([c.answer?.code]);
    }
    expect(answerCaseId('p', 'Op', 200, '')).toBe('p/Op/answer-200-no-code');
    expect(answerCaseId('p', 'Op', 400, 'a b/c')).toBe('p/Op/answer-400-a_b_c');
  });

  it('every documented status of every operation and every documented error code has a way to be reached (natural in the run, or armed)', () => {
    // what the run reaches: the pairs it provokes naturally (registry minus RUN_ARMS) plus the armed cases
    const cov = createCoverage(specs, []);
    const answer = (provider: string, operationId: string, status: number, code: string, via: 'armed' | undefined) => {
      const spec = specs.find((s) => s.id === provider)!;
      const json = code === '' ? {} : { [spec.codeField]: code };
      cov.add({ caseId: `${provider}/${operationId}/${status}-${code}`, provider: provider as never, operationId, kind: 'example', title: 't', status: 'passed', checks: [], durationMs: 1,
        testCase: via ? { id: 'x', provider: provider as never, operationId, kind: 'example', title: 't', input: {}, auth: 'valid', expect: { outcome: 'error' }, billed: false, answer: { status, code, via } } : undefined,
        exchanges: [{ caseId: 'x', provider: provider as never, operationId, startedAt: '', request: { method: 'POST', url: 'http://x/', headers: {} }, response: { status, headers: {}, body: '', json, durationMs: 1 } }] });
    };
    for (const spec of specs) {
      const pairs = armedPairs(spec);
      for (const op of spec.operations) {
        for (const e of operationCodes(op)) if (reachedByRun(spec.id, op.operationId, e.code)) answer(spec.id, op.operationId, e.status, e.code, undefined);
        for (const e of pairs.get(op.operationId)!) answer(spec.id, op.operationId, e.status, e.code, 'armed');
      }
    }
    const r = cov.result();
    expect(r.statusCodes.uncovered).toEqual([]);
    expect(r.errorCodes.uncovered).toEqual([]);
    expect(r.errorCodes.armed!.length).toBeGreaterThan(0);
    expect(r.errorCodes.natural).toBeGreaterThan(0);
  });
});
