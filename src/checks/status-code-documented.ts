import { documentedStatuses, noResponse } from './outcome.ts';
import type { Check } from './types.ts';

/** The HTTP status is one the operation documents (its responses, its codes and the provider's common codes). */
export const statusCodeDocumented: Check = {
  name: 'status-code-documented',
  kind: 'contract',
  run({ operation, exchange }) {
    const res = exchange.response;
    if (!res) return noResponse(this.name);
    const documented = documentedStatuses(operation);
    if (documented.includes(res.status)) return { check: this.name, status: 'pass' };
    return { check: this.name, status: 'fail', kind: 'contract', message: `received HTTP ${res.status} documented ${documented.join(', ')}` };
  },
};
