import { createAjv } from '../spec/ajv.ts';
import type { JSONSchema } from '../spec/model.ts';

/** One shared ajv instance for checking candidate values against single-field schemas. */
const ajv = createAjv({ strict: false, allErrors: false });
const cache = new WeakMap<object, (v: unknown) => boolean>();

/** true when `value` satisfies `schema` (compiled once per schema object). */
export function satisfies(schema: JSONSchema, value: unknown): boolean {
  let fn = cache.get(schema);
  if (!fn) {
    try {
      const compiled = ajv.compile(schema);
      fn = (v) => compiled(v) as boolean;
    } catch {
      fn = () => true;
    }
    cache.set(schema, fn);
  }
  return fn(value);
}
