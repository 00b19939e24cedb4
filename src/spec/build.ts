/**
 * Builds the spec model (src/spec/model.ts) from a parsed OpenAPI 3.1 document. Pure: no I/O.
 * Every structural problem is a SpecError naming the file, the JSON pointer and the fix.
 */
import { SpecError } from '../core/errors.ts';
import type { ProviderId, ProviderSpec } from './model.ts';
import { PROVIDER_IDS } from './model.ts';
import { buildOperation } from './operation.ts';
import { deref } from './deref.ts';
import { pointerOf } from './pointer.ts';
import { isObject, need } from './need.ts';

const METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'trace'] as const;

export function buildSpec(document: unknown, file: string): ProviderSpec {
  if (!isObject(document)) throw new SpecError(file, '', 'the file is not an OpenAPI document (expected a YAML mapping at the top level)', 'start the file with "openapi: 3.1.0", "info:" and "paths:"');
  const openapi = need(document, 'openapi', 'string', '', file);
  if (!/^3\.1\.\d+$/.test(openapi)) throw new SpecError(file, '/openapi', `openapi version "${openapi}" is not 3.1.x`, 'set "openapi: 3.1.0"');
  const info = need(document, 'info', 'object', '', file);
  const title = need(info, 'title', 'string', '/info', file);
  const version = need(info, 'version', 'string', '/info', file);
  const id = need(info, 'x-verikit-provider', 'string', '/info', file) as ProviderId;
  if (!PROVIDER_IDS.includes(id)) {
    throw new SpecError(file, '/info/x-verikit-provider', `unknown provider id "${id}"`, `use one of: ${PROVIDER_IDS.join(', ')}`);
  }
  const codeField = need(document, 'x-verikit-code-field', 'string', '', file);
  const servers = (need(document, 'servers', 'array', '', file) as unknown[]).map((s, i) =>
    need(isObject(s) ? s : {}, 'url', 'string', pointerOf('servers', i), file));
  const resolved = deref<Record<string, unknown>>(document, file);
  const paths = need(resolved, 'paths', 'object', '', file);
  const operations = [];
  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item)) throw new SpecError(file, pointerOf('paths', path), 'a path item must be a mapping of methods', 'write "post:" (or "get:") with the operation under the path');
    for (const method of METHODS) {
      if (!(method in item)) continue;
      if (method !== 'get' && method !== 'post') {
        throw new SpecError(file, pointerOf('paths', path, method), `method "${method}" is not supported by verikit`, 'the covered providers only use GET and POST; remove this operation or model it as post');
      }
      operations.push(buildOperation({ doc: resolved, file, provider: id, path, method, item }));
    }
  }
  const seen = new Map<string, string>();
  for (const op of operations) {
    const prev = seen.get(op.operationId);
    if (prev) throw new SpecError(file, `${op.pointer}/operationId`, `operationId "${op.operationId}" is also used at ${prev}`, 'give every operation a unique operationId');
    seen.set(op.operationId, op.pointer);
  }
  operations.sort((a, b) => a.operationId.localeCompare(b.operationId));
  return { id, title, version, file, servers, codeField, operations, document: document as Record<string, unknown> };
}
