/**
 * Armed answers: `POST /__verikit/answers {operationId, code, count?, status?, key?}` makes the next
 * `count` answers of one operation a documented code — its documented HTTP status, the body of the
 * spec's named example for that code (fresh request ids) and the provider's usual headers. Only codes
 * the spec documents for that operation (its x-verikit-codes plus the provider's common codes) can be
 * armed. With `key`, the answer is kept for requests that carry `x-verikit-answer: <key>` (per-request
 * arming: concurrent requests never take another's answer). Pure apart from the random ids.
 */
import { randomBytes } from 'node:crypto';
import type { DocumentedCode, Operation, ProviderSpec } from '../spec/model.ts';
import { randomRequestId } from './random.ts';
import type { MockResponse } from './types.ts';

/** The request header that names a keyed armed answer. */
export const ANSWER_HEADER = 'x-verikit-answer';

const KEYS = ['operationId', 'code', 'count', 'status', 'key'];
const MAX_ANSWERS = 1_000;
const MAX_COUNT = 100_000;
const KEY_SHAPE = /^[A-Za-z0-9_.:-]{1,128}$/;

export interface AnswerRequest {
  operationId: string;
  code: string;
  /** Default 1. */
  count?: number;
  /** Picks one documented entry when the operation documents the code with more than one status. */
  status?: number;
  key?: string;
}

export interface ArmedAnswer {
  operationId: string;
  code: string;
  status: number;
  key?: string;
  remaining: number;
  /** The answer before fresh ids are put in. */
  template: MockResponse;
}

/** Every documented code of an operation: its own entries, then the provider's common ones. */
export function operationCodes(op: Operation): DocumentedCode[] {
  return [...op.codes.filter((c) => !c.common), ...op.codes.filter((c) => c.common)];
}

/** Reads the code out of a body (top-level field; numbers as text). */
function bodyCode(body: unknown, field: string): string | undefined {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const v = (body as Record<string, unknown>)[field];
  return typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
}

/**
 * The spec's example body for a documented code: the example named after the code in the response of
 * that status, else one whose code field holds it (an ok code "" also matches a body without the field).
 */
export function exampleFor(spec: ProviderSpec, op: Operation, entry: DocumentedCode): { body: unknown; contentType: string } | undefined {
  const res = op.responses.find((r) => r.status === entry.status);
  if (!res) return undefined;
  if (Object.hasOwn(res.examples, entry.code)) return { body: res.examples[entry.code], contentType: res.contentType };
  for (const value of Object.values(res.examples)) {
    const code = bodyCode(value, spec.codeField);
    if (code === entry.code || (entry.code === '' && code === undefined)) return { body: value, contentType: res.contentType };
  }
  return undefined;
}

/** Whether the provider's code field is a number on the wire (JVerification), so a code may be armed as a number. */
function numericCodes(spec: ProviderSpec): boolean {
  return spec.operations.some((o) => o.responses.some((r) => Object.values(r.examples).some((v) => typeof (v as Record<string, unknown> | null)?.[spec.codeField] === 'number')));
}

/** The provider's usual headers and fresh ids for one answer (a copy of the template). */
export function freshAnswer(provider: string, template: MockResponse): MockResponse {
  const body = template.body && typeof template.body === 'object' && !Array.isArray(template.body) ? { ...(template.body as Record<string, unknown>) } : template.body;
  const headers: Record<string, string> = { ...template.headers };
  if (provider.startsWith('alibaba-')) {
    const id = randomRequestId();
    headers['x-acs-request-id'] = id;
    if (body && typeof body === 'object') {
      const b = body as Record<string, unknown>;
      b.RequestId = id;
      if (typeof b.Recommend === 'string') b.Recommend = b.Recommend.replace(/requestId=[^&]*/, `requestId=${id}`);
    }
  } else if (provider === 'huawei-osm') {
    const id = randomBytes(16).toString('hex');
    headers['x-request-id'] = id;
    if (body && typeof body === 'object' && 'request_id' in (body as Record<string, unknown>)) (body as Record<string, unknown>).request_id = id;
  }
  return { status: template.status, body, headers };
}

function fail(message: string): { error: string } {
  return { error: message };
}

