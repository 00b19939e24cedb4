import { describe, noResponse, outcomeOf } from './outcome.ts';
import type { Check } from './types.ts';

/** A request that breaks a documented constraint is rejected with an error (accepting it is a finding). */
export const negativeDataRejected: Check = {
  name: 'negative-data-rejected',
  kind: 'contract',
  run({ spec, operation, testCase, exchange }) {
    if (testCase.kind !== 'negative') return { check: this.name, status: 'skip', message: 'not a negative case' };
    const res = exchange.response;
    if (!res) return noResponse(this.name);
    const o = outcomeOf(spec, operation, res);
    if (o.outcome === 'error') return { check: this.name, status: 'pass' };
    const v = testCase.violates;
    return {
      check: this.name, status: 'fail', kind: 'contract',
      message: `received ${describe(res, o)} (accepted) for ${v ? `${v.keyword} violated at ${v.pointer}` : testCase.title} documented a rejection (${(testCase.expect.codes ?? []).slice(0, 4).join(', ') || 'an error'})`,
    };
  },
};
