import { redactText } from '../core/redact.ts';
import { bodyJson, codeOf, noResponse } from './outcome.ts';
import type { Check } from './types.ts';

/** The body's result/error code is documented for this operation, with the HTTP status it came with. */
export const errorCodeDocumented: Check = {
  name: 'error-code-documented',
  kind: 'contract',
  run({ spec, operation, exchange }) {
    const res = exchange.response;
    if (!res) return noResponse(this.name);
    const code = codeOf(spec, bodyJson(res));
    if (code === undefined) return { check: this.name, status: 'skip', message: `no ${spec.codeField} in the body` };
    const same = operation.codes.filter((c) => c.code === code);
    if (same.some((c) => c.status === res.status)) return { check: this.name, status: 'pass' };
    const shown = redactText(code);
    if (same.length) {
      return { check: this.name, status: 'fail', kind: 'contract', message: `received ${spec.codeField} "${shown}" with HTTP ${res.status} documented "${shown}" with HTTP ${same.map((c) => c.status).join(', ')}` };
    }
    const known = operation.codes.map((c) => c.code);
    return { check: this.name, status: 'fail', kind: 'contract', message: `received ${spec.codeField} "${shown}" with HTTP ${res.status} documented ${known.slice(0, 8).join(', ')}${known.length > 8 ? ', …' : ''}` };
  },
};
