/** Per-operation aggregates (counts, latency percentiles) built from case results. Pure. */
import type { CaseResult, OperationStats } from '../core/types.ts';
import type { ProviderId } from '../spec/model.ts';

/** Nearest-rank percentile of a list of numbers; null for an empty list. */
export function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1];
}

interface Acc {
  provider: ProviderId;
  operationId: string;
  cases: number;
  passed: number;
  failed: number;
  skipped: number;
  latencies: number[];
}

/** Accumulates OperationStats; latency is the duration of each answered exchange of the operation. */
export function createStats() {
  const byOp = new Map<string, Acc>();
  const get = (provider: ProviderId, operationId: string): Acc => {
    const k = `${provider}/${operationId}`;
    let a = byOp.get(k);
    if (!a) byOp.set(k, (a = { provider, operationId, cases: 0, passed: 0, failed: 0, skipped: 0, latencies: [] }));
    return a;
  };
  return {
    add(r: CaseResult): void {
      const a = get(r.provider, r.operationId);
      a.cases++;
      a[r.status]++;
      for (const ex of r.exchanges) {
        if (ex.response) get(ex.provider, ex.operationId).latencies.push(ex.response.durationMs);
      }
    },
    result(): OperationStats[] {
      return [...byOp.values()].map((a) => ({
        provider: a.provider,
        operationId: a.operationId,
        cases: a.cases,
        passed: a.passed,
        failed: a.failed,
        skipped: a.skipped,
        p50Ms: percentile(a.latencies, 50),
        p95Ms: percentile(a.latencies, 95),
      }));
    },
  };
}
