/**
 * The conformance engine: cases -> requests -> exchanges -> checks -> results, streamed to `onResult`
 * as they complete (nothing but aggregates is kept), then a RunSummary.
 */
import { getMaxListeners, setMaxListeners } from 'node:events';
import type { CaseCount, FlowCase, GeneratedCases } from '../cases/index.ts';
import { planCases, planGiven, type PlanSelection } from '../cases/plan.ts';
import type { Check } from '../checks/index.ts';
import type { CaseResult, RunFilters, RunSummary, TestCase } from '../core/types.ts';
import { createCoverage } from '../reports/coverage.ts';
import { specsDigest } from '../spec/digest.ts';
import type { ProviderId, ProviderSpec } from '../spec/model.ts';
import type { ExecContext } from './context.ts';
import { createCostGuard, type CostGuardOptions } from './cost-guard.ts';
import { parseAllowNumbers, pickNumber } from '../cases/allow-numbers.ts';
import { executeCase, executeFlow } from './execute.ts';
import { createPools, MAX_BODY_BYTES } from './http.ts';
import { createRateLimiter, forEachBounded, forEachPulled, type RateLimiter } from './rate-limit.ts';
import { DEFAULT_RETRY, type RetryPolicy } from './retry.ts';
import type { Shard } from './shard.ts';
import { coveredSpecs } from './filters.ts';
import { createSummaryBuilder } from './summary.ts';
import type { Target } from './targets/types.ts';
import { validatorCache } from './validators.ts';

export interface Progress {
  provider: ProviderId;
  done: number;
  total: number;
  failed: number;
  skipped: number;
}

export interface RunOptions {
  specs: ProviderSpec[];
  /** Default: every provider with a spec. */
  providers?: ProviderId[];
  target: Target;
  seed: number;
  maxPerOperation?: number;
  /** Cases to run instead of generating them from the specs (suites, tests). */
  generated?: GeneratedCases;
  /** Requests in flight at once (default 8). */
  concurrency?: number;
  /** Per-request timeout (default 10 s). */
  timeoutMs?: number;
  /** Bytes of a response body kept (default 64 KiB); a body over it is cut and reported. */
  maxBodyBytes?: number;
  /** response-time-within-budget (default 5000 ms; 0 = off). */
  latencyBudgetMs?: number;
  /** Per-provider request starts per second (default: unlimited on mocks, 5 live). */
  ratePerSecond?: number;
  retry?: RetryPolicy;
  costGuard: CostGuardOptions;
  shard?: Shard;
  /** --operation / --case (src/runner/filters.ts), applied before sharding. */
  select?: PlanSelection;
  /** The checks to run (default all); flowStepOutcome false leaves flows' flow-step-outcome out. */
  checks?: readonly Check[];
  flowStepOutcome?: boolean;
  /** Recorded in summary.json. */
  filters?: RunFilters;
  /** The command that re-runs a failed case (src/runner/repro.ts), set on failed results. */
  reproduce?(caseId: string): string;
  signal?: AbortSignal;
  onResult?(result: CaseResult): void;
  onProgress?(progress: Progress): void;
  /** Called once the cases are known, before the first request. */
  onPlan?(plan: { cases: number; flows: number }): void;
  gitCommit?: string | null;
  version?: string;
  /**
   * Plan the armed coverage cases (src/cases/coverage-cases.ts) with each operation's cases. Default: on
   * when the target can arm answers (the mock) and the cases are generated from the specs; drift: off.
   */
  armed?: boolean;
}

export interface RunOutcome {
  summary: RunSummary;
  counts: CaseCount[];
}

