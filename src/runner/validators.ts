/** Response validators per operation, compiled once per run (ajv 2020 over the spec's response schemas). */
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { ResponseValidator } from '../checks/types.ts';
import type { Operation } from '../spec/model.ts';

function compile(op: Operation): ResponseValidator {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  const byStatus = new Map<number, ReturnType<typeof ajv.compile>>();
  for (const r of op.responses) if (r.schema && !byStatus.has(r.status)) byStatus.set(r.status, ajv.compile(r.schema));
  return (status, body) => {
    const fn = byStatus.get(status);
    if (!fn) return undefined;
    const valid = fn(body) as boolean;
    return { valid, errors: (fn.errors ?? []).map((e) => ({ instancePath: e.instancePath, keyword: e.keyword, message: e.message ?? e.keyword })) };
  };
}

export function validatorCache(): (op: Operation) => ResponseValidator {
  const cache = new Map<Operation, ResponseValidator>();
  return (op) => {
    let v = cache.get(op);
    if (!v) cache.set(op, (v = compile(op)));
    return v;
  };
}
