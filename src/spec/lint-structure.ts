/** Lint: the OpenAPI 3.1 structure essentials verikit relies on (checked on the dereferenced document). Pure. */
import type { LintIssue } from './lint-issue.ts';
import { isObject } from './need.ts';
import { childPointer, pointerOf } from './pointer.ts';

const ROOT = new Set(['openapi', 'info', 'jsonSchemaDialect', 'servers', 'paths', 'webhooks', 'components', 'security', 'tags', 'externalDocs']);
const OPERATION = new Set(['tags', 'summary', 'description', 'externalDocs', 'operationId', 'parameters', 'requestBody', 'responses', 'callbacks', 'deprecated', 'security', 'servers']);
const PARAM = new Set(['name', 'in', 'description', 'required', 'deprecated', 'allowEmptyValue', 'style', 'explode', 'allowReserved', 'schema', 'example', 'examples', 'content']);
const PATH_ITEM = new Set(['$ref', 'summary', 'description', 'get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace', 'servers', 'parameters']);
const SCHEME_TYPES = new Set(['apiKey', 'http', 'mutualTLS', 'oauth2', 'openIdConnect']);
const COMPONENT_KEY = /^[a-zA-Z0-9.\-_]+$/;

function unknownKeys(obj: Record<string, unknown>, allowed: Set<string>, at: string, file: string, what: string): LintIssue[] {
  return Object.keys(obj)
    .filter((k) => !allowed.has(k) && !k.startsWith('x-'))
    .map((k) => ({ file, pointer: childPointer(at, k), problem: `"${k}" is not a field of an OpenAPI 3.1 ${what}`, fix: `remove it, fix its spelling, or prefix a custom field with "x-"` }));
}

export function lintStructure(doc: Record<string, unknown>, file: string): LintIssue[] {
  const issues = unknownKeys(doc, ROOT, '', file, 'document');
  const info = isObject(doc.info) ? doc.info : {};
  if (typeof info.description !== 'string' || !info.description.trim()) {
    issues.push({ file, pointer: '/info/description', problem: 'the spec has no description', fix: 'describe the provider, the sources and every modelling decision (UNCONFIRMED items) in info.description' });
  }
  for (const [path, item] of Object.entries(isObject(doc.paths) ? doc.paths : {})) {
    const pAt = pointerOf('paths', path);
    if (!path.startsWith('/')) issues.push({ file, pointer: pAt, problem: `path "${path}" does not start with "/"`, fix: 'write the path as /segment/...' });
    if (!isObject(item)) continue;
    issues.push(...unknownKeys(item, PATH_ITEM, pAt, file, 'path item'));
    for (const method of ['get', 'post']) {
      const op = item[method];
      if (!isObject(op)) continue;
      const oAt = childPointer(pAt, method);
      issues.push(...unknownKeys(op, OPERATION, oAt, file, 'operation'));
      if (typeof op.description !== 'string' || !op.description.trim()) {
        issues.push({ file, pointer: childPointer(oAt, 'description'), problem: 'the operation has no description', fix: 'add a description (the provider page\'s text and any quirk kept)' });
      }
      const params = Array.isArray(op.parameters) ? op.parameters : [];
      params.forEach((p, i) => { if (isObject(p)) issues.push(...unknownKeys(p, PARAM, childPointer(oAt, 'parameters', i), file, 'parameter')); });
    }
  }
  const components = isObject(doc.components) ? doc.components : {};
  for (const [section, entries] of Object.entries(components)) {
    if (!isObject(entries)) continue;
    for (const key of Object.keys(entries)) {
      if (!COMPONENT_KEY.test(key)) issues.push({ file, pointer: pointerOf('components', section, key), problem: `component name "${key}" has characters OpenAPI does not allow`, fix: 'use only letters, digits, ".", "-" and "_"' });
    }
  }
  const schemes = isObject(components.securitySchemes) ? components.securitySchemes : {};
  for (const [name, s] of Object.entries(schemes)) {
    const at = pointerOf('components', 'securitySchemes', name);
    if (!isObject(s) || !SCHEME_TYPES.has(String(s.type))) {
      issues.push({ file, pointer: childPointer(at, 'type'), problem: 'security scheme type is missing or unknown', fix: 'use type apiKey, http, mutualTLS, oauth2 or openIdConnect' });
    } else if (s.type === 'apiKey' && (typeof s.name !== 'string' || !['query', 'header', 'cookie'].includes(String(s.in)))) {
      issues.push({ file, pointer: at, problem: 'an apiKey scheme needs "name" and "in" (query, header or cookie)', fix: 'add name and in' });
    } else if (s.type === 'http' && typeof s.scheme !== 'string') {
      issues.push({ file, pointer: childPointer(at, 'scheme'), problem: 'an http scheme needs "scheme"', fix: 'add scheme: basic (or bearer)' });
    }
  }
  return issues;
}