export async function runConformance(opts: RunOptions): Promise<RunOutcome> {
  const startedAt = new Date();
  const t0 = performance.now();
  const selected = opts.providers?.length ? opts.providers : opts.specs.map((s) => s.id);
  const specs = opts.specs.filter((s) => selected.includes(s.id));
  // Cases are generated (or regenerated) an operation at a time while the run goes: a big run never holds them all.
  const armed = opts.armed ?? (!opts.generated && !!opts.target.armAnswer);
  const plan = opts.generated ? planGiven(specs, opts.generated, opts.shard, opts.select) : planCases(specs, { seed: opts.seed, maxPerOperation: opts.maxPerOperation, shard: opts.shard, select: opts.select, armed });
  const flows = plan.flows;
  // Coverage is over the operations the filters kept (--operation, --case): a run of one operation is not
  // low coverage of the others. summary.filters says which applied.
  const coverage = createCoverage(coveredSpecs(specs, opts.select), []);
  coverage.plan(plan.violations);
  const summary = createSummaryBuilder(specs.flatMap((s) => s.operations.map((o) => ({ provider: s.id, operationId: o.operationId }))));
  const limiters = new Map<ProviderId, RateLimiter>();
  const rate = opts.ratePerSecond ?? (opts.target.kind === 'live' ? 5 : undefined);
  const concurrency = opts.concurrency ?? 8;
  const pools = createPools(concurrency);
  // Every request in flight listens to the run's signal: that many listeners beyond node's warning threshold
  // (10, left for the caller's own) is the concurrency at work, not a leak to warn about. 0 = no limit.
  const max = opts.signal ? getMaxListeners(opts.signal) : 0;
  if (max !== 0 && max < concurrency + 10) setMaxListeners(concurrency + 10, opts.signal!);
  const liveNumbers = opts.target.kind === 'live' ? parseAllowNumbers(opts.costGuard.allowNumbers) : [];
  let liveTurn = 0;
  const ctx: ExecContext = {
    specs: new Map(specs.map((s) => [s.id, s])),
    target: opts.target,
    pools,
    validator: validatorCache(),
    limiter: (p) => limiters.get(p) ?? limiters.set(p, createRateLimiter(rate)).get(p)!,
    guard: createCostGuard(opts.costGuard),
    timeoutMs: opts.timeoutMs ?? 10_000,
    maxBodyBytes: opts.maxBodyBytes ?? MAX_BODY_BYTES,
    latencyBudgetMs: opts.latencyBudgetMs ?? 5_000,
    retry: opts.retry ?? DEFAULT_RETRY,
    signal: opts.signal,
    liveNumbers,
    nextLiveNumber: (provider) => pickNumber(liveNumbers, provider, liveTurn++),
    checks: opts.checks,
    flowStepOutcome: opts.flowStepOutcome,
  };
  const progress = new Map<ProviderId, Progress>();
  for (const s of specs) progress.set(s.id, { provider: s.id, done: 0, total: plan.totals.get(s.id) ?? 0, failed: 0, skipped: 0 });
  const record = (r: CaseResult) => {
    if (r.status === 'failed' && opts.reproduce) r.reproduce = opts.reproduce(r.caseId);
    summary.add(r);
    coverage.add(r);
    const p = progress.get(r.provider)!;
    p.done++;
    if (r.status === 'failed') p.failed++;
    if (r.status === 'skipped') p.skipped++;
    // A sink that fails (a report, a pact) is a tool error; the case stays counted once.
    try {
      opts.onResult?.(r);
    } catch (err) {
      summary.error('VK_TOOL', `${r.caseId}: recording the result failed: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (opts.onProgress) opts.onProgress({ ...p });
  };
  const guarded = async (item: TestCase | FlowCase) => {
    let r: CaseResult;
    try {
      r = item.kind === 'flow' ? await executeFlow(ctx, item as FlowCase) : await executeCase(ctx, item as TestCase);
      // A request cut short by the interrupt is not the provider's fault.
      if (opts.signal?.aborted && r.exchanges.some((e) => e.error)) r = { ...r, status: 'skipped', skipReason: 'interrupted', checks: [] };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      summary.error('VK_TOOL', `${item.id}: ${message}`);
      r = { caseId: item.id, provider: item.provider, operationId: item.operationId, kind: item.kind, title: item.title, status: 'failed', checks: [{ check: 'case-executed', status: 'fail', kind: 'error', message: `verikit failed to run the case: ${message}` }], exchanges: [], durationMs: 0 };
    }
    // recorded outside the try: whatever fails while recording, a case is counted once
    record(r);
  };
  opts.onPlan?.({ cases: plan.cases, flows: flows.length });
  try {
    // Flows first, on fresh per-number state; flows that move a provider's clock run alone, after the others,
    // so no other flow sees its codes expire.
    // (a flow that sets a request-rate quota runs alone too: other requests must not count against it)
    const clockless = flows.filter((f) => !f.requires.includes('advance-clock') && !f.requires.includes('set-quota'));
    // Live flows share the allow-listed numbers (and a person answering prompts): one at a time.
    await forEachBounded(clockless, opts.target.kind === 'live' ? 1 : concurrency, guarded, opts.signal);
    await forEachBounded(flows.filter((f) => !clockless.includes(f)), 1, guarded, opts.signal);
    await forEachPulled(casesOf(plan.batches()), concurrency, guarded, opts.signal);
  } finally {
    await pools.close();
  }
  const providers: RunSummary['providers'] = specs.map((s) => {
    const reason = opts.target.providers[s.id]?.skipReason;
    return reason ? { provider: s.id, status: 'skipped', reason } : { provider: s.id, status: 'ran' };
  });
  const built = summary.build({
      target: opts.target.kind, startedAt: startedAt.toISOString(), durationMs: Math.round(performance.now() - t0), seed: opts.seed,
      gitCommit: opts.gitCommit ?? null, interrupted: !!opts.signal?.aborted, version: opts.version ?? '0.1.0', providers, coverage: coverage.result(),
      latencyBudgetMs: opts.latencyBudgetMs ?? 5_000, specsDigest: specsDigest(specs), shard: opts.shard,
  });
  if (opts.filters) built.filters = opts.filters;
  return { counts: plan.counts, summary: built };
}

function* casesOf(batches: Iterable<TestCase[]>): Generator<TestCase> {
  for (const batch of batches) yield* batch;
}
