import { bodyJson } from '../drift/classify.ts';
import { undocumentedFields } from '../drift/schema-walk.ts';
import { noResponse } from './outcome.ts';
import type { Check } from './types.ts';

/**
 * The body carries no fields the schema does not document (drift, not a contract failure): the
 * `undocumented-field` deviations of drift's classify, found without computing the other classes.
 */
export const noUndocumentedFields: Check = {
  name: 'no-undocumented-fields',
  kind: 'drift',
  run({ operation, exchange }) {
    const res = exchange.response;
    if (!res) return noResponse(this.name);
    const documented = operation.responses.find((r) => r.status === res.status);
    const json = documented ? bodyJson(res) : undefined;
    const extra = json !== undefined && documented ? undocumentedFields(documented.schema, json, '/body') : [];
    if (extra.length === 0) return { check: this.name, status: 'pass' };
    return {
      check: this.name, status: 'fail', kind: 'drift', driftClass: 'undocumented-field',
      details: extra.map((d) => d.pointer),
      message: extra.map((d) => d.message).join('; '),
    };
  },
};
