/**
 * Walks a documented JSON Schema against a received JSON value and lists drift deviations.
 * Pure. Unlike validation, a field the schema does not name is drift even when the schema
 * allows additional properties.
 */
import { fullFormats } from 'ajv-formats/dist/formats.js';
import { CODE_MASK, REDACTED, redactLeaf } from '../core/redact.ts';
import type { JSONSchema } from '../spec/model.ts';
import type { Deviation } from './types.ts';

type Schema = JSONSchema | boolean;

const formats = fullFormats as Record<string, unknown>;

/** Merges `allOf` branches into one schema (properties merged, required united). */
export function flatten(schema: Schema): Schema {
  if (typeof schema !== 'object' || schema === null || !Array.isArray(schema.allOf)) return schema;
  const { allOf, ...rest } = schema as JSONSchema & { allOf: Schema[] };
  let out: JSONSchema = { ...rest };
  for (const part of allOf) {
    const p = flatten(part);
    if (typeof p !== 'object') continue;
    out = {
      ...p,
      ...out,
      properties: { ...(p.properties as object), ...(out.properties as object) },
      required: [...new Set([...((p.required as string[]) ?? []), ...((out.required as string[]) ?? [])])],
    };
  }
  return out;
}

export function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function allowedTypes(s: JSONSchema): string[] | undefined {
  let t: string[] | undefined;
  if (typeof s.type === 'string') t = [s.type];
  else if (Array.isArray(s.type)) t = s.type as string[];
  else if (s.properties) t = ['object'];
  else if (s.items) t = ['array'];
  if (t && s.nullable === true) t = [...t, 'null'];
  return t;
}

function typeMatches(types: string[], actual: string): boolean {
  return types.includes(actual) || (actual === 'integer' && types.includes('number'));
}

