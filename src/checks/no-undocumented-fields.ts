import { classify } from '../drift/classify.ts';
import { noResponse } from './outcome.ts';
import type { Check } from './types.ts';

/** The body carries no fields the schema does not document (drift, not a contract failure). */
export const noUndocumentedFields: Check = {
  name: 'no-undocumented-fields',
  kind: 'drift',
  run({ spec, operation, exchange }) {
    if (!exchange.response) return noResponse(this.name);
    const extra = classify(operation, exchange, { codeField: spec.codeField }).filter((d) => d.class === 'undocumented-field');
    if (extra.length === 0) return { check: this.name, status: 'pass' };
    return {
      check: this.name, status: 'fail', kind: 'drift', driftClass: 'undocumented-field',
      details: extra.map((d) => d.pointer),
      message: extra.map((d) => d.message).join('; '),
    };
  },
};
