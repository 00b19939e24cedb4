/**
 * Strict shape checks of a JSON value against a documented schema (pure): constraint violations via
 * ajv (requests), and the drift walker's deviations (undocumented fields, changed types) for bodies.
 */
import { createAjv } from '../spec/ajv.ts';
import type { JSONSchema } from '../spec/model.ts';
import { walkSchema } from '../drift/schema-walk.ts';

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

/** A drift pointer (`/body/Model/status`, array items as `*`) as a JSON path (`$.Model.status`). */
export function jsonPath(pointer: string): string {
  const segs = pointer.split('/').slice(2).map((x) => x.replace(/~1/g, '/').replace(/~0/g, '~'));
  return '$' + segs.map((x) => (x === '*' || /^\d+$/.test(x) ? `[${x}]` : `.${x}`)).join('');
}

/**
 * Every field of `value` the schema does not document, and every documented type, format or enum it
 * breaks — the drift walker's deviations (src/drift/schema-walk.ts), minus missing required fields: a
 * consumer need not rely on every documented field.
 */
export function shapeDeviations(schema: JSONSchema | undefined, value: unknown): Array<{ undocumented: boolean; path: string; message: string }> {
  if (!schema) return [];
  return walkSchema(schema, value, '/body')
    .filter((d) => d.class !== 'missing-required-field')
    .map((d) => ({ undocumented: d.class === 'undocumented-field', path: jsonPath(d.pointer), message: d.message }));
}
