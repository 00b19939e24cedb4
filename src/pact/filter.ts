/**
 * The verifier's request filter: every request the Pact verifier replays is re-signed for real before it
 * reaches the provider. The pact holds only the logical request (business parameters, body, a redacted
 * auth header); the filter finds the operation, rebuilds the request with the transport's buildRequest and
 * the target's credentials (fresh date, nonce and signature), and rewrites the proxied request in place.
 */
import type { IncomingMessage } from 'node:http';
import type { CaseInput } from '../core/types.ts';
import type { Credentials } from '../signing/credentials.ts';
import type { AuthKind, Operation, ProviderSpec } from '../spec/model.ts';
import { chooseAuthKind } from '../runner/context.ts';
import { buildRequest } from '../transport/build.ts';
import { findOperation } from './compare.ts';
import { hasAuth } from './compare-request.ts';
import type { PactHttp } from './pactfile.ts';
import { SIGNING_QUERY } from './request.ts';

/** The parts of an express request the filter reads and rewrites. */
export type FilterRequest = IncomingMessage & { body?: unknown; originalUrl?: string };
type Next = (err?: unknown) => void;

const PACT_ROUTES = /^\/(_pactSetup|_messages)(\/|$|\?)/;

/** The request as the verifier sent it, in the pact's shape. */
export function incomingAsPact(req: FilterRequest): PactHttp {
  const url = new URL(req.url ?? '/', 'http://verifier.invalid');
  const query: Record<string, string[]> = {};
  for (const [k, v] of url.searchParams) (query[k] ??= []).push(v);
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  let body = req.body;
  if (Buffer.isBuffer(body)) body = body.length ? body.toString('utf8') : undefined;
  if (typeof body === 'string') {
    try { body = JSON.parse(body); } catch { /* keep text */ }
  }
  if (body && typeof body === 'object' && !Buffer.isBuffer(body) && Object.keys(body).length === 0 && !headers['content-type']) body = undefined;
  return { method: (req.method ?? 'GET').toUpperCase(), path: url.pathname, query, headers, body, contentType: headers['content-type'], generated: new Set() };
}

/** The case input a pact request stands for: business parameters only (pure). */
export function caseInputOf(op: Operation, req: PactHttp): CaseInput {
  const query: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(req.query)) {
    if (SIGNING_QUERY.has(k) || (op.wire.rpc && (k === 'Action' || k === 'Version'))) continue;
    query[k] = v.length === 1 ? v[0] : v;
  }
  const header: Record<string, string> = {};
  for (const p of op.parameters) {
    const v = req.headers[p.name.toLowerCase()];
    if (p.in === 'header' && v !== undefined && !['authorization', 'x-auth-token'].includes(p.name.toLowerCase())) header[p.name] = v;
  }
  const input: CaseInput = {};
  if (Object.keys(query).length) input.query = query;
  if (Object.keys(header).length) input.header = header;
  if (req.body !== undefined) input.body = req.body;
  return input;
}

/** The scheme the pact's request was signed with, when the credentials can produce it. */
export function authKindOf(op: Operation, req: PactHttp, credentials: Credentials): AuthKind | undefined {
  const chosen = chooseAuthKind(op, credentials);
  const sent = op.auth.find((k) => hasAuth(k, req));
  if (sent === 'huawei-token' && !credentials.huawei?.token) return chosen;
  if (sent === 'huawei-sdk-hmac-sha256' && !credentials.huawei?.ak) return chosen;
  return sent ?? chosen;
}

export interface FilterOptions {
  spec: ProviderSpec;
  baseUrl: string;
  credentials: Credentials;
}

export function signingFilter(opts: FilterOptions) {
  return (req: FilterRequest, _res: unknown, next: Next): void => {
    if (PACT_ROUTES.test(req.url ?? '')) return next();
    try {
      const pactReq = incomingAsPact(req);
      const op = findOperation(opts.spec, pactReq);
      if (!op) return next(); // unknown operation: forwarded as is, the provider answers it
      const wire = buildRequest(op, caseInputOf(op, pactReq), {
        baseUrl: opts.baseUrl,
        credentials: opts.credentials,
        auth: 'valid',
        authKind: authKindOf(op, pactReq, opts.credentials),
      });
      const url = new URL(wire.url);
      req.url = url.pathname + url.search;
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(wire.headers)) headers[k.toLowerCase()] = v;
      headers.host ??= url.host;
      if (wire.body !== undefined) headers['content-length'] = String(Buffer.byteLength(wire.body));
      req.headers = headers;
      req.body = wire.body === undefined ? undefined : Buffer.from(wire.body);
      next();
    } catch (err) {
      next(err);
    }
  };
}
