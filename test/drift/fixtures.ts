/** Hand-made operation and exchange builders for the drift tests (no spec files needed). */
import type { Exchange, WireResponse } from '../../src/core/types.ts';
import type { Operation } from '../../src/spec/model.ts';

export function operation(): Operation {
  const ok = {
    type: 'object',
    additionalProperties: true,
    required: ['RequestId', 'Code', 'Success'],
    properties: {
      RequestId: { type: 'string', format: 'uuid' },
      Code: { type: 'string' },
      Message: { type: 'string' },
      Success: { type: 'boolean' },
      Model: {
        type: 'object',
        properties: {
          verificationId: { type: 'string' },
          status: { type: 'string', enum: ['pending', 'approved'] },
          phoneNumber: { type: 'string', pattern: '^[0-9]+$' },
          sendDate: { type: 'string', format: 'date-time' },
          records: { type: 'array', items: { type: 'object', properties: { to: { type: 'string' } } } },
        },
      },
    },
  };
  const err = { type: 'object', properties: { RequestId: { type: 'string' }, Code: { type: 'string' }, Message: { type: 'string' } } };
  return {
    provider: 'alibaba-dypnsapi-intl', operationId: 'CheckVerification', summary: '', description: '',
    method: 'POST', path: '/rpc/CheckVerification', pointer: '/paths/~1rpc~1CheckVerification/post',
    wire: { method: 'POST', path: '/' }, parameters: [], requestSchema: { type: 'object' },
    responses: [
      { status: 200, description: 'ok', contentType: 'application/json', schema: ok, examples: {} },
      { status: 400, description: 'error', contentType: 'application/json', schema: err, examples: {} },
    ],
    codes: [
      { status: 200, code: 'OK', message: 'OK', outcome: 'ok', common: false },
      { status: 400, code: 'Invalid.Parameters', message: 'bad', outcome: 'error', common: false },
      { status: 503, code: 'ServiceUnavailable', message: 'busy', outcome: 'error', common: true },
    ],
    cost: 'free', auth: ['acs3-hmac-sha256'],
  };
}

export const okBody = () => ({
  RequestId: '0d2b2d0c-55a4-4e4e-9f1f-3f1c2f0e8a11', Code: 'OK', Message: 'OK', Success: true,
  Model: { verificationId: 'v-1', status: 'approved', phoneNumber: '6212345678901', sendDate: '2026-01-02T03:04:05Z', records: [{ to: 'x' }] },
});

export function exchange(res: Partial<WireResponse> & { json?: unknown } | undefined, error?: Exchange['error']): Exchange {
  const response: WireResponse | undefined = res && {
    status: 200, headers: { 'content-type': 'application/json;charset=utf-8' }, durationMs: 5,
    body: res.json !== undefined ? JSON.stringify(res.json) : '', ...res,
  };
  return {
    caseId: 'c1', provider: 'alibaba-dypnsapi-intl', operationId: 'CheckVerification', startedAt: '2026-01-01T00:00:00Z',
    request: { method: 'POST', url: 'http://127.0.0.1/', headers: {} }, response, error,
  };
}
