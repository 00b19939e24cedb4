/**
 * The one operation the throughput benchmarks hammer, and a generator of fresh, validly signed requests
 * for it (a new nonce, timestamp and phone number each time, so the mock's replay and resend guards pass).
 */
import { request } from 'undici';
import type { WireRequest } from '../../src/core/types.ts';
import type { Operation, ProviderSpec } from '../../src/spec/model.ts';

export const BENCH_OP = { provider: 'alibaba-dypnsapi-intl', operationId: 'StartVerification' } as const;

type Build = (op: Operation, input: { query?: Record<string, unknown> }, opts: { baseUrl: string; credentials: unknown; auth: 'valid' }) => WireRequest;

export interface BenchOp {
  spec: ProviderSpec;
  op: Operation;
  /** A fresh signed request against baseUrl; the n-th call uses the n-th phone number. */
  request(baseUrl: string): WireRequest;
}

export async function loadBenchOp(root: string): Promise<BenchOp> {
  const { loadSpec } = await import(`${root}/src/spec/load.ts`);
  const { buildRequest } = (await import(`${root}/src/transport/index.ts`)) as { buildRequest: Build };
  const { TEST_CREDENTIALS } = await import(`${root}/src/signing/credentials.ts`);
  const spec = (await loadSpec(`${root}/specs/${BENCH_OP.provider}.yaml`)) as ProviderSpec;
  const op = spec.operations.find((o) => o.operationId === BENCH_OP.operationId);
  if (!op) throw new Error(`${BENCH_OP.provider} has no operation ${BENCH_OP.operationId}`);
  let n = 0;
  return {
    spec, op,
    request: (baseUrl) => buildRequest(op, { query: { Channel: 'SMS', To: `628${String(n++ % 1e10).padStart(10, '0')}`, ServiceSid: 'verikit-bench' } }, { baseUrl, credentials: TEST_CREDENTIALS, auth: 'valid' }),
  };
}

/** One answer of a server, as the bench compares them. */
export interface Answer { status: number; headers: Record<string, string>; body: string }

/** Headers node writes on its own (date, keep-alive) or from the body (length): not part of an answer to copy. */
const NODE_OWN = new Set(['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding']);

/**
 * The status and headers for bench/servers/bare.js (and the bare loop's in-process server) that make it
 * answer like `a`: everything `a` carried except what node adds by itself.
 */
export function answerMeta(a: Answer): { status: number; headers: Record<string, string> } {
  return { status: a.status, headers: Object.fromEntries(Object.entries(a.headers).filter(([k]) => !NODE_OWN.has(k.toLowerCase()))) };
}

/** One request through undici: the status, the headers (repeated ones joined by ", ") and the body. */
export async function answerOf(url: string, init: { method: string; headers: Record<string, string>; body?: string }): Promise<Answer> {
  const res = await request(url, { method: init.method as 'GET' | 'POST', headers: init.headers, body: init.body });
  const headers = Object.fromEntries(Object.entries(res.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : String(v)]));
  return { status: res.statusCode, headers, body: await res.body.text() };
}
