/**
 * The constraints a negative case can violate, read from an operation's `requestSchema`.
 * A constraint is a JSON Schema keyword at a JSON pointer into the case input (`/query/To`), the same
 * shape as `TestCase.violates`. `required` is reported at the pointer of the required member.
 */
import type { JSONSchema } from '../spec/model.ts';

export interface Constraint {
  keyword: string;
  pointer: string;
}

const KEYWORDS = [
  'type', 'enum', 'const', 'minLength', 'maxLength', 'pattern', 'format', 'minimum', 'maximum',
  'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf', 'minItems', 'maxItems', 'uniqueItems',
  'minProperties', 'maxProperties',
];

/** `minLength: 0` and the like cannot be violated (nor `uniqueItems: false`). */
const ZERO_IS_NO_CONSTRAINT = new Set(['minLength', 'minItems', 'minProperties']);

function escapePointer(name: string): string {
  return name.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Every violable constraint of a request schema, in schema order, without duplicates. */
export function listConstraints(requestSchema: JSONSchema): Constraint[] {
  const out = new Map<string, Constraint>();
  const add = (keyword: string, pointer: string) => out.set(`${keyword} ${pointer}`, { keyword, pointer });
  walk(requestSchema, '', 0, add);
  return [...out.values()];
}

function walk(schema: unknown, pointer: string, depth: number, add: (k: string, p: string) => void): void {
  if (!schema || typeof schema !== 'object' || Array.isArray(schema)) return;
  const s = schema as JSONSchema;
  // Depth 0 is the input envelope {query, header, body}, depth 1 the parts themselves (the transport's
  // business); constraints start at depth 2, the fields.
  const part = pointer.split('/')[1];
  if (depth >= 2) {
    for (const kw of KEYWORDS) {
      if (!(kw in s) || s[kw] === false || (ZERO_IS_NO_CONSTRAINT.has(kw) && s[kw] === 0)) continue;
      // Query and header values are text on the wire: a string (or repeated-parameter array) type
      // cannot be violated there.
      if (kw === 'type' && part !== 'body' && (s.type === 'string' || s.type === 'array')) continue;
      add(kw, pointer);
    }
    if (s.additionalProperties === false) add('additionalProperties', pointer);
  }
  if (Array.isArray(s.required) && depth >= 1) {
    for (const name of s.required) add('required', `${pointer}/${escapePointer(String(name))}`);
  }
  if (s.properties && typeof s.properties === 'object') {
    for (const [name, sub] of Object.entries(s.properties as Record<string, unknown>)) {
      walk(sub, `${pointer}/${escapePointer(name)}`, depth + 1, add);
    }
  }
  if (s.items && typeof s.items === 'object') walk(s.items, `${pointer}/0`, depth + 1, add);
  for (const comb of ['allOf', 'anyOf', 'oneOf']) {
    if (Array.isArray(s[comb])) for (const sub of s[comb] as unknown[]) walk(sub, pointer, depth, add);
  }
}
