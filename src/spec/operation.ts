/** Builds one `Operation` of the spec model from a dereferenced OpenAPI operation object. Pure. */
import { SpecError } from '../core/errors.ts';
import type { Cost, JSONSchema, Operation, ParamSpec, ProviderId, RequestBodySpec, ResponseSpec, RpcBinding } from './model.ts';
import { readAuth, readCodes } from './codes.ts';
import { isObject, need, opt } from './need.ts';
import { childPointer, pointerOf } from './pointer.ts';
import { toJsonSchema } from './schema.ts';

export interface OperationSource {
  doc: Record<string, unknown>;
  file: string;
  provider: ProviderId;
  path: string;
  method: 'get' | 'post';
  item: Record<string, unknown>;
}

const COSTS: Cost[] = ['free', 'message', 'per-call'];

export function buildOperation(src: OperationSource): Operation {
  const { doc, file, provider, path, method, item } = src;
  const pointer = pointerOf('paths', path, method);
  const op = need(item, method, 'object', pointerOf('paths', path), file);
  const operationId = need(op, 'operationId', 'string', pointer, file);
  const summary = need(op, 'summary', 'string', pointer, file);
  const description = opt(op, 'description', 'string', pointer, file) ?? '';
  const params = [...((item.parameters as unknown[]) ?? []), ...(opt(op, 'parameters', 'array', pointer, file) ?? [])];
  const parameters = params.map((p, i) => readParam(p, childPointer(pointer, 'parameters', i), file));
  const body = op.requestBody === undefined ? undefined : readBody(op.requestBody, childPointer(pointer, 'requestBody'), file);
  const responsesObj = need(op, 'responses', 'object', pointer, file);
  const responses = Object.entries(responsesObj)
    .filter(([status]) => status !== 'default')
    .map(([status, r]) => readResponse(status, r, childPointer(pointer, 'responses', status), file))
    .sort((a, b) => a.status - b.status);
  const cost = (opt(op, 'x-verikit-cost', 'string', pointer, file) ?? 'free') as Cost;
  if (!COSTS.includes(cost)) throw new SpecError(file, childPointer(pointer, 'x-verikit-cost'), `unknown cost "${cost}"`, 'use "message" (sends a billed message), "per-call", or leave it out when the call is free');
  const rpc = readRpc(op, pointer, file);
  const httpMethod = method === 'get' ? 'GET' : 'POST';
  return {
    provider, operationId, summary, description, method: httpMethod, path, pointer,
    wire: rpc ? { method: rpc.methods[0] ?? 'POST', path: rpc.path, rpc } : { method: httpMethod, path },
    parameters,
    ...(body ? { requestBody: body } : {}),
    requestSchema: requestSchema(parameters, body),
    responses,
    codes: readCodes(doc, op, pointer, file),
    cost,
    auth: readAuth(doc, op, pointer, file),
  };
}

function readParam(p: unknown, at: string, file: string): ParamSpec {
  if (!isObject(p)) throw new SpecError(file, at, 'a parameter must be a mapping', 'write name, in, required and schema');
  const name = need(p, 'name', 'string', at, file);
  const where = need(p, 'in', 'string', at, file);
  if (where !== 'query' && where !== 'header' && where !== 'path') {
    throw new SpecError(file, `${at}/in`, `parameter location "${where}" is not supported`, 'use in: query, header or path');
  }
  const examples = opt(p, 'examples', 'object', at, file);
  const first = examples ? Object.values(examples).find(isObject)?.value : undefined;
  const example = p.example !== undefined ? p.example : first;
  return {
    name, in: where, required: where === 'path' ? true : (opt(p, 'required', 'boolean', at, file) ?? false),
    schema: toJsonSchema(need(p, 'schema', 'object', at, file)),
    ...(example !== undefined ? { example } : {}),
    ...(typeof p.description === 'string' ? { description: p.description } : {}),
  };
}

