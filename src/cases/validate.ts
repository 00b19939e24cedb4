import { createAjv } from '../spec/ajv.ts';
import type { JSONSchema } from '../spec/model.ts';

/** One shared ajv instance for checking candidate values against single-field schemas. */
const ajv = createAjv({ strict: false, allErrors: false });
type Check = (v: unknown) => boolean;
/** Per schema object (fast path) and per schema text: equal field schemas of many operations compile once. */
const byObject = new WeakMap<object, Check>();
const byText = new Map<string, Check>();

function compile(text: string): Check {
  try {
    // ajv keeps every schema it compiled: hand it one private copy per distinct text.
    const compiled = ajv.compile(JSON.parse(text) as object);
    return (v) => compiled(v) as boolean;
  } catch {
    return () => true;
  }
}

/** true when `value` satisfies `schema` (compiled once per distinct schema). */
export function satisfies(schema: JSONSchema, value: unknown): boolean {
  let fn = byObject.get(schema);
  if (!fn) {
    const text = JSON.stringify(schema);
    fn = byText.get(text);
    if (!fn) byText.set(text, (fn = compile(text)));
    byObject.set(schema, fn);
  }
  return fn(value);
}
