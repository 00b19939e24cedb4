/** "What changed since the last run": a pure comparison of two run summaries. */
import type { Coverage, Finding, OperationStats, RunSummary } from '../core/types.ts';

export type OpResult = 'failed' | 'passed' | 'skipped' | 'not-run';

export interface OperationChange {
  provider: string;
  operationId: string;
  before: OpResult;
  after: OpResult;
}

export interface CoverageChange {
  name: keyof Coverage;
  before: number;
  after: number;
}

export interface Changes {
  previousStartedAt: string;
  totals: { before: RunSummary['totals']; after: RunSummary['totals'] };
  operations: OperationChange[];
  newFindings: Finding[];
  fixedFindings: Finding[];
  coverage: CoverageChange[];
}

/** The worst result of an operation's cases: any failure wins, then passes, then skips. */
export function opResult(s: Pick<OperationStats, 'failed' | 'passed' | 'skipped'> | undefined): OpResult {
  if (!s) return 'not-run';
  if (s.failed > 0) return 'failed';
  if (s.passed > 0) return 'passed';
  if (s.skipped > 0) return 'skipped';
  return 'not-run';
}

export function percent(covered: number, total: number): number {
  return total === 0 ? 100 : Math.round((covered / total) * 1000) / 10;
}

/** Findings are the same across runs when provider, operation, check, case and drift class match. */
const findingKey = (f: Finding) => [f.provider, f.operationId, f.check, f.caseId ?? '', f.driftClass ?? ''].join('\u0000');

export function diffSummaries(previous: RunSummary, current: RunSummary): Changes {
  const prevOps = new Map((previous.operations ?? []).map((o) => [`${o.provider}/${o.operationId}`, o]));
  const curOps = new Map((current.operations ?? []).map((o) => [`${o.provider}/${o.operationId}`, o]));
  const operations: OperationChange[] = [];
  for (const [key, { provider, operationId }] of new Map([...prevOps, ...curOps])) {
    const before = opResult(prevOps.get(key));
    const after = opResult(curOps.get(key));
    if (before !== after) operations.push({ provider, operationId, before, after });
  }
  const prevF = new Set((previous.findings ?? []).map(findingKey));
  const curF = new Set((current.findings ?? []).map(findingKey));
  const coverage: CoverageChange[] = [];
  if (previous.coverage && current.coverage) {
    for (const name of ['operations', 'statusCodes', 'errorCodes', 'constraints'] as const) {
      const b = previous.coverage[name];
      const a = current.coverage[name];
      if (!a || !b) continue;
      const before = percent(b.covered, b.total);
      const after = percent(a.covered, a.total);
      if (before !== after) coverage.push({ name, before, after });
    }
  }
  return {
    previousStartedAt: previous.startedAt,
    totals: { before: previous.totals, after: current.totals },
    operations,
    newFindings: (current.findings ?? []).filter((f) => !prevF.has(findingKey(f))),
    fixedFindings: (previous.findings ?? []).filter((f) => !curF.has(findingKey(f))),
    coverage,
  };
}