function firstContent(obj: Record<string, unknown>, at: string, file: string): [string, Record<string, unknown>] {
  const content = need(obj, 'content', 'object', at, file);
  const entry = Object.entries(content)[0];
  if (!entry || !isObject(entry[1])) throw new SpecError(file, `${at}/content`, 'no media type under content', 'add "application/json:" with a schema');
  return [entry[0], entry[1]];
}

function readExamples(media: Record<string, unknown>, at: string, file: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const examples = opt(media, 'examples', 'object', at, file);
  for (const [name, ex] of Object.entries(examples ?? {})) {
    if (!isObject(ex) || !('value' in ex)) throw new SpecError(file, childPointer(at, 'examples', name), 'an example must have a "value"', 'write the example under "value:"');
    out[name] = ex.value;
  }
  if (media.example !== undefined && out.default === undefined) out.default = media.example;
  return out;
}

function readBody(b: unknown, at: string, file: string): RequestBodySpec {
  if (!isObject(b)) throw new SpecError(file, at, 'requestBody must be a mapping', 'write required and content');
  const [contentType, media] = firstContent(b, at, file);
  const mAt = childPointer(at, 'content', contentType);
  return {
    contentType, required: opt(b, 'required', 'boolean', at, file) ?? false,
    schema: toJsonSchema(need(media, 'schema', 'object', mAt, file)),
    examples: readExamples(media, mAt, file),
  };
}

function readResponse(status: string, r: unknown, at: string, file: string): ResponseSpec {
  if (!/^[1-5][0-9][0-9]$/.test(status)) throw new SpecError(file, at, `response key "${status}" is not an HTTP status`, 'use a three-digit status such as 200 or 400 (ranges like 4XX are not supported)');
  if (!isObject(r)) throw new SpecError(file, at, 'a response must be a mapping', 'write description and content');
  const description = need(r, 'description', 'string', at, file);
  if (r.content === undefined) return { status: Number(status), description, contentType: '', schema: {}, examples: {} };
  const [contentType, media] = firstContent(r, at, file);
  const mAt = childPointer(at, 'content', contentType);
  return { status: Number(status), description, contentType, schema: toJsonSchema(need(media, 'schema', 'object', mAt, file)), examples: readExamples(media, mAt, file) };
}

function readRpc(op: Record<string, unknown>, pointer: string, file: string): RpcBinding | undefined {
  const rpc = opt(op, 'x-verikit-rpc', 'object', pointer, file);
  if (!rpc) return undefined;
  const at = childPointer(pointer, 'x-verikit-rpc');
  const methods = (opt(rpc, 'methods', 'array', at, file) ?? ['POST']) as Array<'GET' | 'POST'>;
  if (methods.some((m) => m !== 'GET' && m !== 'POST')) throw new SpecError(file, `${at}/methods`, 'RPC methods must be GET or POST', 'write methods: [POST, GET]');
  return { action: need(rpc, 'action', 'string', at, file), version: need(rpc, 'version', 'string', at, file), path: opt(rpc, 'path', 'string', at, file) ?? '/', methods };
}

/** `{query?, header?, body?}` as one JSON Schema; a part is required when it holds a required value. */
export function requestSchema(parameters: ParamSpec[], body?: RequestBodySpec): JSONSchema {
  const properties: Record<string, JSONSchema> = {};
  const required: string[] = [];
  for (const where of ['query', 'header'] as const) {
    const ps = parameters.filter((p) => p.in === where);
    if (ps.length === 0) continue;
    const req = ps.filter((p) => p.required).map((p) => p.name);
    properties[where] = { type: 'object', properties: Object.fromEntries(ps.map((p) => [p.name, p.schema])), ...(req.length ? { required: req } : {}) };
    if (req.length) required.push(where);
  }
  if (body) {
    properties.body = body.schema;
    if (body.required) required.push('body');
  }
  return { type: 'object', properties, ...(required.length ? { required } : {}) };
}