const esc = (k: string) => k.replace(/~/g, '~0').replace(/\//g, '~1');

/** true when redaction would change the value, or it is already a redacted placeholder. */
function sensitive(key: string, value: unknown): boolean {
  if (typeof value !== 'string') return false;
  if (value.includes(REDACTED) || value.includes(CODE_MASK) || value.includes('****')) return true;
  return redactLeaf(value, 'response', key) !== value;
}

function show(key: string, value: unknown): string {
  const v = sensitive(key, value) ? '(redacted)' : JSON.stringify(redactLeaf(value, 'response', key));
  return v && v.length > 60 ? `${v.slice(0, 57)}...` : v;
}

/** Lists the deviations of `value` from `schema`; `pointer` is where `value` sits (e.g. "/body"). */
export function walkSchema(schema: Schema, value: unknown, pointer: string, key = ''): Deviation[] {
  const s = flatten(schema);
  if (s === true || s === false || typeof s !== 'object' || s === null) return [];
  const branches = (s.oneOf ?? s.anyOf) as Schema[] | undefined;
  if (Array.isArray(branches) && branches.length > 0) {
    const { oneOf: _o, anyOf: _a, ...base } = s;
    let best: Deviation[] | undefined;
    for (const b of branches) {
      const merged = flatten({ allOf: [base, b] } as JSONSchema);
      const devs = walkSchema(merged, value, pointer, key);
      if (!best || devs.length < best.length) best = devs;
      if (devs.length === 0) break;
    }
    return best ?? [];
  }
  const out: Deviation[] = [];
  const actual = jsonType(value);
  const types = allowedTypes(s);
  if (types && !typeMatches(types, actual)) {
    out.push({
      class: 'changed-type', pointer,
      message: `received ${actual}${actual === 'object' || actual === 'array' ? '' : ` ${show(key, value)}`} at ${pointer} documented ${types.join(' | ')}`,
    });
    return out;
  }
  const enumValues = Array.isArray(s.enum) ? (s.enum as unknown[]) : 'const' in s ? [s.const] : undefined;
  if (enumValues && !enumValues.some((e) => e === value || (typeof e === 'object' && JSON.stringify(e) === JSON.stringify(value)))) {
    const hidden = sensitive(key, value);
    out.push({
      class: 'new-enum-value', pointer, value: hidden ? undefined : String(value),
      message: `received ${show(key, value)} at ${pointer} documented one of ${enumValues.map((e) => JSON.stringify(e)).join(', ')}`,
    });
  }
  if (typeof value === 'string' && !sensitive(key, value)) out.push(...checkFormat(s, value, pointer));
  if (actual === 'object') out.push(...walkObject(s, value as Record<string, unknown>, pointer));
  if (actual === 'array' && s.items && typeof s.items === 'object') {
    const seen = new Set<string>();
    for (const item of value as unknown[]) {
      for (const d of walkSchema(s.items as Schema, item, `${pointer}/*`, key)) {
        const id = `${d.class}|${d.pointer}|${d.value ?? ''}`;
        if (!seen.has(id)) (seen.add(id), out.push(d));
      }
    }
  }
  return out;
}

/** Whether an ajv-formats format (a RegExp, a function or `{validate}`) accepts `value`. */
function formatAccepts(f: unknown, value: string): boolean {
  if (f instanceof RegExp) return f.test(value);
  if (typeof f === 'function') return Boolean(f(value));
  if (f && typeof f === 'object' && 'validate' in f) return formatAccepts((f as { validate: unknown }).validate, value);
  return true;
}

function checkFormat(s: JSONSchema, value: string, pointer: string): Deviation[] {
  const out: Deviation[] = [];
  const fmt = typeof s.format === 'string' ? formats[s.format] : undefined;
  if (fmt !== undefined && (typeof fmt !== 'object' || fmt instanceof RegExp || (fmt as { type?: string }).type !== 'number') && !formatAccepts(fmt, value)) {
    out.push({ class: 'changed-format', pointer, message: `received a string that is not "${s.format}" at ${pointer} documented format ${s.format}` });
  } else if (typeof s.pattern === 'string') {
    const re = compiled(s.pattern);
    if (re && !re.test(value)) out.push({ class: 'changed-format', pointer, message: `received a string not matching the pattern at ${pointer} documented pattern ${s.pattern}` });
  }
  return out;
}

function walkObject(s: JSONSchema, obj: Record<string, unknown>, pointer: string): Deviation[] {
  const out: Deviation[] = [];
  const props = (s.properties ?? {}) as Record<string, Schema>;
  const patterns = Object.entries((s.patternProperties ?? {}) as Record<string, Schema>);
  const extra = s.additionalProperties;
  const mapSchema = typeof extra === 'object' && extra !== null && Object.keys(extra).length > 0 ? (extra as Schema) : undefined;
  for (const [k, v] of Object.entries(obj)) {
    const p = `${pointer}/${esc(k)}`;
    if (Object.hasOwn(props, k)) { out.push(...walkSchema(props[k], v, p, k)); continue; }
    const pat = patterns.find(([re]) => safeTest(re, k));
    if (pat) { out.push(...walkSchema(pat[1], v, p, k)); continue; }
    if (mapSchema) { out.push(...walkSchema(mapSchema, v, p, k)); continue; }
    out.push({ class: 'undocumented-field', pointer: p, message: `received field "${k}" (${jsonType(v)}) at ${pointer} documented only ${Object.keys(props).join(', ') || 'no fields'}` });
  }
  for (const r of (s.required ?? []) as string[]) {
    if (!Object.hasOwn(obj, r)) out.push({ class: 'missing-required-field', pointer: `${pointer}/${esc(r)}`, message: `received no field "${r}" at ${pointer} documented "${r}" as required` });
  }
  return out;
}

/** Spec patterns compiled once (a spec has a few dozen); null for one that does not compile. */
const patternCache = new Map<string, RegExp | null>();
function compiled(pattern: string): RegExp | null {
  let re = patternCache.get(pattern);
  if (re === undefined) {
    try { re = new RegExp(pattern, 'u'); } catch { re = null; }
    patternCache.set(pattern, re);
  }
  return re;
}

function safeTest(re: string, k: string): boolean {
  return compiled(re)?.test(k) ?? false;
}

/**
 * Only the `undocumented-field` deviations of `walkSchema` (same pointers, messages and order), without
 * the work the other classes need (redaction checks, formats, enum messages). Under `oneOf`/`anyOf`
 * the branch is chosen by all deviations, so that subtree takes the full walk.
 */
export function undocumentedFields(schema: Schema, value: unknown, pointer: string, key = ''): Deviation[] {
  const s = flatten(schema);
  if (s === true || s === false || typeof s !== 'object' || s === null) return [];
  const branches = (s.oneOf ?? s.anyOf) as Schema[] | undefined;
  if (Array.isArray(branches) && branches.length > 0) return walkSchema(schema, value, pointer, key).filter((d) => d.class === 'undocumented-field');
  const actual = jsonType(value);
  const types = allowedTypes(s);
  if (types && !typeMatches(types, actual)) return [];
  const out: Deviation[] = [];
  if (actual === 'object') {
    const obj = value as Record<string, unknown>;
    const props = (s.properties ?? {}) as Record<string, Schema>;
    const patterns = Object.entries((s.patternProperties ?? {}) as Record<string, Schema>);
    const extra = s.additionalProperties;
    const mapSchema = typeof extra === 'object' && extra !== null && Object.keys(extra).length > 0 ? (extra as Schema) : undefined;
    for (const k in obj) {
      if (!Object.hasOwn(obj, k)) continue;
      const v = obj[k];
      const p = `${pointer}/${esc(k)}`;
      if (Object.hasOwn(props, k)) { out.push(...undocumentedFields(props[k], v, p, k)); continue; }
      const pat = patterns.find(([re]) => safeTest(re, k));
      if (pat) { out.push(...undocumentedFields(pat[1], v, p, k)); continue; }
      if (mapSchema) { out.push(...undocumentedFields(mapSchema, v, p, k)); continue; }
      out.push({ class: 'undocumented-field', pointer: p, message: `received field "${k}" (${jsonType(v)}) at ${pointer} documented only ${Object.keys(props).join(', ') || 'no fields'}` });
    }
  }
  if (actual === 'array' && s.items && typeof s.items === 'object') {
    const seen = new Set<string>();
    for (const item of value as unknown[]) {
      for (const d of undocumentedFields(s.items as Schema, item, `${pointer}/*`, key)) {
        if (!seen.has(d.pointer)) (seen.add(d.pointer), out.push(d));
      }
    }
  }
  return out;
}
