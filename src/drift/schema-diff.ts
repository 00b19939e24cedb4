/**
 * Compares two JSON Schemas from a client's point of view. Pure.
 * Direction matters: a client WRITES requests (tightening them breaks it) and READS responses
 * (widening them breaks it: new values, types or enum members it has never seen).
 */
import type { JSONSchema } from '../spec/model.ts';
import { flatten } from './schema-walk.ts';

export type Direction = 'request' | 'response';
export type Severity = 'breaking' | 'non-breaking';

export interface SchemaChange {
  kind: string;
  severity: Severity;
  pointer: string;
  message: string;
}

const MAX_KEYS = ['maxLength', 'maximum', 'exclusiveMaximum', 'maxItems', 'maxProperties'];
const MIN_KEYS = ['minLength', 'minimum', 'exclusiveMinimum', 'minItems', 'minProperties'];
const EXACT_KEYS = ['pattern', 'format', 'multipleOf', 'const'];

function types(s: JSONSchema): Set<string> | undefined {
  const t = typeof s.type === 'string' ? [s.type] : Array.isArray(s.type) ? (s.type as string[]) : s.properties ? ['object'] : undefined;
  if (!t) return undefined;
  const out = new Set(t);
  if (s.nullable === true) out.add('null');
  if (out.has('number')) out.add('integer');
  return out;
}

const subset = (a: Set<string>, b: Set<string>) => [...a].every((x) => b.has(x));
const show = (v: unknown) => JSON.stringify(v);

/** A constraint change: tightened breaks requests, loosened breaks responses. */
function constraint(dir: Direction, tightened: boolean, pointer: string, what: string): SchemaChange {
  const breaking = dir === 'request' ? tightened : !tightened;
  return { kind: tightened ? 'constraint-tightened' : 'constraint-loosened', severity: breaking ? 'breaking' : 'non-breaking', pointer, message: `${dir} ${what} at ${pointer}` };
}

export function diffSchema(oldS: unknown, newS: unknown, pointer: string, dir: Direction): SchemaChange[] {
  const a = flatten((oldS ?? {}) as JSONSchema) as JSONSchema;
  const b = flatten((newS ?? {}) as JSONSchema) as JSONSchema;
  if (typeof a !== 'object' || typeof b !== 'object') return [];
  const out: SchemaChange[] = [];
  for (const comb of ['oneOf', 'anyOf']) {
    if (show(a[comb]) !== show(b[comb])) {
      out.push({ kind: 'composition-changed', severity: 'breaking', pointer, message: `${dir} ${comb} alternatives changed at ${pointer}` });
    }
  }
  const ta = types(a);
  const tb = types(b);
  if (ta && tb && !(subset(ta, tb) && subset(tb, ta))) {
    const widened = subset(ta, tb);
    const narrowed = subset(tb, ta);
    const ok = (dir === 'request' && widened) || (dir === 'response' && narrowed);
    out.push({ kind: 'type-changed', severity: ok ? 'non-breaking' : 'breaking', pointer, message: `${dir} type at ${pointer} changed from ${show(a.type)} to ${show(b.type)}` });
    return out;
  }
  out.push(...diffEnum(a, b, pointer, dir));
  for (const k of MAX_KEYS) {
    const [x, y] = [a[k] as number | undefined, b[k] as number | undefined];
    if (x === y) continue;
    const tightened = x === undefined || (y !== undefined && y < x);
    out.push(constraint(dir, tightened, pointer, `${k} ${x ?? 'none'} -> ${y ?? 'none'}`));
  }
  for (const k of MIN_KEYS) {
    const [x, y] = [a[k] as number | undefined, b[k] as number | undefined];
    if (x === y) continue;
    const tightened = x === undefined || (y !== undefined && y > x);
    out.push(constraint(dir, tightened, pointer, `${k} ${x ?? 'none'} -> ${y ?? 'none'}`));
  }
  for (const k of EXACT_KEYS) {
    if (show(a[k]) === show(b[k])) continue;
    out.push(constraint(dir, b[k] !== undefined, pointer, `${k} ${show(a[k]) ?? 'none'} -> ${show(b[k]) ?? 'none'}`));
  }
  out.push(...diffProperties(a, b, pointer, dir));
  if (a.items || b.items) out.push(...diffSchema(a.items, b.items, `${pointer}/*`, dir));
  return out;
}

function diffEnum(a: JSONSchema, b: JSONSchema, pointer: string, dir: Direction): SchemaChange[] {
  const ea = Array.isArray(a.enum) ? (a.enum as unknown[]).map(show) : undefined;
  const eb = Array.isArray(b.enum) ? (b.enum as unknown[]).map(show) : undefined;
  if (!ea && !eb) return [];
  if (!ea) return [constraint(dir, true, pointer, `enum added (${eb!.join(', ')})`)];
  if (!eb) return [constraint(dir, false, pointer, 'enum removed')];
  const out: SchemaChange[] = [];
  const removed = ea.filter((v) => !eb.includes(v));
  const added = eb.filter((v) => !ea.includes(v));
  if (removed.length) out.push({ kind: 'enum-value-removed', severity: 'breaking', pointer, message: `${dir} enum value ${removed.join(', ')} removed at ${pointer}` });
  if (added.length) {
    out.push({ kind: 'enum-value-added', severity: dir === 'response' ? 'breaking' : 'non-breaking', pointer, message: `${dir} enum value ${added.join(', ')} added at ${pointer}` });
  }
  return out;
}

function diffProperties(a: JSONSchema, b: JSONSchema, pointer: string, dir: Direction): SchemaChange[] {
  const pa = (a.properties ?? {}) as Record<string, unknown>;
  const pb = (b.properties ?? {}) as Record<string, unknown>;
  const ra = new Set((a.required ?? []) as string[]);
  const rb = new Set((b.required ?? []) as string[]);
  const out: SchemaChange[] = [];
  const p = (k: string) => `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`;
  for (const k of Object.keys(pa)) {
    if (!(k in pb)) {
      out.push({ kind: dir === 'request' ? 'parameter-removed' : 'field-removed', severity: 'breaking', pointer: p(k), message: `${dir} ${dir === 'request' ? 'parameter' : 'field'} "${k}" removed at ${pointer}` });
      continue;
    }
    if (ra.has(k) !== rb.has(k)) {
      const nowRequired = rb.has(k);
      const breaking = dir === 'request' ? nowRequired : !nowRequired;
      out.push({ kind: nowRequired ? 'became-required' : 'became-optional', severity: breaking ? 'breaking' : 'non-breaking', pointer: p(k), message: `${dir} ${dir === 'request' ? 'parameter' : 'field'} "${k}" became ${nowRequired ? 'required' : 'optional'}` });
    }
    out.push(...diffSchema(pa[k], pb[k], p(k), dir));
  }
  for (const k of Object.keys(pb)) {
    if (k in pa) continue;
    if (dir === 'request') {
      const req = rb.has(k);
      out.push({ kind: req ? 'required-parameter-added' : 'optional-parameter-added', severity: req ? 'breaking' : 'non-breaking', pointer: p(k), message: `new ${req ? 'required' : 'optional'} request parameter "${k}" at ${pointer}` });
    } else {
      out.push({ kind: 'field-added', severity: 'non-breaking', pointer: p(k), message: `new response field "${k}" at ${pointer}` });
    }
  }
  return out;
}
