/**
 * Request-rate quotas: the real providers throttle callers above a quota they do not publish, so the
 * mock has none until one is set (`POST /__verikit/quota {operationId?, limit, windowMs?, scope?}`).
 * Beyond `limit` requests in any `windowMs` (mock clock), the provider answers its own throttling code:
 * a natural trigger (the traffic exceeds the quota), not an armed answer. `scope` user: per credential
 * (Alibaba Throttling.User); api: every caller of the operation together (Throttling.Api).
 */
export type QuotaScope = 'user' | 'api';

export interface Quota {
  /** Only this operation; every operation of the provider when absent. */
  operationId?: string;
  limit: number;
  windowMs: number;
  scope: QuotaScope;
}

const KEYS = ['operationId', 'limit', 'windowMs', 'scope'];
const MAX_LIMIT = 1_000_000;
const MAX_WINDOW_MS = 86_400_000;
const MAX_KEYS = 10_000;

/** Validates an untrusted quota (control plane); an error message or the quota. */
export function parseQuota(input: unknown, operationIds: readonly string[]): Quota | string {
  if (!input || typeof input !== 'object' || Array.isArray(input)) return 'quota must be a JSON object {operationId?, limit, windowMs?, scope?}';
  const q = input as Record<string, unknown>;
  for (const k of Object.keys(q)) if (!KEYS.includes(k)) return `unknown key "${k.slice(0, 64)}" (a quota takes ${KEYS.join(', ')})`;
  if (q.operationId !== undefined && (typeof q.operationId !== 'string' || !operationIds.includes(q.operationId))) return `operationId must be one of ${operationIds.join(', ')}`;
  if (!Number.isInteger(q.limit) || (q.limit as number) < 1 || (q.limit as number) > MAX_LIMIT) return `limit must be an integer 1..${MAX_LIMIT}`;
  if (q.windowMs !== undefined && (!Number.isInteger(q.windowMs) || (q.windowMs as number) < 1 || (q.windowMs as number) > MAX_WINDOW_MS)) return `windowMs must be an integer 1..${MAX_WINDOW_MS}`;
  if (q.scope !== undefined && q.scope !== 'user' && q.scope !== 'api') return 'scope must be "user" or "api"';
  return { ...(q.operationId !== undefined ? { operationId: q.operationId as string } : {}), limit: q.limit as number, windowMs: (q.windowMs as number | undefined) ?? 1000, scope: (q.scope as QuotaScope | undefined) ?? 'user' };
}

/** The quotas of one provider and the recent requests they count (a sliding window per key). */
export class QuotaStore {
  private quotas: Quota[] = [];
  private recent = new Map<string, number[]>();

  get size(): number {
    return this.quotas.length;
  }

  set(quota: Quota): void {
    this.quotas = this.quotas.filter((q) => q.operationId !== quota.operationId || q.scope !== quota.scope);
    this.quotas.push(quota);
  }

  list(): Quota[] {
    return this.quotas.map((q) => ({ ...q }));
  }

  clear(): number {
    const n = this.quotas.length;
    this.quotas = [];
    this.recent.clear();
    return n;
  }

  /**
   * Counts a request of `principal` to `operationId` at `now`; returns the scope of the quota it exceeds
   * (the request is then refused and not counted), or undefined when it is within every quota.
   */
  exceeded(operationId: string, principal: string, now: number): QuotaScope | undefined {
    const hits: string[] = [];
    for (const q of this.quotas) {
      if (q.operationId !== undefined && q.operationId !== operationId) continue;
      const key = `${q.scope}\n${q.operationId ?? '*'}\n${q.scope === 'user' ? principal : ''}\n${q.limit}\n${q.windowMs}`;
      const times = (this.recent.get(key) ?? []).filter((t) => now - t < q.windowMs);
      this.recent.set(key, times);
      if (times.length >= q.limit) return q.scope;
      hits.push(key);
    }
    for (const key of hits) this.recent.get(key)!.push(now);
    if (this.recent.size > MAX_KEYS) this.recent.delete(this.recent.keys().next().value!);
    return undefined;
  }
}
