/** Retry policy: only throttling and 5xx, only on operations that do not send or bill. Pure. */
import type { TransportError, WireResponse } from '../core/types.ts';

const THROTTLE_CODE = /throttl|^1804$|^APIGW\.0308$|QPS/i;

export interface RetryPolicy {
  retries: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { retries: 2, baseDelayMs: 200, maxDelayMs: 5_000 };

export function isRetryable(res: WireResponse | undefined, error: TransportError | undefined, code: string | undefined): boolean {
  if (error) return false;
  if (!res) return false;
  return res.status === 429 || res.status >= 500 || (code !== undefined && THROTTLE_CODE.test(code));
}

/** Delay before attempt `attempt` (1-based): exponential, capped, honouring a numeric Retry-After. */
export function backoffMs(policy: RetryPolicy, attempt: number, retryAfter?: string): number {
  const ra = retryAfter !== undefined ? Number(retryAfter) : NaN;
  if (Number.isFinite(ra) && ra >= 0) return Math.min(policy.maxDelayMs, ra * 1000);
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
}

export function shouldRetry(policy: RetryPolicy, attempt: number, billed: boolean, res: WireResponse | undefined, error: TransportError | undefined, code: string | undefined): boolean {
  return !billed && attempt <= policy.retries && isRetryable(res, error, code);
}
