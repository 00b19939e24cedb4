/** Per-provider rate limit: at most `perSecond` request starts per second (evenly spaced). */
export interface RateLimiter {
  /** Resolves when the request may start; undefined when it may start now (no promise per request when unlimited). */
  acquire(signal?: AbortSignal): Promise<void> | undefined;
}

export function createRateLimiter(perSecond: number | undefined): RateLimiter {
  if (!perSecond || perSecond <= 0 || !Number.isFinite(perSecond)) return { acquire: () => undefined };
  const interval = 1000 / perSecond;
  let next = 0;
  return {
    acquire(signal) {
      const now = Date.now();
      const at = Math.max(now, next);
      next = at + interval;
      const wait = at - now;
      return wait > 0 && !signal?.aborted ? new Promise<void>((r) => setTimeout(r, wait)) : undefined;
    },
  };
}

/** Runs `fn` over items with at most `limit` in flight; stops starting new items once `signal` aborts. */
export async function forEachBounded<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>, signal?: AbortSignal): Promise<void> {
  let i = 0;
  const worker = async () => {
    while (i < items.length && !signal?.aborted) await fn(items[i++]);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}

/** Like forEachBounded over an iterable pulled as workers free up (items are produced only when needed). */
export async function forEachPulled<T>(items: Iterable<T>, limit: number, fn: (item: T) => Promise<void>, signal?: AbortSignal): Promise<void> {
  const it = items[Symbol.iterator]();
  let finished = false;
  const worker = async () => {
    while (!finished && !signal?.aborted) {
      const r = it.next();
      if (r.done) {
        finished = true;
        return;
      }
      await fn(r.value);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, limit) }, worker));
}
