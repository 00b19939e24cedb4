import { documentedMediaTypes, header, mediaType, noResponse } from './outcome.ts';
import type { Check } from './types.ts';

/** The response's media type is the one documented for its status (any documented one for an undocumented status). */
export const contentTypeDocumented: Check = {
  name: 'content-type-documented',
  kind: 'contract',
  run({ operation, exchange }) {
    const res = exchange.response;
    if (!res) return noResponse(this.name);
    const documented = documentedMediaTypes(operation, res.status);
    if (documented.length === 0) return { check: this.name, status: 'skip', message: 'no response content type documented' };
    const received = mediaType(header(res.headers, 'content-type'));
    if (documented.includes(received)) return { check: this.name, status: 'pass' };
    return { check: this.name, status: 'fail', kind: 'contract', message: `received content-type ${received || '(none)'} documented ${documented.join(', ')}` };
  },
};
