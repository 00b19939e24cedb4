/**
 * `runDrift`: the engine's run with drift classification and the baseline applied. Programmatic API
 * behind `verikit drift`; reports are written by the caller through `onResult` + the summary.
 */
import type { CaseResult, RunSummary } from '../core/types.ts';
import { runConformance, type RunOptions } from '../runner/run.ts';
import type { Baseline, BaselineComparison } from './baseline.ts';
import { createDriftAccumulator } from './accumulate.ts';
import type { DriftFinding } from './types.ts';

export interface DriftRunOptions extends RunOptions {
  baseline?: Baseline;
  /** Multiplier over the baseline's typical latency before a latency regression is reported (default 3). */
  latencyTolerance?: number;
  /** Only these drift classes are reported (default all). */
  driftClasses?: ReadonlySet<string>;
}

export interface DriftRunOutcome {
  summary: RunSummary;
  comparison: BaselineComparison;
  /** Every deviation seen (one per case and fingerprint). */
  drift: DriftFinding[];
  /** p95 latency per "<provider>/<operationId>" of this run (what --update-baseline records). */
  latency: Record<string, number>;
}

export async function runDrift(opts: DriftRunOptions): Promise<DriftRunOutcome> {
  const selected = opts.providers?.length ? opts.specs.filter((s) => opts.providers!.includes(s.id)) : opts.specs;
  const acc = createDriftAccumulator(selected, opts.baseline, { latencyTolerance: opts.latencyTolerance, classes: opts.driftClasses });
  const onResult = (r: CaseResult) => {
    const out = acc.add(r);
    opts.onResult?.(out);
  };
  // drift is what the target answers on its own: nothing is armed
  const { summary: engine } = await runConformance({ ...opts, armed: opts.armed ?? false, latencyBudgetMs: 0, onResult });
  const { summary, comparison, drift, latency } = acc.finish(
    { target: engine.target, startedAt: engine.startedAt, durationMs: engine.durationMs, seed: engine.seed, gitCommit: engine.gitCommit, interrupted: engine.interrupted, version: engine.version, providers: engine.providers, coverage: engine.coverage },
    engine.errors,
  );
  if (opts.filters) summary.filters = opts.filters;
  return { summary, comparison, drift, latency };
}
