/**
 * generated/schemas/<provider>/<operationId>.request.json and .response.<status>.json: self-contained
 * JSON Schema 2020-12 (the model's schemas are already dereferenced and stripped of OpenAPI-only
 * keywords). The request schema is the `{query, header, body}` input shape (`Operation.requestSchema`). Pure.
 */
import type { JSONSchema, Operation, ProviderSpec } from '../spec/model.ts';

export const DIALECT = 'https://json-schema.org/draft/2020-12/schema';

export interface SchemaEntry {
  operationId: string;
  /** 'request' or the HTTP status of a response. */
  kind: 'request' | number;
  schema: JSONSchema;
}

function withDialect(schema: JSONSchema, title: string): JSONSchema {
  return { $schema: DIALECT, title, ...schema };
}

/** Every schema of an operation with a file-friendly title: request first, then responses by status. */
export function operationSchemas(spec: ProviderSpec, op: Operation): SchemaEntry[] {
  const out: SchemaEntry[] = [{ operationId: op.operationId, kind: 'request', schema: withDialect(op.requestSchema, `${spec.id} ${op.operationId} request ({query, header, body})`) }];
  for (const r of op.responses) {
    if (!r.contentType) continue;
    out.push({ operationId: op.operationId, kind: r.status, schema: withDialect(r.schema, `${spec.id} ${op.operationId} response ${r.status}`) });
  }
  return out;
}

export function schemaFileName(e: SchemaEntry): string {
  return e.kind === 'request' ? `${e.operationId}.request.json` : `${e.operationId}.response.${e.kind}.json`;
}

export function renderSchemas(spec: ProviderSpec): Map<string, string> {
  const files = new Map<string, string>();
  for (const op of spec.operations) {
    for (const e of operationSchemas(spec, op)) files.set(`schemas/${spec.id}/${schemaFileName(e)}`, JSON.stringify(e.schema, null, 2) + '\n');
  }
  return files;
}
