/** buildRequest: a case's logical input -> the exact signed request the provider expects. Pure but for the default clock and nonce. */
import { randomUUID } from 'node:crypto';
import type { AuthMode, CaseInput, WireRequest } from '../core/types.ts';
import type { Credentials } from '../signing/credentials.ts';
import type { AuthKind, Operation } from '../spec/model.ts';
import { buildAcs3, buildAcsV1 } from './alibaba.ts';
import { UnsupportedAuthError, type WireContext } from './context.ts';
import { buildHuaweiAksk, buildHuaweiToken, buildJPush, restParts } from './rest.ts';

export interface BuildOptions {
  /** Scheme and authority (and an optional path prefix) the operation's wire path is appended to. */
  baseUrl: string;
  credentials: Credentials;
  auth: AuthMode;
  /** Scheme to sign with; defaults to the operation's first. */
  authKind?: AuthKind;
  now?: () => Date;
  nonce?: () => string;
}

export function buildRequest(op: Operation, input: CaseInput, opts: BuildOptions): WireRequest {
  const kind = opts.authKind ?? op.auth[0];
  const ctx: WireContext = {
    baseUrl: opts.baseUrl,
    auth: opts.auth,
    date: (opts.now ?? (() => new Date()))(),
    nonce: (opts.nonce ?? randomUUID)(),
  };
  const c = opts.credentials;
  if (op.wire.rpc) {
    if (kind === 'acs3-hmac-sha256') return buildAcs3(op, input, c.alibaba, ctx);
    if (kind === 'acs-hmac-sha1') return buildAcsV1(op, input, c.alibaba, ctx);
    throw new UnsupportedAuthError(op.operationId, String(kind));
  }
  switch (kind) {
    case 'huawei-sdk-hmac-sha256':
      return buildHuaweiAksk(op, input, c.huawei, ctx);
    case 'huawei-token':
      return buildHuaweiToken(op, input, c.huawei, ctx);
    case 'jpush-basic':
      return buildJPush(op, input, c.jpush, ctx);
    case undefined: {
      const req = restParts(op, input);
      return { ...req, url: opts.baseUrl.replace(/\/+$/, '') + req.url };
    }
    default:
      throw new UnsupportedAuthError(op.operationId, kind);
  }
}
