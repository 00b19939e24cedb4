/** One request with its answer, signed, rate limited, retried when allowed: an Exchange, never a throw. */
import { codeOf } from '../checks/outcome.ts';
import type { CaseInput, Exchange, TestCase, TransportError, WireRequest, WireResponse } from '../core/types.ts';
import { VerikitError } from '../core/errors.ts';
import { buildRequest } from '../transport/build.ts';
import type { Operation, ProviderSpec } from '../spec/model.ts';
import { chooseAuthKind, type ExecContext } from './context.ts';
import { send } from './http.ts';
import type { ProviderTarget } from './targets/types.ts';
import { backoffMs, shouldRetry } from './retry.ts';

/** `new Date().toISOString()`, made once per millisecond (a run starts many exchanges in the same one). */
let lastMs = -1;
let lastIso = '';
function isoNow(): string {
  const ms = Date.now();
  if (ms !== lastMs) {
    lastMs = ms;
    lastIso = new Date(ms).toISOString();
  }
  return lastIso;
}

/** The exchange, keys always in this order: caseId, provider, operationId, startedAt, request, then response or error. */
function exchangeOf(caseId: string, spec: ProviderSpec, op: Operation, startedAt: string, request: WireRequest, response: WireResponse | undefined, error: TransportError | undefined): Exchange {
  return response
    ? { caseId, provider: spec.id, operationId: op.operationId, startedAt, request, response }
    : { caseId, provider: spec.id, operationId: op.operationId, startedAt, request, error };
}

/** The signed request (a module function, not a closure per exchange: under tsx each named closure costs a __name() call). */
function build(ctx: ExecContext, op: Operation, input: CaseInput, auth: TestCase['auth'], pt: ProviderTarget): WireRequest {
  return buildRequest(op, input, { baseUrl: pt.baseUrl, credentials: pt.credentials, auth, authKind: chooseAuthKind(op, pt.credentials), now: ctx.now });
}

export async function exchangeFor(ctx: ExecContext, spec: ProviderSpec, op: Operation, caseId: string, input: CaseInput, auth: TestCase['auth'], billed: boolean): Promise<Exchange> {
  const pt = ctx.target.providers[spec.id]!;
  const startedAt = isoNow();
  let request: WireRequest;
  try {
    request = build(ctx, op, input, auth, pt);
  } catch (err) {
    const message = err instanceof VerikitError ? `${err.code}: ${err.message}` : err instanceof Error ? err.message : String(err);
    return exchangeOf(caseId, spec, op, startedAt, { method: op.wire.method, url: pt.baseUrl, headers: {} }, undefined, { code: 'VK_TOOL', message: `cannot build the request: ${message}` });
  }
  const limiter = ctx.limiter(spec.id);
  for (let attempt = 1; ; attempt++) {
    const wait = limiter.acquire(ctx.signal);
    if (wait) await wait;
    const r = await send(ctx.pools, request, ctx.timeoutMs, ctx.signal, ctx.maxBodyBytes);
    // Only a request that may be retried needs its answer's code (a throttling code is retryable).
    const mayRetry = !billed && attempt <= ctx.retry.retries && !ctx.signal?.aborted;
    const code = mayRetry && r.response ? codeOf(spec, r.response.json) : undefined;
    if (!mayRetry || !shouldRetry(ctx.retry, attempt, billed, r.response, r.error, code)) {
      return exchangeOf(caseId, spec, op, startedAt, request, r.response, r.error);
    }
    await new Promise((res) => setTimeout(res, backoffMs(ctx.retry, attempt, r.response?.headers['retry-after'])));
    // Re-sign: a retried request needs a fresh nonce and date.
    request = build(ctx, op, input, auth, pt);
  }
}
