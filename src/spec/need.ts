/** Small typed accessors that turn a missing or mistyped field into a SpecError with its pointer. */
import { SpecError } from '../core/errors.ts';
import { childPointer } from './pointer.ts';

type Kinds = { string: string; number: number; boolean: boolean; object: Record<string, unknown>; array: unknown[] };

export function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function kindOf(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  return typeof v;
}

function matches(v: unknown, kind: keyof Kinds): boolean {
  return kind === 'object' ? isObject(v) : kindOf(v) === kind;
}

/** Required field of a given kind. */
export function need<K extends keyof Kinds>(obj: Record<string, unknown>, key: string, kind: K, at: string, file: string): Kinds[K] {
  const v = obj[key];
  const p = childPointer(at, key);
  if (v === undefined) throw new SpecError(file, p, `missing required field "${key}"`, `add "${key}" (${kind}) at ${at || '/'}`, 'VK_SPEC_MISSING');
  if (!matches(v, kind)) throw new SpecError(file, p, `"${key}" must be a ${kind}, found ${kindOf(v)}`, `change "${key}" to a ${kind}`);
  return v as Kinds[K];
}

/** Optional field of a given kind: undefined when absent, SpecError when present with the wrong kind. */
export function opt<K extends keyof Kinds>(obj: Record<string, unknown>, key: string, kind: K, at: string, file: string): Kinds[K] | undefined {
  return obj[key] === undefined ? undefined : need(obj, key, kind, at, file);
}
