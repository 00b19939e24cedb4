/** Accumulates CaseResults into a RunSummary without keeping the results themselves. Pure. */
import { redactText } from '../core/redact.ts';
import type { CaseResult, Coverage, Finding, OperationStats, RunSummary } from '../core/types.ts';
import type { ProviderId } from '../spec/model.ts';

export interface SummaryMeta {
  target: RunSummary['target'];
  startedAt: string;
  durationMs: number;
  seed: number;
  gitCommit: string | null;
  interrupted: boolean;
  version: string;
  providers: RunSummary['providers'];
  coverage: Coverage;
  latencyBudgetMs?: number;
  specsDigest?: string;
  shard?: { index: number; total: number };
}

export interface SummaryBuilder {
  add(result: CaseResult): void;
  /** Tool failures that are not the provider's fault. */
  error(code: string, message: string): void;
  findings(): readonly Finding[];
  build(meta: SummaryMeta): RunSummary;
}

function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export function createSummaryBuilder(operations: Array<{ provider: ProviderId; operationId: string }>): SummaryBuilder {
  type Stats = OperationStats & { durations: number[] };
  // provider -> operationId -> stats: the result's own id strings are the keys (no key string per result)
  const byProvider = new Map<string, Map<string, Stats>>();
  const all: Stats[] = [];
  const statsOf = (provider: ProviderId, operationId: string): Stats => {
    let ops = byProvider.get(provider);
    if (!ops) byProvider.set(provider, (ops = new Map()));
    let s = ops.get(operationId);
    if (!s) {
      ops.set(operationId, (s = { provider, operationId, cases: 0, passed: 0, failed: 0, skipped: 0, p50Ms: null, p95Ms: null, durations: [] }));
      all.push(s);
    }
    return s;
  };
  for (const o of operations) statsOf(o.provider, o.operationId);
  const totals = { cases: 0, passed: 0, failed: 0, skipped: 0 };
  const findings: Finding[] = [];
  const errors: Array<{ code: string; message: string }> = [];
  return {
    add(r) {
      const s = statsOf(r.provider, r.operationId);
      s.cases++;
      s[r.status]++;
      totals.cases++;
      totals[r.status]++;
      for (const e of r.exchanges) {
        if (e.response) s.durations.push(e.response.durationMs);
        if (e.error?.code === 'VK_TOOL') errors.push({ code: 'VK_TOOL', message: redactText(`${r.caseId}: ${e.error.message}`) });
      }
      for (const c of r.checks) {
        if (c.status !== 'fail') continue;
        const f: Finding = { provider: r.provider, operationId: r.operationId, caseId: r.caseId, check: c.check, kind: c.kind ?? 'contract', message: redactText(c.message ?? c.check) };
        if (c.driftClass) f.driftClass = c.driftClass;
        findings.push(f);
      }
    },
    error(code, message) {
      errors.push({ code, message: redactText(message) });
    },
    findings: () => findings,
    build(meta) {
      const ops: OperationStats[] = all.map(({ durations, ...s }) => {
        const sorted = durations.sort((a, b) => a - b);
        return { ...s, p50Ms: percentile(sorted, 50), p95Ms: percentile(sorted, 95) };
      });
      return {
        tool: 'verikit', version: meta.version, target: meta.target, startedAt: meta.startedAt, durationMs: meta.durationMs, seed: meta.seed,
        ...(meta.latencyBudgetMs !== undefined ? { latencyBudgetMs: meta.latencyBudgetMs } : {}), gitCommit: meta.gitCommit,
        ...(meta.specsDigest !== undefined ? { specsDigest: meta.specsDigest } : {}), ...(meta.shard ? { shard: { ...meta.shard } } : {}), interrupted: meta.interrupted, totals: { ...totals }, providers: meta.providers, operations: ops,
        findings: [...findings], coverage: meta.coverage, errors: [...errors],
      };
    },
  };
}
