import type { JSONSchema } from '../spec/model.ts';
import { isPhoneField, phoneCandidates } from './phones.ts';
import type { Rng } from './prng.ts';
import { satisfies } from './validate.ts';

export interface Labelled {
  label: string;
  value: unknown;
}

const FORMAT_SAMPLES: Record<string, string> = {
  'date-time': '2024-04-07T10:00:00Z',
  date: '2024-04-07',
  email: 'verikit-test@example.com',
  uri: 'https://example.com/verikit',
  uuid: '3f1c2b7e-9a4d-4c1e-8b2a-0d6f5e4c3b2a',
  ipv4: '192.0.2.1',
};

/** The schema's type, ignoring a "null" alternative. */
export function typeOf(schema: JSONSchema): string | undefined {
  const t = schema.type;
  if (Array.isArray(t)) return t.find((x) => x !== 'null') as string | undefined;
  return t as string | undefined;
}

function fill(len: number, charset: string): string {
  let s = '';
  for (let i = 0; i < len; i++) s += charset[i % charset.length];
  return s;
}

const CHARSETS = ['verikit', '1234567890', 'VERIKIT', 'a1b2c3', 'x'];

/** A string of exactly `len` characters that satisfies `schema`, if one of the simple charsets does. */
export function stringOfLength(schema: JSONSchema, len: number, seedValue?: unknown): string | undefined {
  // A phone-like seed is never repeated into filler: the copies would escape redaction inside one long string.
  const usable = typeof seedValue === 'string' && seedValue.length > 0 && !/^\+?\d[\d -]{6,}$/.test(seedValue);
  const sets = usable ? [seedValue as string, ...CHARSETS] : CHARSETS;
  for (const cs of sets) {
    const s = fill(len, cs);
    if (satisfies(schema, s)) return s;
  }
  return undefined;
}

/** The preferred valid value for a field: its example, default, a test phone number, an enum value, or a synthesised one. */
export function validValue(schema: JSONSchema, name: string, rng: Rng, example?: unknown): unknown {
  const candidates: unknown[] = [];
  if (isPhoneField(name)) candidates.push(...phoneCandidates(rng));
  if (example !== undefined) candidates.push(example);
  if (schema.example !== undefined) candidates.push(schema.example);
  if (Array.isArray(schema.examples)) candidates.push(...schema.examples);
  if (schema.default !== undefined) candidates.push(schema.default);
  if (schema.const !== undefined) candidates.push(schema.const);
  if (Array.isArray(schema.enum)) candidates.push(...schema.enum);
  const t = typeOf(schema);
  if (t === 'integer' || t === 'number') {
    const min = typeof schema.minimum === 'number' ? schema.minimum : 0;
    candidates.push(min, typeof schema.maximum === 'number' ? schema.maximum : min + 1);
  } else if (t === 'boolean') candidates.push(true);
  else if (t === 'object') candidates.push(synthObject(schema, rng));
  else if (t === 'array') candidates.push([]);
  else {
    if (typeof schema.format === 'string' && FORMAT_SAMPLES[schema.format]) candidates.push(FORMAT_SAMPLES[schema.format]);
    const min = typeof schema.minLength === 'number' ? schema.minLength : 1;
    const max = typeof schema.maxLength === 'number' ? schema.maxLength : Math.max(min, 12);
    const len = Math.min(max, Math.max(min, 8));
    const s = stringOfLength(schema, len, example);
    if (s !== undefined) candidates.push(s);
    candidates.push(`verikit-${rng.int(1000, 9999)}`);
  }
  return candidates.find((c) => satisfies(schema, c)) ?? candidates[0];
}

function synthObject(schema: JSONSchema, rng: Rng): Record<string, unknown> {
  const props = (schema.properties ?? {}) as Record<string, JSONSchema>;
  const required = (schema.required ?? []) as string[];
  const out: Record<string, unknown> = {};
  for (const k of required) if (props[k]) out[k] = validValue(props[k], k, rng);
  return out;
}

/** Further valid values worth one case each: length boundaries, numeric bounds and every enum value. */
export function boundaryValues(schema: JSONSchema, example?: unknown): Labelled[] {
  const out: Labelled[] = [];
  if (Array.isArray(schema.enum)) for (const v of schema.enum) out.push({ label: `enum ${JSON.stringify(v)}`, value: v });
  const t = typeOf(schema);
  if (t === 'string' && !Array.isArray(schema.enum)) {
    for (const kw of ['minLength', 'maxLength'] as const) {
      const n = schema[kw];
      if (typeof n !== 'number' || (kw === 'maxLength' && n > 5000)) continue;
      const s = stringOfLength(schema, n, example);
      if (s !== undefined) out.push({ label: `${kw} ${n}`, value: s });
    }
  }
  if (t === 'integer' || t === 'number') {
    for (const kw of ['minimum', 'maximum'] as const) {
      const n = schema[kw];
      if (typeof n === 'number') out.push({ label: `${kw} ${n}`, value: n });
    }
  }
  return out.filter((v) => satisfies(schema, v.value));
}
