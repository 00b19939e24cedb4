/** Huawei OSM and JPush on the wire: REST path, JSON body, AK/SK signature, X-Auth-Token or Basic. Pure. */
import type { CaseInput, WireRequest } from '../core/types.ts';
import type { HuaweiCredentials, JPushCredentials } from '../signing/credentials.ts';
import { signHuawei, tokenHeaders } from '../signing/huawei.ts';
import { basicAuth } from '../signing/jpush.ts';
import type { Operation } from '../spec/model.ts';
import { MissingCredentialsError, withoutAuthHeaders, type WireContext } from './context.ts';
import { headerStrings, joinUrl, restParams } from './serialize.ts';
import { tamperAuthorization, tamperSignature, wrongSecret } from './tamper.ts';

/** Relative URL (path parameters substituted from `input.query`), headers and JSON body, before auth. */
export function restParts(op: Operation, input: CaseInput): WireRequest {
  const query = { ...(input.query ?? {}) };
  let path = op.wire.path;
  for (const p of op.parameters.filter((x) => x.in === 'path')) {
    const v = query[p.name];
    delete query[p.name];
    path = path.replace(`{${p.name}}`, encodeURIComponent(v === undefined || v === null ? '' : String(v)));
  }
  const headers = withoutAuthHeaders(headerStrings(input.header));
  const req: WireRequest = { method: op.wire.method, url: joinUrl('', path, restParams(query)), headers };
  if (input.body !== undefined) {
    req.body = JSON.stringify(input.body);
    if (!Object.keys(headers).some((k) => k.toLowerCase() === 'content-type')) headers['Content-Type'] = op.requestBody?.contentType ?? 'application/json';
  }
  return req;
}

function absolute(req: WireRequest, baseUrl: string): WireRequest {
  return { ...req, url: baseUrl.replace(/\/+$/, '') + req.url };
}

export function buildHuaweiAksk(op: Operation, input: CaseInput, cred: HuaweiCredentials | undefined, ctx: WireContext): WireRequest {
  const req = absolute(restParts(op, input), ctx.baseUrl);
  if (ctx.auth === 'none') return req;
  if (!cred?.ak || !cred.sk) throw new MissingCredentialsError('Huawei Cloud AK/SK', 'HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK');
  const sk = ctx.auth === 'wrong-secret' ? wrongSecret(cred.sk) : cred.sk;
  const added = signHuawei(req, { ak: cred.ak, sk }, { date: ctx.date });
  if (ctx.auth === 'tampered') added.Authorization = tamperAuthorization(added.Authorization);
  return { ...req, headers: { ...req.headers, ...added } };
}

export function buildHuaweiToken(op: Operation, input: CaseInput, cred: HuaweiCredentials | undefined, ctx: WireContext): WireRequest {
  const req = absolute(restParts(op, input), ctx.baseUrl);
  if (ctx.auth === 'none') return req;
  if (!cred?.token) throw new MissingCredentialsError('Huawei Cloud IAM token', 'HUAWEICLOUD_SDK_TOKEN');
  const token = ctx.auth === 'wrong-secret' ? wrongSecret(cred.token) : ctx.auth === 'tampered' ? tamperSignature(cred.token) : cred.token;
  return { ...req, headers: { ...req.headers, ...tokenHeaders(token) } };
}

export function buildJPush(op: Operation, input: CaseInput, cred: JPushCredentials | undefined, ctx: WireContext): WireRequest {
  const req = absolute(restParts(op, input), ctx.baseUrl);
  if (ctx.auth === 'none') return req;
  if (!cred) throw new MissingCredentialsError('JPush appKey/masterSecret', 'JPUSH_APP_KEY and JPUSH_MASTER_SECRET');
  const secret = ctx.auth === 'wrong-secret' ? wrongSecret(cred.masterSecret) : cred.masterSecret;
  let authorization = basicAuth(cred.appKey, secret);
  if (ctx.auth === 'tampered') authorization = `Basic ${tamperSignature(authorization.slice('Basic '.length))}`;
  return { ...req, headers: { ...req.headers, Authorization: authorization } };
}