/** Validates an untrusted answer request against the spec; returns an error message or the answer to arm. */
export function parseAnswer(spec: ProviderSpec, input: unknown): ArmedAnswer | { error: string } {
  if (!input || typeof input !== 'object' || Array.isArray(input)) return fail('body must be a JSON object {operationId, code, count?, status?, key?}');
  const a = input as Record<string, unknown>;
  for (const k of Object.keys(a)) if (!KEYS.includes(k)) return fail(`unknown key "${k.slice(0, 64)}" (the answers verb takes ${KEYS.join(', ')})`);
  if (typeof a.operationId !== 'string' || !a.operationId) return fail('operationId must be a non-empty string');
  const op = spec.operations.find((o) => o.operationId === a.operationId);
  if (!op) return fail(`unknown operationId "${a.operationId.slice(0, 64)}" for ${spec.id} (operations: ${spec.operations.map((o) => o.operationId).join(', ')})`);
  let code: string;
  if (typeof a.code === 'string') code = a.code;
  else if (typeof a.code === 'number' && Number.isInteger(a.code) && numericCodes(spec)) code = String(a.code);
  else return fail(numericCodes(spec) ? 'code must be a string or an integer, as the spec lists it' : 'code must be a string, as the spec lists it');
  if (a.count !== undefined && (!Number.isInteger(a.count) || (a.count as number) < 1 || (a.count as number) > MAX_COUNT)) return fail(`count must be an integer 1..${MAX_COUNT}`);
  if (a.status !== undefined && (!Number.isInteger(a.status) || (a.status as number) < 100 || (a.status as number) > 599)) return fail('status must be an HTTP status 100..599');
  if (a.key !== undefined && (typeof a.key !== 'string' || !KEY_SHAPE.test(a.key))) return fail('key must be 1-128 characters of A-Z a-z 0-9 _ . : -');
  const all = operationCodes(op);
  const entries = all.filter((c) => c.code === code && (a.status === undefined || c.status === a.status));
  if (entries.length === 0) {
    const valid = all.map((c) => (all.filter((d) => d.code === c.code).length > 1 ? `${JSON.stringify(c.code)} (status ${c.status})` : JSON.stringify(c.code)));
    return fail(`code ${JSON.stringify(code.slice(0, 64))}${a.status !== undefined ? ` with status ${a.status}` : ''} is not documented for ${spec.id} ${op.operationId}; valid codes: ${valid.join(', ')}`);
  }
  const entry = entries[0];
  const example = exampleFor(spec, op, entry);
  if (!example) return fail(`the spec has no example body for ${spec.id} ${op.operationId} code ${JSON.stringify(code)} (status ${entry.status}): add an example named after the code`);
  const headers: Record<string, string> = {};
  if (example.contentType && example.contentType !== 'application/json') headers['content-type'] = example.contentType;
  return {
    operationId: op.operationId,
    code: entry.code,
    status: entry.status,
    ...(typeof a.key === 'string' ? { key: a.key } : {}),
    remaining: (a.count as number | undefined) ?? 1,
    template: { status: entry.status, body: example.body, headers },
  };
}

/** The armed answers of one provider. */
export class AnswerStore {
  private answers: Array<ArmedAnswer & { id: string }> = [];
  private seq = 0;

  constructor(private readonly provider: string) {}

  add(answer: ArmedAnswer): string {
    const id = `a${++this.seq}`;
    this.answers.push({ ...answer, id });
    if (this.answers.length > MAX_ANSWERS) this.answers.shift();
    return id;
  }

  /** How many are armed (the server skips the look-up entirely when none are). */
  get size(): number {
    return this.answers.length;
  }

  /**
   * The answer for a request to `operationId`, used up by this call: the one armed with the request's key
   * when it carries one, else the oldest one armed without a key (a keyed answer never goes to a request
   * without its key). undefined: answer normally.
   */
  take(operationId: string | undefined, key: string | undefined): MockResponse | undefined {
    if (operationId === undefined) return undefined;
    let i = key === undefined ? -1 : this.answers.findIndex((a) => a.key === key && a.operationId === operationId);
    if (i < 0) i = this.answers.findIndex((a) => a.key === undefined && a.operationId === operationId);
    if (i < 0) return undefined;
    const a = this.answers[i];
    if (--a.remaining <= 0) this.answers.splice(i, 1);
    return freshAnswer(this.provider, a.template);
  }

  list(): Array<{ id: string; operationId: string; code: string; status: number; key?: string; remaining: number }> {
    return this.answers.map(({ id, operationId, code, status, key, remaining }) => ({ id, operationId, code, status, ...(key !== undefined ? { key } : {}), remaining }));
  }

  clear(): number {
    const n = this.answers.length;
    this.answers = [];
    return n;
  }
}
