/** Response validators per operation, compiled once per run (src/generate's runtime-compiled ajv validators). */
import type { ResponseValidator } from '../checks/types.ts';
import { compileResponseValidator } from '../generate/validators.ts';
import type { JSONSchema, Operation } from '../spec/model.ts';

/**
 * One schema object per distinct schema text. The compiler caches per schema object and ajv keeps every
 * schema it compiled, so equal response schemas of many operations (a `$ref` inlined by the loader) would
 * otherwise compile, and stay in memory, once per operation.
 */
const interned = new Map<string, JSONSchema>();
function intern(schema: JSONSchema): JSONSchema {
  const text = JSON.stringify(schema);
  let s = interned.get(text);
  // a private copy: later edits to a spec object never change what an interned text compiles to
  if (!s) interned.set(text, (s = JSON.parse(text) as JSONSchema));
  return s;
}

export function validatorCache(): (op: Operation) => ResponseValidator {
  const cache = new Map<Operation, ResponseValidator>();
  return (op) => {
    let v = cache.get(op);
    if (!v) cache.set(op, (v = lazyValidator(op)));
    return v;
  };
}

/**
 * An operation's validator that interns and compiles the schema of a status only when an answer with that
 * status arrives: a run sees two or three of the half dozen statuses an operation documents.
 */
function lazyValidator(op: Operation): ResponseValidator {
  const byStatus = new Map<number, ResponseValidator | null>();
  return (status, body) => {
    let one = byStatus.get(status);
    if (one === undefined) {
      const r = op.responses.find((x) => x.status === status);
      one = r && r.contentType ? compileResponseValidator({ ...op, responses: [r.schema ? { ...r, schema: intern(r.schema) } : r] }) : null;
      byStatus.set(status, one);
    }
    return one === null ? undefined : one(status, body);
  };
}
