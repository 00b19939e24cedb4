/**
 * Synthetic specs for the scale benchmark (pure): N operations shaped like the real specs
 * (JVerification-style JSON POST with Basic auth, documented codes, named examples per code).
 */
export function syntheticSpec(n: number): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) paths[`/v1/web/op${i}`] = { post: operation(i) };
  return {
    openapi: '3.1.0',
    info: { title: `Synthetic ${n} operations`, version: '1.0.0', 'x-verikit-provider': 'jiguang-jverification' },
    servers: [{ url: 'https://api.verification.jpush.cn' }],
    'x-verikit-code-field': 'code',
    'x-verikit-common-codes': [
      { status: 401, code: '9010', message: 'missing auth', outcome: 'error' },
      { status: 401, code: '9011', message: 'auth failed', outcome: 'error' },
    ],
    security: [{ basic: [] }],
    components: {
      securitySchemes: { basic: { type: 'http', scheme: 'basic', 'x-verikit-auth': 'jpush-basic' } },
      schemas: {
        Result: {
          type: 'object', required: ['code', 'content'],
          properties: { id: { type: 'integer' }, code: { type: 'integer' }, content: { type: 'string', maxLength: 64 }, exID: { type: 'string', maxLength: 64 } },
        },
      },
    },
    paths,
  };
}

function operation(i: number): Record<string, unknown> {
  return {
    operationId: `op${i}`,
    summary: `Synthetic operation ${i}`,
    'x-verikit-cost': 'per-call',
    'x-verikit-codes': [
      { status: 200, code: '9000', message: 'consistent', outcome: 'ok' },
      { status: 200, code: '9001', message: 'not consistent', outcome: 'ok' },
      { status: 200, code: '9012', message: 'parameter invalid', outcome: 'error' },
    ],
    requestBody: {
      required: true,
      content: {
        'application/json': {
          schema: {
            type: 'object', required: ['token', 'phone'], additionalProperties: false,
            properties: {
              token: { type: 'string', minLength: 8, maxLength: 512 },
              phone: { type: 'string', pattern: '^1[0-9]{10}$' },
              exID: { type: 'string', maxLength: 64 },
              channel: { type: 'string', enum: ['SMS', 'VOICE'] },
            },
          },
          examples: { default: { value: { token: `tok-${i}-abcdefgh`, phone: '13800138000', exID: `ex-${i}` } } },
        },
      },
    },
    responses: {
      200: {
        description: 'Result',
        content: {
          'application/json': {
            schema: { $ref: '#/components/schemas/Result' },
            examples: {
              9000: { value: { id: 1, code: 9000, content: 'verification consistent', exID: `ex-${i}` } },
              9012: { value: { code: 9012, content: 'parameter invalid' } },
            },
          },
        },
      },
      401: {
        description: 'Authentication failed',
        content: {
          'application/json': {
            schema: { $ref: '#/components/schemas/Result' },
            examples: {
              9010: { value: { code: 9010, content: 'missing auth' } },
              9011: { value: { code: 9011, content: 'auth failed' } },
            },
          },
        },
      },
    },
  };
}
