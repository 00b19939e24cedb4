/**
 * Pact matchers from JSON Schemas (pure). A response example (already redacted) plus the documented schema
 * become a MatchersV3 template:
 *  - strings -> type (like); with a pattern, enum or known format also a regex (only when the example
 *    satisfies it), as a second rule on the same path so both must hold;
 *  - integer -> integer(), number -> decimal() for fractional examples, number() otherwise;
 *  - boolean -> boolean() — so a boolean `Success` never matches the string "true" and vice versa;
 *  - arrays -> eachLike(first element) (an empty example keeps an exact empty array);
 *  - the provider's result-code field stays an exact value: each interaction pins its code.
 */
import { setOwn } from '../core/bounded-json.ts';
import { MatchersV3 } from '@pact-foundation/pact';
import type { JSONSchema } from '../spec/model.ts';

const FORMAT_PATTERNS: Record<string, string> = {
  'date-time': '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:?\\d{2})$',
  date: '^\\d{4}-\\d{2}-\\d{2}$',
  uuid: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$',
  email: '^[^@\\s]+@[^@\\s]+$',
};

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The regex a string schema pins, if any: pattern, enum (alternation) or a known format. */
export function stringPattern(schema: JSONSchema | undefined): string | undefined {
  if (!schema) return undefined;
  if (typeof schema.pattern === 'string') return schema.pattern;
  if (Array.isArray(schema.enum) && schema.enum.length > 0 && schema.enum.every((v) => typeof v === 'string')) {
    return `^(${(schema.enum as string[]).map(escapeRegex).join('|')})$`;
  }
  if (typeof schema.format === 'string') return FORMAT_PATTERNS[schema.format];
  return undefined;
}

/** true when `value` matches `pattern` (unsupported JS syntax counts as no match). */
export function matchesPattern(pattern: string, value: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(value);
  } catch {
    return false;
  }
}

/** The subschema for an object property, looking through allOf/anyOf/oneOf branches. */
export function propertySchema(schema: JSONSchema | undefined, key: string): JSONSchema | undefined {
  if (!schema) return undefined;
  const props = schema.properties as Record<string, JSONSchema> | undefined;
  if (props && Object.hasOwn(props, key) && props[key]) return props[key];
  for (const k of ['allOf', 'anyOf', 'oneOf'] as const) {
    const branches = schema[k] as JSONSchema[] | undefined;
    for (const b of branches ?? []) {
      const hit = propertySchema(b, key);
      if (hit) return hit;
    }
  }
  return undefined;
}

function itemsSchema(schema: JSONSchema | undefined): JSONSchema | undefined {
  const items = schema?.items;
  return items && typeof items === 'object' && !Array.isArray(items) ? (items as JSONSchema) : undefined;
}

/** A string leaf: regex when the schema pins a pattern the example satisfies, type match otherwise. */
export function stringMatcher(schema: JSONSchema | undefined, value: string): unknown {
  const pattern = stringPattern(schema);
  if (pattern && matchesPattern(pattern, value)) return MatchersV3.regex(pattern, value);
  return MatchersV3.like(value);
}

/** A number leaf: integer vs decimal kept apart. */
export function numberMatcher(schema: JSONSchema | undefined, value: number): unknown {
  const type = schema?.type;
  if (type === 'integer' || (type === undefined && Number.isInteger(value))) return MatchersV3.integer(value);
  return Number.isInteger(value) ? MatchersV3.number(value) : MatchersV3.decimal(value);
}

/** A regex that applies on top of a type match at a JSON path (Pact combines a path's matchers with AND). */
export interface RegexRule {
  path: string;
  regex: string;
  example: string;
}

export interface TemplateOptions {
  /** Top-level fields kept as exact values (the result-code field). */
  exact?: string[];
  /**
   * When given, formatted strings get a type matcher and their regex is collected here, so the pact
   * requires both: Pact's regex matcher alone would accept the boolean `true` for "^(true|false)$".
   */
  rules?: RegexRule[];
}

function pathOf(parent: string, key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `${parent}.${key}` : `${parent}['${key}']`;
}

/** Builds a matcher template for a JSON value from its schema. Pure. */
export function template(value: unknown, schema: JSONSchema | undefined, opts: TemplateOptions = {}, path = '$'): unknown {
  if (value === null || value === undefined) return value;
  if (Array.isArray(value)) {
    if (value.length === 0) return [];
    return MatchersV3.eachLike(template(value[0], itemsSchema(schema), { rules: opts.rules }, `${path}[*]`), 1);
  }
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      setOwn(out, k, path === '$' && opts.exact?.includes(k) ? v : template(v, propertySchema(schema, k), { rules: opts.rules }, pathOf(path, k)));
    }
    return out;
  }
  if (typeof value === 'string') {
    if (!opts.rules) return stringMatcher(schema, value);
    const pattern = stringPattern(schema);
    if (pattern && matchesPattern(pattern, value)) opts.rules.push({ path, regex: pattern, example: value });
    return MatchersV3.like(value);
  }
  if (typeof value === 'number') return numberMatcher(schema, value);
  if (typeof value === 'boolean') return MatchersV3.boolean(value);
  return value;
}
