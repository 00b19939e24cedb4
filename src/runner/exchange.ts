/** One request with its answer, signed, rate limited, retried when allowed: an Exchange, never a throw. */
import { codeOf } from '../checks/outcome.ts';
import type { CaseInput, Exchange, TestCase } from '../core/types.ts';
import { VerikitError } from '../core/errors.ts';
import { buildRequest } from '../transport/build.ts';
import type { Operation, ProviderSpec } from '../spec/model.ts';
import { chooseAuthKind, type ExecContext } from './context.ts';
import { send } from './http.ts';
import { backoffMs, shouldRetry } from './retry.ts';

export async function exchangeFor(ctx: ExecContext, spec: ProviderSpec, op: Operation, caseId: string, input: CaseInput, auth: TestCase['auth'], billed: boolean): Promise<Exchange> {
  const pt = ctx.target.providers[spec.id]!;
  const startedAt = new Date().toISOString();
  const base = { caseId, provider: spec.id, operationId: op.operationId, startedAt };
  let request;
  try {
    request = buildRequest(op, input, { baseUrl: pt.baseUrl, credentials: pt.credentials, auth, authKind: chooseAuthKind(op, pt.credentials), now: ctx.now });
  } catch (err) {
    const message = err instanceof VerikitError ? `${err.code}: ${err.message}` : err instanceof Error ? err.message : String(err);
    return { ...base, request: { method: op.wire.method, url: pt.baseUrl, headers: {} }, error: { code: 'VK_TOOL', message: `cannot build the request: ${message}` } };
  }
  for (let attempt = 1; ; attempt++) {
    const wait = ctx.limiter(spec.id).acquire(ctx.signal);
    if (wait) await wait;
    const r = await send(ctx.pools, request, ctx.timeoutMs, ctx.signal);
    const code = r.response ? codeOf(spec, r.response.json) : undefined;
    if (!shouldRetry(ctx.retry, attempt, billed, r.response, r.error, code) || ctx.signal?.aborted) {
      // the same keys, in the same order, as { ...base, request, ...r } (send answers with exactly one of the two)
      return r.response ? { ...base, request, response: r.response } : { ...base, request, error: r.error };
    }
    await new Promise((res) => setTimeout(res, backoffMs(ctx.retry, attempt, r.response?.headers['retry-after'])));
    // Re-sign: a retried request needs a fresh nonce and date.
    request = buildRequest(op, input, { baseUrl: pt.baseUrl, credentials: pt.credentials, auth, authKind: chooseAuthKind(op, pt.credentials), now: ctx.now });
  }
}
