/**
 * What the proxy does with each observed exchange, off the app's response path: match it to its operation,
 * run the same checks as `verikit run`, classify drift against the baseline, and keep bounded aggregates
 * for the reports. Pure (no I/O): `src/proxy/recorder.ts` writes the files.
 */
import { runChecks } from '../checks/index.ts';
import type { ResponseValidator } from '../checks/types.ts';
import type { CaseResult, Exchange, Finding, RunSummary, TestCase } from '../core/types.ts';
import { baselineFindings, compareBaseline, fingerprint, type Baseline } from '../drift/baseline.ts';
import { driftChecks, driftOfCase } from '../drift/findings.ts';
import type { DriftFinding } from '../drift/types.ts';
import { redactText } from '../core/redact.ts';
import { createCoverage } from '../reports/coverage.ts';
import { createSummaryBuilder } from '../runner/summary.ts';
import type { Operation, ProviderSpec } from '../spec/model.ts';

/** Distinct findings (contract) and deviations (drift) kept for the summary; more are counted, not kept. */
export const MAX_DISTINCT_FINDINGS = 5000;

export interface ObserveOptions {
  specs: ProviderSpec[];
  validator(op: Operation): ResponseValidator;
  baseline?: Baseline;
  latencyBudgetMs: number;
  latencyTolerance?: number;
}

export interface Observer {
  /** Checks one exchange whose operation is known; returns the case result (unredacted) for the writers. */
  check(ex: Exchange, spec: ProviderSpec, op: Operation): CaseResult;
  /** Counts a tool-side event (unmatched request, rejected signature, a crash in the checks). */
  note(code: string, message: string): void;
  summary(meta: { startedAt: string; durationMs: number; interrupted: boolean; providers: RunSummary['providers'] }): RunSummary;
}

/** The TestCase an observed exchange stands for: nothing was generated, so no outcome is expected. */
export function observedCase(ex: Exchange, op: Operation): TestCase {
  return {
    id: ex.caseId, provider: ex.provider, operationId: op.operationId, kind: 'positive', title: `observed ${op.operationId}`,
    input: {}, auth: 'valid', expect: { outcome: 'success' }, billed: op.cost !== 'free',
  };
}

export function createObserver(opts: ObserveOptions): Observer {
  const { specs } = opts;
  const builder = createSummaryBuilder(specs.flatMap((s) => s.operations.map((o) => ({ provider: s.id, operationId: o.operationId }))));
  const coverage = createCoverage(specs, []);
  const known = new Set((opts.baseline?.entries ?? []).map((e) => e.fingerprint));
  const drift = new Map<string, DriftFinding>();
  const findingKeys = new Set<string>();
  const observedOps = new Set<string>();
  const notes = new Map<string, { count: number; first: string }>();
  let dropped = 0;
  const firstTime = (key: string): boolean => {
    if (findingKeys.has(key)) return false;
    if (findingKeys.size >= MAX_DISTINCT_FINDINGS) return (dropped++, false);
    findingKeys.add(key);
    return true;
  };
  return {
    check(ex, spec, op) {
      const tc = observedCase(ex, op);
      const contract = runChecks({ spec, operation: op, testCase: tc, exchange: ex, validate: opts.validator(op), options: { latencyBudgetMs: opts.latencyBudgetMs } });
      const devs = driftOfCase(specs, { caseId: ex.caseId, exchanges: [ex] }, { latency: opts.baseline?.latency, latencyTolerance: opts.latencyTolerance });
      for (const d of devs) {
        const fp = fingerprint(d);
        if (!drift.has(fp) && (drift.size < MAX_DISTINCT_FINDINGS || (dropped++, false))) drift.set(fp, d);
      }
      const checks = [...contract, ...driftChecks(devs, known)];
      const r: CaseResult = {
        caseId: ex.caseId, provider: ex.provider, operationId: op.operationId, kind: 'positive', title: tc.title,
        status: checks.some((c) => c.status === 'fail') ? 'failed' : 'passed', checks, exchanges: [ex], durationMs: Math.round(ex.response?.durationMs ?? 0),
      };
      observedOps.add(`${ex.provider}/${op.operationId}`);
      coverage.add(r);
      // The summary gets each distinct contract finding once (drift findings come from the baseline comparison).
      builder.add({ ...r, checks: contract.filter((c) => c.status !== 'fail' || firstTime(`${r.provider}|${r.operationId}|${c.check}|${c.message ?? ''}`)) });
      return r;
    },
    note(code, message) {
      const n = notes.get(code);
      if (n) n.count++;
      else notes.set(code, { count: 1, first: redactText(message) });
    },
    summary(meta) {
      const built = builder.build({
        target: 'proxy', startedAt: meta.startedAt, durationMs: meta.durationMs, seed: 0, gitCommit: null, interrupted: meta.interrupted,
        version: '0.1.0', providers: meta.providers, coverage: coverage.result(), latencyBudgetMs: opts.latencyBudgetMs,
      });
      const cmp = compareBaseline([...drift.values()], opts.baseline);
      // A baseline entry is "fixed" only when its operation was observed (traffic may simply not have exercised it).
      cmp.fixed = cmp.fixed.filter((e) => observedOps.has(`${e.provider}/${e.operationId}`));
      const findings: Finding[] = [...built.findings.filter((f) => f.kind !== 'drift'), ...baselineFindings(cmp)];
      const errors = [...built.errors];
      for (const [code, n] of notes) errors.push({ code, message: n.count === 1 ? n.first : `${n.count} times; first: ${n.first}` });
      if (dropped > 0) errors.push({ code: 'VK_PROXY_FINDINGS_CAPPED', message: `${dropped} further distinct finding(s) beyond ${MAX_DISTINCT_FINDINGS} were counted but not kept` });
      return { ...built, findings, errors };
    },
  };
}
