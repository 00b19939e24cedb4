import type { TestCase } from '../core/types.ts';
import type { Operation, ProviderId, ProviderSpec } from '../spec/model.ts';
import { flowsFor } from './flows/index.ts';
import type { FlowCase } from './flows/types.ts';
import { operationDrafts, type Draft } from './operation.ts';
import { phonesIn } from './phones.ts';
import { createRng, hashSeed } from './prng.ts';
import { registerSecret } from '../core/redact.ts';

export type { FlowCase, FlowStep, FlowContext } from './flows/types.ts';

export interface CaseCount {
  provider: ProviderId;
  operationId: string;
  /** Cases derived before bounding. */
  generated: number;
  /** Cases kept (at most maxPerOperation). */
  kept: number;
}

export interface GenerateOptions {
  seed: number;
  /** Upper bound of cases per operation (examples are always kept first). Default 60. */
  maxPerOperation?: number;
  providers?: ProviderId[];
}

export interface GeneratedCases {
  cases: TestCase[];
  flows: FlowCase[];
  counts: CaseCount[];
}

export const DEFAULT_MAX_PER_OPERATION = 60;

/** The cases of one operation (bounded to `maxPerOperation`, examples first); deterministic per seed. */
export function operationCases(spec: ProviderSpec, op: Operation, seed: number, maxPerOperation = DEFAULT_MAX_PER_OPERATION): { cases: TestCase[]; count: CaseCount } {
  const max = maxPerOperation;
  const cases: TestCase[] = [];
  const rng = createRng(hashSeed(seed, `${spec.id}/${op.operationId}`));
  const drafts = operationDrafts(op, rng);
  // Ids are given over every draft, before bounding: a case keeps its id whatever --max-per-operation,
  // shard or filter leaves in the run (see README "Case ids").
  const ids = draftIds(spec.id, op.operationId, drafts);
  let kept = drafts;
  if (drafts.length > max) {
    const examples = drafts.filter((d) => d.kind === 'example').slice(0, max);
    const rest = drafts.filter((d) => d.kind !== 'example');
    const chosen = new Set(rng.shuffle(rest).slice(0, max - examples.length));
    kept = [...examples, ...rest.filter((d) => chosen.has(d))];
  }
  for (const d of kept) {
    const id = ids.get(d)!;
    // Documented examples may carry real-looking numbers: every number a case sends is redacted in output.
    for (const p of phonesIn(d.input)) registerSecret(p, 'phone');
    cases.push(caseOf(d, id, spec.id, op.operationId, op.cost !== 'free'));
  }
  return { cases, count: { provider: spec.id, operationId: op.operationId, generated: drafts.length, kept: kept.length } };
}

/** `<provider>/<operationId>/<slug>`, the n-th draft with the same slug (n >= 2) suffixed `-n`, in draft order. */
function draftIds(provider: ProviderId, operationId: string, drafts: Draft[]): Map<Draft, string> {
  const ids = new Map<Draft, string>();
  const seen = new Map<string, number>();
  for (const d of drafts) {
    const base = `${provider}/${operationId}/${d.slug}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    ids.set(d, n > 1 ? `${base}-${n}` : base);
  }
  return ids;
}

/**
 * `{ ...draft without slug, id, provider, operationId, auth, billed }`, same keys in the same order, without
 * an object rest (a slow runtime copy in V8) and a spread per case.
 */
function caseOf(d: Draft, id: string, provider: ProviderId, operationId: string, billed: boolean): TestCase {
  const c: Record<string, unknown> = {};
  for (const k in d) if (k !== 'slug') c[k] = d[k as keyof Draft];
  c.id = id;
  c.provider = provider;
  c.operationId = operationId;
  c.auth = d.auth ?? 'valid';
  c.billed = billed;
  return c as unknown as TestCase;
}

/** The cross-operation flows of one provider; deterministic per seed. */
export function providerFlows(spec: ProviderSpec, seed: number): FlowCase[] {
  return flowsFor(spec, createRng(hashSeed(seed, `${spec.id}/flows`)));
}

/** Derives every case of every operation (and the cross-operation flows) from the specs; deterministic per seed. */
export function generateCases(specs: ProviderSpec[], options: GenerateOptions): GeneratedCases {
  const cases: TestCase[] = [];
  const counts: CaseCount[] = [];
  const flows: FlowCase[] = [];
  for (const spec of specs) {
    if (options.providers && !options.providers.includes(spec.id)) continue;
    for (const op of spec.operations) {
      const one = operationCases(spec, op, options.seed, options.maxPerOperation);
      for (const c of one.cases) cases.push(c);
      counts.push(one.count);
    }
    flows.push(...providerFlows(spec, options.seed));
  }
  return { cases, flows, counts };
}
