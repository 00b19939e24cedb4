/**
 * From case results to drift findings, and drift checks back onto case results (so JUnit and the
 * HTML show known deviations as passing and new ones as failures). Pure.
 */
import type { CaseResult, CheckResult, Exchange } from '../core/types.ts';
import { redactText } from '../core/redact.ts';
import type { ProviderSpec } from '../spec/model.ts';
import { fingerprint } from './baseline.ts';
import { classify } from './classify.ts';
import type { DriftFinding } from './types.ts';

export interface DriftOptions {
  /** Typical latency per "<provider>/<operationId>" (from the baseline file). */
  latency?: Record<string, number>;
  /** Multiplier over the typical latency before a latency regression is reported (default 3). */
  latencyTolerance?: number;
  /** A latency regression must also be this much slower than the typical latency (default 500 ms). */
  latencyMinExcessMs?: number;
}

export const DEFAULT_LATENCY_TOLERANCE = 3;
export const DEFAULT_LATENCY_MIN_EXCESS_MS = 500;

/** Drift deviations of one exchange (none when the operation is not in the specs). */
export function driftOfExchange(specs: ProviderSpec[], ex: Exchange, opts: DriftOptions = {}): DriftFinding[] {
  const spec = specs.find((s) => s.id === ex.provider);
  const op = spec?.operations.find((o) => o.operationId === ex.operationId);
  if (!spec || !op) return [];
  const devs = classify(op, ex, {
    codeField: spec.codeField,
    latencyBaselineMs: opts.latency?.[`${ex.provider}/${ex.operationId}`],
    latencyTolerance: opts.latencyTolerance ?? DEFAULT_LATENCY_TOLERANCE,
    latencyMinExcessMs: opts.latencyMinExcessMs ?? DEFAULT_LATENCY_MIN_EXCESS_MS,
  });
  return devs.map((d) => ({ ...d, message: redactText(d.message), provider: ex.provider, operationId: ex.operationId, caseId: ex.caseId }));
}

/** Drift of every exchange of a case, one finding per fingerprint. */
export function driftOfCase(specs: ProviderSpec[], r: Pick<CaseResult, 'exchanges' | 'caseId'>, opts: DriftOptions = {}): DriftFinding[] {
  const seen = new Set<string>();
  const out: DriftFinding[] = [];
  for (const ex of r.exchanges) {
    for (const d of driftOfExchange(specs, { ...ex, caseId: ex.caseId ?? r.caseId }, opts)) {
      const fp = fingerprint(d);
      if (!seen.has(fp)) (seen.add(fp), out.push(d));
    }
  }
  return out;
}

/**
 * Drift check results for a case: one per drift class, failing when it holds a deviation that is not
 * in `known` (fingerprints), passing with a "known:" message otherwise; a single pass when no drift.
 */
export function driftChecks(drift: DriftFinding[], known: Set<string> | undefined): CheckResult[] {
  if (drift.length === 0) return [{ check: 'drift', status: 'pass', kind: 'drift' }];
  const byClass = new Map<string, DriftFinding[]>();
  for (const d of drift) byClass.set(d.class, [...(byClass.get(d.class) ?? []), d]);
  return [...byClass].map(([cls, ds]): CheckResult => {
    const fresh = ds.filter((d) => !known?.has(fingerprint(d)));
    const label = (d: DriftFinding) => `${known?.has(fingerprint(d)) ? 'known' : 'new'}: ${d.message}`;
    return {
      check: `drift:${cls}`, status: fresh.length ? 'fail' : 'pass', kind: 'drift', driftClass: cls,
      message: ds.map(label).join('; '), details: ds.map((d) => fingerprint(d)),
    };
  });
}

/** The case with its checks replaced by drift checks; failed only when it shows new drift. */
export function withDriftChecks(r: CaseResult, drift: DriftFinding[], known: Set<string> | undefined): CaseResult {
  if (r.status === 'skipped') return r;
  const checks = driftChecks(drift, known);
  return { ...r, checks, status: checks.some((c) => c.status === 'fail') ? 'failed' : 'passed' };
}
