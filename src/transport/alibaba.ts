/** Alibaba RPC on the wire: `/` with Action and Version, business parameters in the query string. Pure. */
import type { CaseInput, WireRequest } from '../core/types.ts';
import { signAcs3 } from '../signing/alibaba-v3.ts';
import { signAcsV1 } from '../signing/alibaba-v1.ts';
import type { AlibabaCredentials } from '../signing/credentials.ts';
import type { Operation } from '../spec/model.ts';
import { MissingCredentialsError, withoutAuthHeaders, type WireContext } from './context.ts';
import { alibabaParams, headerStrings, joinEncoded, joinUrl } from './serialize.ts';
import { canonicalQueryOfEncoded, encodePairs } from '../signing/percent.ts';
import { tamperAuthorization, tamperSignature, wrongSecret } from './tamper.ts';

function signingCredentials(cred: AlibabaCredentials | undefined, ctx: WireContext): AlibabaCredentials {
  if (!cred) throw new MissingCredentialsError('Alibaba Cloud AccessKey', 'ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET');
  return ctx.auth === 'wrong-secret' ? { ...cred, accessKeySecret: wrongSecret(cred.accessKeySecret) } : cred;
}

/**
 * Host and pathname of `joinUrl(baseUrl, path, pairs)`: the query never changes them, so they are parsed once
 * per base URL and path instead of once per request.
 */
const parsedBases = new Map<string, { host: string; pathname: string }>();
function hostAndPath(baseUrl: string, path: string): { host: string; pathname: string } {
  const key = `${baseUrl}\n${path}`;
  let hp = parsedBases.get(key);
  if (!hp) {
    const { host, pathname } = new URL(joinUrl(baseUrl, path, []));
    if (parsedBases.size >= 256) parsedBases.clear();
    parsedBases.set(key, (hp = { host, pathname }));
  }
  return hp;
}

const NO_HEADERS: Record<string, string> = Object.freeze({}) as Record<string, string>;

/** Signature V3: business parameters in the query, x-acs-* headers and `Authorization: ACS3-HMAC-SHA256 ...`. */
export function buildAcs3(op: Operation, input: CaseInput, cred: AlibabaCredentials | undefined, ctx: WireContext): WireRequest {
  const rpc = op.wire.rpc!;
  const method = op.wire.method;
  const pairs = alibabaParams(input.query);
  // Encoded once: the URL's query (in the given order) and the signature's canonical query (sorted) share it.
  const encoded = encodePairs(pairs);
  const url = joinEncoded(ctx.baseUrl, rpc.path, encoded);
  const { host, pathname } = hostAndPath(ctx.baseUrl, rpc.path);
  const extra = input.header === undefined ? NO_HEADERS : withoutAuthHeaders(headerStrings(input.header));
  if (ctx.auth === 'none') {
    return { method, url, headers: { ...extra, host, 'x-acs-action': rpc.action, 'x-acs-version': rpc.version } };
  }
  const signed = signAcs3(
    { method, host, path: pathname, action: rpc.action, version: rpc.version, query: pairs, canonicalQuery: canonicalQueryOfEncoded(encoded), headers: extra },
    signingCredentials(cred, ctx),
    { date: ctx.date, nonce: ctx.nonce },
  );
  if (ctx.auth === 'tampered') signed.authorization = tamperAuthorization(signed.authorization);
  return { method, url, headers: extra === NO_HEADERS ? signed : { ...extra, ...signed } };
}

/** Signature V1: Action, Version, Format=JSON, the signature parameters and Signature, all in the query. */
export function buildAcsV1(op: Operation, input: CaseInput, cred: AlibabaCredentials | undefined, ctx: WireContext): WireRequest {
  const rpc = op.wire.rpc!;
  const method = op.wire.method;
  const params: Record<string, string> = { Action: rpc.action, Version: rpc.version, Format: 'JSON', ...Object.fromEntries(alibabaParams(input.query)) };
  const headers = withoutAuthHeaders(headerStrings(input.header));
  if (ctx.auth === 'none') return { method, url: joinUrl(ctx.baseUrl, rpc.path, Object.entries(params)), headers };
  const signed = signAcsV1(method, params, signingCredentials(cred, ctx), { date: ctx.date, nonce: ctx.nonce });
  if (ctx.auth === 'tampered') signed.Signature = tamperSignature(signed.Signature);
  return { method, url: joinUrl(ctx.baseUrl, rpc.path, Object.entries(signed)), headers };
}
