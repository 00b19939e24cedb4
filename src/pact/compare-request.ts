/**
 * The request side of `pact compare` (pure): method, documented parameters (none missing, none
 * unknown, values valid), body and content type, and credentials of an accepted scheme.
 */
import type { AuthKind, JSONSchema, Operation } from '../spec/model.ts';
import type { CompareFinding } from './compare.ts';
import type { PactHttp } from './pactfile.ts';
import { SIGNING_QUERY } from './request.ts';
import { REDACTED_VALUE, schemaIssues, shapeDeviations } from './shape.ts';

type Finding = Omit<CompareFinding, 'interaction'>;

/** Query values are strings on the wire; compare them with the schema's type. */
function coerce(schema: JSONSchema, value: string): unknown {
  const t = schema.type;
  if ((t === 'integer' || t === 'number') && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  if (t === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
  return value;
}

/** Does the request carry credentials of this scheme? */
export function hasAuth(kind: AuthKind, req: PactHttp): boolean {
  const authz = req.headers.authorization ?? '';
  switch (kind) {
    case 'acs3-hmac-sha256':
      return authz.startsWith('ACS3-HMAC-SHA256 ');
    case 'acs-hmac-sha1':
      return !!req.query.Signature?.[0];
    case 'huawei-sdk-hmac-sha256':
      return authz.startsWith('SDK-HMAC-SHA256 ');
    case 'huawei-token':
      return !!req.headers['x-auth-token'];
    case 'jpush-basic':
      return authz.startsWith('Basic ');
  }
}

const AUTH_HEADERS = new Set(['authorization', 'x-auth-token']);

function checkValue(where: string, name: string, schema: JSONSchema, value: string, req: PactHttp): Finding[] {
  if (req.generated.has(name) || REDACTED_VALUE.test(value)) return [];
  return schemaIssues(schema, coerce(schema, value)).map((i) => ({ kind: 'request-param', path: name, message: `${where} parameter ${name}=${JSON.stringify(value)} is invalid: ${i.message}` }));
}

/**
 * Query parameters by documented name. Alibaba RPC sends a list parameter `Name` as `Name.1`, `Name.2`, ...
 * (repeat-list encoding); those are gathered back into one array value.
 */
export function documentedQuery(op: Operation, query: Record<string, string[]>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [name, values] of Object.entries(query)) {
    const m = /^(.+?)\.(\d+)$/.exec(name);
    const list = m && op.parameters.find((x) => x.in === 'query' && x.name === m[1] && x.schema.type === 'array');
    const key = list ? m![1] : name;
    out.set(key, [...(out.get(key) ?? []), ...values]);
  }
  return out;
}

function checkParams(op: Operation, req: PactHttp, lenient: boolean): Finding[] {
  const out: Finding[] = [];
  const rpc = op.wire.rpc;
  const query = documentedQuery(op, req.query);
  for (const [name, values] of query) {
    if (rpc && (name === 'Action' || name === 'Version')) continue;
    if (SIGNING_QUERY.has(name)) continue;
    const p = op.parameters.find((x) => x.in === 'query' && x.name === name);
    if (!p) out.push({ kind: 'request-param', path: name, message: `sends query parameter ${name}, which ${op.operationId} does not document` });
    else if (lenient) continue;
    else if (p.schema.type === 'array') out.push(...checkList(name, p.schema, values, req));
    else for (const v of values) out.push(...checkValue('query', name, p.schema, v, req));
  }
  const version = req.query.Version?.[0] ?? req.headers['x-acs-version'];
  if (rpc && version !== rpc.version) {
    out.push({ kind: 'request-param', path: 'Version', message: `API version ${version === undefined ? 'is missing' : `"${version}" is not the documented ${rpc.version}`}` });
  }
  if (lenient) return out;
  for (const p of op.parameters) {
    const lower = p.name.toLowerCase();
    const sent = p.in === 'query' ? query.get(p.name)?.[0] : p.in === 'header' ? req.headers[lower] : undefined;
    if (p.in === 'header' && sent !== undefined && !AUTH_HEADERS.has(lower)) out.push(...checkValue('header', p.name, p.schema, sent, req));
    if (p.required && sent === undefined && p.in !== 'path' && !AUTH_HEADERS.has(lower)) {
      out.push({ kind: 'request-param', path: p.name, message: `does not send the required ${p.in} parameter ${p.name}` });
    }
  }
  return out;
}

function checkList(name: string, schema: JSONSchema, values: string[], req: PactHttp): Finding[] {
  if (values.some((v) => REDACTED_VALUE.test(v)) || req.generated.has(name)) return [];
  const items = (schema.items ?? {}) as JSONSchema;
  return schemaIssues(schema, values.map((v) => coerce(items, v))).map((i) => ({ kind: 'request-param', path: name, message: `query list ${name}=${JSON.stringify(values)} is invalid: ${i.message}` }));
}

function checkBody(op: Operation, req: PactHttp, lenient: boolean): Finding[] {
  const doc = op.requestBody;
  if (req.body === undefined || req.body === '') {
    return doc?.required && !lenient ? [{ kind: 'request-body', message: `sends no body; ${op.operationId} requires ${doc.contentType}` }] : [];
  }
  if (!doc) return [{ kind: 'request-body', message: `sends a body; ${op.operationId} documents none` }];
  const out: Finding[] = [];
  const media = (req.contentType ?? '').split(';')[0].trim().toLowerCase();
  if (media !== doc.contentType.toLowerCase()) {
    out.push({ kind: 'content-type', message: `sends Content-Type "${req.contentType ?? '(none)'}"; ${op.operationId} documents ${doc.contentType}` });
  }
  for (const d of shapeDeviations(doc.schema, req.body)) {
    if (d.undocumented) out.push({ kind: 'request-body', path: d.path, message: `sends body field ${d.path}, which ${op.operationId} does not document` });
  }
  for (const issue of lenient ? [] : schemaIssues(doc.schema, req.body)) {
    if (req.generated.has(issue.path)) continue;
    out.push({ kind: 'request-body', path: issue.path, message: `body ${issue.path} breaks the documented schema: ${issue.message}` });
  }
  return out;
}

/**
 * `expectsError`: the interaction expects a documented error answer. Such a consumer may send invalid
 * or incomplete input on purpose (that is how the error path is tested), so missing and invalid values
 * are not findings then; undocumented names, content type, method and credentials still are.
 */
export function checkRequest(op: Operation, req: PactHttp, expectsError = false): Finding[] {
  const out: Finding[] = [];
  const methods = op.wire.rpc?.methods ?? [op.wire.method];
  if (!methods.includes(req.method as 'GET' | 'POST')) {
    out.push({ kind: 'method', message: `uses ${req.method}; ${op.operationId} accepts ${methods.join(', ')}` });
  }
  out.push(...checkParams(op, req, expectsError), ...checkBody(op, req, expectsError));
  if (op.auth.length > 0 && !op.auth.some((k) => hasAuth(k, req))) {
    out.push({ kind: 'auth', message: `sends no credentials; ${op.operationId} requires one of ${op.auth.join(', ')}` });
  }
  return out;
}
