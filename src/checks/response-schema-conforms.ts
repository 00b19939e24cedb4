import { redactText } from '../core/redact.ts';
import { bodyJson, noResponse } from './outcome.ts';
import type { Check } from './types.ts';

/** The body is valid against the schema documented for its status (ajv errors reported with instancePath). */
export const responseSchemaConforms: Check = {
  name: 'response-schema-conforms',
  kind: 'contract',
  run({ exchange, validate }) {
    const res = exchange.response;
    if (!res) return noResponse(this.name);
    // over a size or nesting limit: body-within-limits says so; this body is not "not JSON"
    if (res.bodyLimit) return { check: this.name, status: 'skip', message: 'body over a verikit limit (see body-within-limits): not checked' };
    const json = bodyJson(res);
    if (json === undefined) {
      const head = redactText(res.body.slice(0, 60)).replace(/\s+/g, ' ');
      return { check: this.name, status: 'fail', kind: 'contract', message: `received a body that is not JSON (${res.body.length} bytes: "${head}") documented a JSON body` };
    }
    const result = validate(res.status, json);
    if (!result) return { check: this.name, status: 'skip', message: `no schema documented for HTTP ${res.status}` };
    if (result.valid) return { check: this.name, status: 'pass' };
    const details = result.errors.map((e) => `${e.instancePath || '/'} ${e.message}`);
    return {
      check: this.name, status: 'fail', kind: 'contract', details,
      message: `received a body that breaks the HTTP ${res.status} schema (${details.slice(0, 3).join('; ')}${details.length > 3 ? '; …' : ''}) documented a conforming body`,
    };
  },
};
