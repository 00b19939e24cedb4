import type { AuthKind, Operation } from '../../src/spec/model.ts';

/** A minimal Operation of the spec model, enough for the transport. */
export function operation(o: { id: string; method?: 'GET' | 'POST'; path: string; rpc?: { action: string; version: string }; auth: AuthKind[]; pathParams?: string[] }): Operation {
  return {
    provider: o.rpc ? 'alibaba-dypnsapi-intl' : 'huawei-osm',
    operationId: o.id,
    summary: o.id,
    description: '',
    method: o.method ?? 'POST',
    path: o.rpc ? `/rpc/${o.rpc.action}` : o.path,
    pointer: '',
    wire: o.rpc
      ? { method: o.method ?? 'POST', path: '/', rpc: { ...o.rpc, path: '/', methods: [o.method ?? 'POST'] } }
      : { method: o.method ?? 'POST', path: o.path },
    parameters: (o.pathParams ?? []).map((name) => ({ name, in: 'path' as const, required: true, schema: { type: 'string' } })),
    requestSchema: {},
    responses: [],
    codes: [],
    cost: 'free',
    auth: o.auth,
  };
}

export const startVerification = operation({ id: 'StartVerification', path: '/', rpc: { action: 'StartVerification', version: '2017-07-25' }, auth: ['acs3-hmac-sha256', 'acs-hmac-sha1'] });
export const checkVerifyCodes = operation({ id: 'CheckVerifyCodes', path: '/v2/servicerequest/verifycodes', auth: ['huawei-token', 'huawei-sdk-hmac-sha256'] });
export const needVerify = operation({ id: 'CheckNeedVerify', method: 'GET', path: '/v2/servicerequest/verifycodes/need-verify', auth: ['huawei-sdk-hmac-sha256'] });
export const jpushVerify = operation({ id: 'verify', path: '/v1/web/verify', auth: ['jpush-basic'] });
