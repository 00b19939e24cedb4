/**
 * Strict shape checks of a JSON value against a documented schema (pure): schema violations via ajv,
 * and every field the schema does not document (the "undocumented field" rule the hosted tools skip).
 */
import { createAjv } from '../spec/ajv.ts';
import type { JSONSchema } from '../spec/model.ts';
import { propertySchema } from './matchers.ts';

const ajv = createAjv({ strict: false });
const compiled = new WeakMap<object, ReturnType<typeof ajv.compile>>();

/** Redacted example values (masked phones, codes, secrets): not checked against patterns. */
export const REDACTED_VALUE = /\*{4}|\[REDACTED\]/;

export interface ShapeIssue {
  /** JSON path, `$.Model.status`. */
  path: string;
  message: string;
}

function toPath(pointer: string): string {
  return '$' + pointer.split('/').slice(1).map((s) => (/^\d+$/.test(s) ? `[${s}]` : `.${s.replace(/~1/g, '/').replace(/~0/g, '~')}`)).join('');
}

function valueAt(root: unknown, pointer: string): unknown {
  let cur = root;
  for (const seg of pointer.split('/').slice(1)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[seg.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return cur;
}

/** Schema violations, except format/pattern/length complaints about redacted example values. */
export function schemaIssues(schema: JSONSchema, value: unknown): ShapeIssue[] {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  if (validate(value)) return [];
  const issues: ShapeIssue[] = [];
  for (const e of validate.errors ?? []) {
    const v = valueAt(value, e.instancePath);
    if (typeof v === 'string' && REDACTED_VALUE.test(v) && ['pattern', 'format', 'minLength', 'maxLength', 'type', 'enum'].includes(e.keyword)) continue;
    if (e.keyword === 'additionalProperties') continue; // reported as undocumented fields, with the name
    issues.push({ path: toPath(e.instancePath), message: `${e.message ?? e.keyword}${e.keyword === 'type' ? ` (got ${JSON.stringify(v)})` : ''}` });
  }
  return issues;
}

function itemsOf(schema: JSONSchema | undefined): JSONSchema | undefined {
  const items = schema?.items;
  return items && typeof items === 'object' && !Array.isArray(items) ? (items as JSONSchema) : undefined;
}

/** Every object key of `value` the schema does not document, as JSON paths. */
export function undocumentedFields(schema: JSONSchema | undefined, value: unknown, path = '$'): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => undocumentedFields(itemsOf(schema), v, `${path}[${i}]`));
  if (!value || typeof value !== 'object') return [];
  const out: string[] = [];
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    let sub = propertySchema(schema, k);
    const extra = schema?.additionalProperties;
    if (!sub && extra && typeof extra === 'object') sub = extra as JSONSchema;
    if (!sub) {
      out.push(`${path}.${k}`);
      continue;
    }
    out.push(...undocumentedFields(sub, v, `${path}.${k}`));
  }
  return out;
}
