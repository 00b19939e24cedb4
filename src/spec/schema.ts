/**
 * Turns an (already dereferenced) OpenAPI 3.1 schema into plain JSON Schema 2020-12 that ajv accepts in
 * strict mode: drops the OpenAPI-only keywords (`example`, `xml`, `externalDocs`, `discriminator`) and
 * `x-` extensions, walking only schema positions (a property *named* "example" is kept). Pure.
 */
import type { JSONSchema } from './model.ts';

const OPENAPI_ONLY = new Set(['example', 'xml', 'externalDocs', 'discriminator']);
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', '$defs', 'dependentSchemas']);
const SCHEMA_ONE = new Set(['items', 'not', 'if', 'then', 'else', 'additionalProperties', 'contains', 'propertyNames', 'unevaluatedItems', 'unevaluatedProperties', 'contentSchema']);
const SCHEMA_LISTS = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems']);

export function toJsonSchema(schema: unknown): JSONSchema {
  if (schema === true || schema === undefined || schema === null) return {};
  if (typeof schema !== 'object' || Array.isArray(schema)) return {};
  return clean(schema) as JSONSchema;
}

function clean(schema: unknown): unknown {
  if (typeof schema === 'boolean' || schema === null || typeof schema !== 'object' || Array.isArray(schema)) return schema;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema as Record<string, unknown>)) {
    if (OPENAPI_ONLY.has(k) || k.startsWith('x-')) continue;
    if (SCHEMA_MAPS.has(k) && v && typeof v === 'object') {
      out[k] = Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([name, s]) => [name, clean(s)]));
    } else if (SCHEMA_ONE.has(k)) out[k] = clean(v);
    else if (SCHEMA_LISTS.has(k) && Array.isArray(v)) out[k] = v.map(clean);
    else out[k] = v;
  }
  return out;
}
