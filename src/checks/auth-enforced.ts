import { describe, noResponse, outcomeOf } from './outcome.ts';
import type { Check } from './types.ts';

/** A request with no credentials, a wrong secret or a tampered signature is refused. */
export const authEnforced: Check = {
  name: 'auth-enforced',
  kind: 'contract',
  run({ spec, operation, testCase, exchange }) {
    if (testCase.kind !== 'auth') return { check: this.name, status: 'skip', message: 'not an auth case' };
    const res = exchange.response;
    if (!res) return noResponse(this.name);
    const o = outcomeOf(spec, operation, res);
    if (o.outcome === 'error') return { check: this.name, status: 'pass' };
    return { check: this.name, status: 'fail', kind: 'contract', message: `received ${describe(res, o)} (accepted) with auth "${testCase.auth}" documented an authentication error` };
  },
};
