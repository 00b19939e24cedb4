/**
 * Turns a stream of case results into drift results: each case's checks become drift checks (known
 * deviations pass, new ones fail), and every deviation is kept for the baseline comparison. Pure.
 */
import type { CaseResult, Finding, RunSummary } from '../core/types.ts';
import { createSummaryBuilder, type SummaryMeta } from '../runner/summary.ts';
import type { ProviderSpec } from '../spec/model.ts';
import { baselineFindings, compareBaseline, type Baseline, type BaselineComparison } from './baseline.ts';
import { driftOfCase, withDriftChecks, type DriftOptions } from './findings.ts';
import type { DriftFinding } from './types.ts';

export interface DriftAccumulator {
  /** Classifies one case; returns the case with drift checks (what reports should show). */
  add(result: CaseResult): CaseResult;
  error(code: string, message: string): void;
  /** The summary with findings of kind 'drift' (baseline known / new / fixed) plus tool errors. */
  finish(meta: SummaryMeta, engineErrors?: RunSummary['errors']): { summary: RunSummary; comparison: BaselineComparison; drift: DriftFinding[]; latency: Record<string, number> };
}

export function createDriftAccumulator(specs: ProviderSpec[], baseline: Baseline | undefined, opts: Pick<DriftOptions, 'latencyTolerance'> & { classes?: ReadonlySet<string> } = {}): DriftAccumulator {
  const known = new Set((baseline?.entries ?? []).map((e) => e.fingerprint));
  const builder = createSummaryBuilder(specs.flatMap((s) => s.operations.map((o) => ({ provider: s.id, operationId: o.operationId }))));
  const drift: DriftFinding[] = [];
  const driftOpts: DriftOptions = { latency: baseline?.latency, latencyTolerance: opts.latencyTolerance };
  return {
    add(r) {
      const all = r.status === 'skipped' ? [] : driftOfCase(specs, r, driftOpts);
      // --checks / --exclude-checks over drift classes (src/drift/scope.ts)
      const d = opts.classes ? all.filter((x) => opts.classes!.has(x.class)) : all;
      drift.push(...d);
      const out = withDriftChecks(r, d, known);
      builder.add(out);
      return out;
    },
    error: (code, message) => builder.error(code, message),
    finish(meta, engineErrors) {
      const comparison = compareBaseline(drift, baseline);
      const built = builder.build(meta);
      const errors: Finding[] = built.findings.filter((f) => f.kind === 'error');
      const summary: RunSummary = {
        ...built,
        findings: [...baselineFindings(comparison), ...errors],
        errors: dedupeErrors([...built.errors, ...(engineErrors ?? [])]),
      };
      const latency: Record<string, number> = {};
      for (const o of built.operations) if (o.p95Ms !== null && o.p95Ms > 0) latency[`${o.provider}/${o.operationId}`] = Math.round(o.p95Ms);
      return { summary, comparison, drift, latency };
    },
  };
}

function dedupeErrors(errors: RunSummary['errors']): RunSummary['errors'] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const k = `${e.code}|${e.message}`;
    return seen.has(k) ? false : (seen.add(k), true);
  });
}
