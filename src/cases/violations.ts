import type { JSONSchema } from '../spec/model.ts';
import { satisfies } from './validate.ts';
import { stringOfLength, typeOf } from './values.ts';

export interface Violation {
  keyword: string;
  label: string;
  value: unknown;
}

/**
 * One invalid value per constraint of a field schema. `onWire` is 'query'/'header' when the value
 * travels as text (so a string field cannot have a wrong type there) or 'body' for JSON.
 * Every returned value is checked to actually fail the schema.
 */
export function violationsOf(schema: JSONSchema, onWire: 'query' | 'header' | 'body', valid: unknown): Violation[] {
  const out: Violation[] = [];
  const t = typeOf(schema);
  const textual = onWire !== 'body';
  if (t === 'string') {
    if (!textual) out.push({ keyword: 'type', label: 'a number instead of a string', value: 12345 });
    if (typeof schema.maxLength === 'number') {
      const n = schema.maxLength + 1;
      const s = lengthOnly(schema, n, valid);
      out.push({ keyword: 'maxLength', label: `length ${n} > maxLength ${schema.maxLength}`, value: s });
    }
    if (typeof schema.minLength === 'number' && schema.minLength > 0) {
      const n = schema.minLength - 1;
      out.push({ keyword: 'minLength', label: `length ${n} < minLength ${schema.minLength}`, value: lengthOnly(schema, n, valid) });
    }
    if (typeof schema.pattern === 'string') {
      const len = typeof valid === 'string' ? valid.length : 8;
      const bad = ['!'.repeat(Math.max(1, len)), 'verikit bad value', '#'];
      const v = bad.find((b) => !new RegExp(schema.pattern as string, 'u').test(b));
      if (v !== undefined) out.push({ keyword: 'pattern', label: `does not match ${schema.pattern}`, value: v });
    }
    if (typeof schema.format === 'string') out.push({ keyword: 'format', label: `not a ${schema.format}`, value: 'not-a-valid-value' });
  }
  if (t === 'integer' || t === 'number') {
    out.push({ keyword: 'type', label: `text instead of ${t}`, value: 'not-a-number' });
    if (t === 'integer') out.push({ keyword: 'type', label: 'a fraction instead of an integer', value: textual ? '0.5' : 0.5 });
    if (typeof schema.minimum === 'number') out.push({ keyword: 'minimum', label: `below minimum ${schema.minimum}`, value: schema.minimum - 1 });
    if (typeof schema.maximum === 'number') out.push({ keyword: 'maximum', label: `above maximum ${schema.maximum}`, value: schema.maximum + 1 });
  }
  if (t === 'boolean') out.push({ keyword: 'type', label: 'text instead of a boolean', value: 'not-a-boolean' });
  if ((t === 'object' || t === 'array') && !textual) out.push({ keyword: 'type', label: `text instead of ${t}`, value: 'not-an-object' });
  if (Array.isArray(schema.enum)) out.push({ keyword: 'enum', label: 'a value outside the enum', value: enumOutsider(schema.enum) });
  // A value that travels as text is checked the way a server parses it.
  return out.filter((v) => !satisfies(schema, coerce(v.value, t, textual)));
}

function coerce(value: unknown, t: string | undefined, textual: boolean): unknown {
  if (!textual || typeof value !== 'string') return value;
  if ((t === 'integer' || t === 'number') && value.trim() !== '' && !Number.isNaN(Number(value))) return Number(value);
  return value;
}

function lengthOnly(schema: JSONSchema, len: number, valid: unknown): string {
  const { maxLength: _a, minLength: _b, ...rest } = schema;
  return stringOfLength(rest, len, valid) ?? 'x'.repeat(len);
}

function enumOutsider(values: unknown[]): unknown {
  if (values.every((v) => typeof v === 'number')) return Math.max(...(values as number[])) + 100;
  for (const c of ['VERIKIT_NOT_IN_ENUM', 'NOT_DOCUMENTED', 'x']) if (!values.includes(c)) return c;
  return 'verikit-outsider';
}
