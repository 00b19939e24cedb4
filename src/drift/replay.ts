/**
 * Replay: re-runs every check on recorded exchanges, offline. Pure (the validator factory is injected).
 *
 * Single cases run the engine's check registry exactly as `executeCase` does, with the recorded
 * (redacted) TestCase. Flow steps (case ids `<flow id>#<step>`) are regrouped into their flow and get
 * the contract checks plus `flow-step-outcome`, the step definition being looked up by flow id.
 */
import { runChecks } from '../checks/index.ts';
import { flowStepOutcome } from '../checks/flow-step-outcome.ts';
import type { Check, ResponseValidator } from '../checks/types.ts';
import { flowsFor } from '../cases/flows/index.ts';
import type { FlowCase } from '../cases/flows/types.ts';
import { createRng, hashSeed } from '../cases/prng.ts';
import type { CaseResult, CheckResult, Finding, TestCase } from '../core/types.ts';
import type { Operation, ProviderSpec } from '../spec/model.ts';
import type { ExchangeRecord } from './ndjson.ts';

export interface ReplayOptions {
  specs: ProviderSpec[];
  validator(op: Operation): ResponseValidator;
  latencyBudgetMs: number;
  /** Seed of the recorded run (flow definitions are looked up with it). */
  seed?: number;
  /** The checks to re-run (default all); flowStepOutcome false leaves flows' flow-step-outcome out. */
  checks?: readonly Check[];
  flowStepOutcome?: boolean;
}

export interface ReplayOutput {
  results: CaseResult[];
  /** Exchanges whose provider or operation is not in the specs (e.g. an operation removed since). */
  unknown: Array<{ caseId: string; provider: string; operationId: string }>;
}

const statusOf = (checks: CheckResult[]) => (checks.some((c) => c.status === 'fail') ? 'failed' : 'passed');

function flowIndex(specs: ProviderSpec[], seed: number): Map<string, FlowCase> {
  const out = new Map<string, FlowCase>();
  for (const spec of specs) {
    let flows: FlowCase[] = [];
    try {
      flows = flowsFor(spec, createRng(hashSeed(seed, `${spec.id}/flows`)));
    } catch {
      flows = [];
    }
    for (const f of flows) out.set(f.id, f);
  }
  return out;
}

function splitStep(caseId: string): { base: string; step?: number } {
  const m = /^(.*)#(\d+)$/.exec(caseId);
  return m ? { base: m[1], step: Number(m[2]) } : { base: caseId };
}

export function replay(records: ExchangeRecord[], opts: ReplayOptions): ReplayOutput {
  const flows = flowIndex(opts.specs, opts.seed ?? 0);
  const unknown: ReplayOutput['unknown'] = [];
  const groups = new Map<string, ExchangeRecord[]>();
  for (const r of records) {
    const { base, step } = splitStep(r.caseId);
    const key = step !== undefined && (flows.has(base) || r.testCase?.kind === 'flow' || base.includes('/flow/')) ? base : r.caseId;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const results: CaseResult[] = [];
  for (const [id, recs] of groups) {
    const first = recs[0];
    const isFlow = id !== first.caseId;
    const checks: CheckResult[] = [];
    let known = 0;
    for (const rec of recs) {
      const spec = opts.specs.find((s) => s.id === rec.provider);
      const op = spec?.operations.find((o) => o.operationId === rec.operationId);
      if (!spec || !op) {
        unknown.push({ caseId: rec.caseId, provider: rec.provider, operationId: rec.operationId });
        continue;
      }
      known++;
      const { testCase: recorded, ...exchange } = rec;
      const tc: TestCase = recorded ?? {
        id: rec.caseId, provider: spec.id, operationId: op.operationId, kind: isFlow ? 'flow' : 'positive', title: rec.caseId,
        input: {}, auth: 'valid', expect: { outcome: 'success' }, billed: op.cost !== 'free',
      };
      const cs = runChecks({ spec, operation: op, testCase: tc, exchange, validate: opts.validator(op), options: { latencyBudgetMs: opts.latencyBudgetMs } }, opts.checks);
      if (!isFlow) {
        checks.push(...cs);
        continue;
      }
      const n = splitStep(rec.caseId).step!;
      const step = flows.get(id)?.steps[n - 1];
      if (step?.do === 'call' && opts.flowStepOutcome !== false) cs.push(flowStepOutcome(spec, op, exchange.response, step));
      checks.push(...cs.map((c) => (c.status === 'fail' ? { ...c, message: `step ${n} (${op.operationId}): ${c.message}` } : c)));
    }
    if (known === 0) continue;
    const flow = isFlow ? flows.get(id) : undefined;
    const exchanges = recs.map(({ testCase: _t, ...ex }) => ex);
    results.push({
      caseId: id,
      provider: first.provider,
      operationId: flow?.operationId ?? (isFlow ? first.operationId : first.testCase?.operationId ?? first.operationId),
      kind: isFlow ? 'flow' : first.testCase?.kind ?? 'positive',
      title: flow?.title ?? first.testCase?.title ?? id,
      status: statusOf(checks),
      checks,
      exchanges,
      durationMs: Math.round(exchanges.reduce((a, e) => a + (e.response?.durationMs ?? 0), 0)),
      ...(!isFlow && first.testCase && { testCase: first.testCase }),
    });
  }
  return { results, unknown };
}

/** Findings of two runs compared by case, check, kind and drift class (messages may differ in detail). */
export interface FindingsComparison {
  same: number;
  onlyRecorded: Finding[];
  onlyReplayed: Finding[];
}

const findingKey = (f: Finding) => `${f.caseId ?? ''}|${f.check}|${f.kind}|${f.driftClass ?? ''}|${f.baseline ?? ''}`;

export function compareFindings(recorded: Finding[], replayed: Finding[]): FindingsComparison {
  const count = (fs: Finding[]) => {
    const m = new Map<string, Finding[]>();
    for (const f of fs) m.set(findingKey(f), [...(m.get(findingKey(f)) ?? []), f]);
    return m;
  };
  const [a, b] = [count(recorded), count(replayed)];
  let same = 0;
  const onlyRecorded: Finding[] = [];
  const onlyReplayed: Finding[] = [];
  for (const [k, fs] of a) {
    const n = Math.min(fs.length, b.get(k)?.length ?? 0);
    same += n;
    onlyRecorded.push(...fs.slice(n));
  }
  for (const [k, fs] of b) onlyReplayed.push(...fs.slice(Math.min(fs.length, a.get(k)?.length ?? 0)));
  return { same, onlyRecorded, onlyReplayed };
}
