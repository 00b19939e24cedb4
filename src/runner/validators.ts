/** Response validators per operation, compiled once per run (src/generate's runtime-compiled ajv validators). */
import type { ResponseValidator } from '../checks/types.ts';
import { compileResponseValidator } from '../generate/validators.ts';
import type { Operation } from '../spec/model.ts';

export function validatorCache(): (op: Operation) => ResponseValidator {
  const cache = new Map<Operation, ResponseValidator>();
  return (op) => {
    let v = cache.get(op);
    if (!v) cache.set(op, (v = compileResponseValidator(op)));
    return v;
  };
}
