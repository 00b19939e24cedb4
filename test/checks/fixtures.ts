import type { Exchange, TestCase, WireResponse } from '../../src/core/types.ts';
import type { CheckInput, ResponseValidator } from '../../src/checks/types.ts';
import type { Operation, ProviderSpec } from '../../src/spec/model.ts';

export const operation: Operation = {
  provider: 'alibaba-dypnsapi-intl', operationId: 'StartVerification', summary: '', description: '', method: 'POST',
  path: '/rpc/StartVerification', pointer: '/paths/~1rpc~1StartVerification/post', wire: { method: 'POST', path: '/' },
  parameters: [], requestSchema: { type: 'object' }, cost: 'message', auth: ['acs3-hmac-sha256'],
  responses: [
    { status: 200, description: 'ok', contentType: 'application/json', examples: {}, schema: { type: 'object', properties: { Code: { type: 'string' }, Success: { type: 'boolean' } }, required: ['Code'] } },
    { status: 400, description: 'bad', contentType: 'application/json', examples: {}, schema: { type: 'object', properties: { Code: { type: 'string' } } } },
  ],
  codes: [
    { status: 200, code: 'OK', message: 'OK', outcome: 'ok', common: false },
    { status: 400, code: 'Invalid.Parameters', message: 'bad', outcome: 'error', common: false },
    { status: 200, code: 'MOBILE_NUMBER_ILLEGAL', message: 'bad number', outcome: 'error', common: false },
    { status: 400, code: 'SignatureDoesNotMatch', message: 'sig', outcome: 'error', common: true },
  ],
};

export const spec = { id: 'alibaba-dypnsapi-intl', codeField: 'Code', operations: [operation] } as unknown as ProviderSpec;

/** A tiny validator over the fixture's response schemas (type and required only). */
export const validate: ResponseValidator = (status, body) => {
  const r = operation.responses.find((x) => x.status === status);
  if (!r) return undefined;
  const errors = [];
  const props = (r.schema.properties ?? {}) as Record<string, { type: string }>;
  const b = body as Record<string, unknown>;
  for (const k of (r.schema.required ?? []) as string[]) if (!(k in b)) errors.push({ instancePath: '', keyword: 'required', message: `must have required property '${k}'` });
  for (const [k, s] of Object.entries(props)) if (k in b && typeof b[k] !== s.type) errors.push({ instancePath: `/${k}`, keyword: 'type', message: `must be ${s.type}` });
  return { valid: errors.length === 0, errors };
};

export function res(status: number, body: unknown, contentType = 'application/json', durationMs = 5): WireResponse {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  let json: unknown;
  try { json = JSON.parse(text); } catch { /* not json */ }
  return { status, headers: { 'content-type': contentType }, body: text, json, durationMs };
}

export function input(response: WireResponse | undefined, kind: TestCase['kind'] = 'positive', extra: Partial<Exchange> = {}): CheckInput {
  const testCase: TestCase = {
    id: 'c1', provider: 'alibaba-dypnsapi-intl', operationId: 'StartVerification', kind, title: 'case', input: {}, auth: kind === 'auth' ? 'none' : 'valid',
    expect: { outcome: kind === 'negative' || kind === 'auth' ? 'error' : 'success', codes: ['Invalid.Parameters'] }, billed: true,
    violates: kind === 'negative' ? { keyword: 'enum', pointer: '/query/Channel' } : undefined,
  };
  const exchange: Exchange = { caseId: 'c1', provider: 'alibaba-dypnsapi-intl', operationId: 'StartVerification', startedAt: '2024-01-01T00:00:00Z', request: { method: 'POST', url: 'http://127.0.0.1/', headers: {} }, response, ...extra };
  return { spec, operation, testCase, exchange, validate, options: { latencyBudgetMs: 1000 } };
}
