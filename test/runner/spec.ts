import type { Operation, ProviderSpec } from '../../src/spec/model.ts';

/** A REST operation with no auth scheme (the transport sends it unsigned), documenting 200 {code} and 400. */
function op(operationId: string, cost: Operation['cost']): Operation {
  return {
    provider: 'huawei-osm', operationId, summary: '', description: '', method: 'POST', path: `/v1/${operationId}`, pointer: '',
    wire: { method: 'POST', path: `/v1/${operationId}` }, parameters: [], cost, auth: [],
    requestBody: { contentType: 'application/json', required: true, schema: {}, examples: { default: { name: 'abc' } } },
    requestSchema: { type: 'object', required: ['body'], properties: { body: { type: 'object', required: ['name'], properties: { name: { type: 'string', maxLength: 8 } } } } },
    responses: [
      { status: 200, description: 'ok', contentType: 'application/json', examples: {}, schema: { type: 'object', properties: { error_code: { type: 'string' } } } },
      { status: 400, description: 'bad', contentType: 'application/json', examples: {}, schema: { type: 'object', properties: { error_code: { type: 'string' } } } },
    ],
    codes: [
      { status: 400, code: 'BAD', message: 'bad', outcome: 'error', common: false },
      { status: 503, code: 'BUSY', message: 'busy', outcome: 'error', common: true },
    ],
  };
}

export const spec = {
  id: 'huawei-osm', title: 't', version: '1', file: 'x.yaml', servers: [], codeField: 'error_code', document: {},
  operations: [op('FreeOp', 'free'), op('SendOp', 'message')],
} as ProviderSpec;
