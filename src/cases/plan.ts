/**
 * The cases of a run without holding them all: a first pass generates every operation's cases once to
 * know the totals (per provider, for progress), the bounding counts and the constraints the cases
 * violate, and keeps the cases only while they are few; a big run regenerates them one operation at a
 * time while it goes (generation is deterministic per seed, so both passes yield the same cases).
 * Sharding picks every n-th case of the whole list, exactly as `inShard` on the full list would. On a
 * target that arms answers (the mock), each operation's armed coverage cases follow its generated ones
 * and are selected and sharded the same way (src/cases/coverage-cases.ts).
 */
import type { TestCase } from '../core/types.ts';
import type { DocumentedCode, Operation, ProviderId, ProviderSpec } from '../spec/model.ts';
import { armedCases, armedPairs } from './coverage-cases.ts';
import { operationCases, providerFlows, type CaseCount, type FlowCase, type GeneratedCases } from './index.ts';

export interface Shard {
  index: number;
  total: number;
}

export interface CasePlan {
  /** Cases (after sharding) per provider, and in all. */
  totals: Map<ProviderId, number>;
  cases: number;
  flows: FlowCase[];
  counts: CaseCount[];
  /** The distinct `violates` of the planned cases, in case order. */
  violations: Array<Pick<TestCase, 'provider' | 'operationId' | 'violates'>>;
  /** The cases in generation order, a batch (one operation's cases) at a time. */
  batches(): Iterable<TestCase[]>;
}

/**
 * Which cases a run keeps, applied before sharding (so the shards of a filtered run partition exactly
 * the cases of the unsharded filtered run). Case ids never depend on it.
 */
export interface PlanSelection {
  /** Operations whose cases are generated at all (default all); flows are kept by `item` alone. */
  operation?(provider: ProviderId, operationId: string): boolean;
  /** Cases and flows kept (default all). */
  item?(item: { id: string; provider: ProviderId; operationId: string; kind: string }): boolean;
  /** Every case of a selected operation, ignoring maxPerOperation (cases picked by id run even when bounding leaves them out). */
  unbounded?: boolean;
}

export interface PlanOptions {
  seed: number;
  maxPerOperation?: number;
  shard?: Shard;
  select?: PlanSelection;
  /**
   * The target can arm answers (the mock): each operation's cases are followed by its armed coverage
   * cases (src/cases/coverage-cases.ts), planned, listed, selected and sharded like the others.
   */
  armed?: boolean;
  /** Cases kept from the first pass; a bigger run is regenerated while it goes (default 10,000). */
  keepUpTo?: number;
}

export const DEFAULT_KEEP_UP_TO = 10_000;

const picks = (shard: Shard | undefined) => (i: number) => !shard || shard.total === 1 || i % shard.total === shard.index - 1;

function inShardOf<T>(items: readonly T[], shard: Shard | undefined): T[] {
  const pick = picks(shard);
  return items.filter((_, i) => pick(i));
}

/** Plans the cases of `specs` (generated from the specs, deterministic per seed). */
export function planCases(specs: ProviderSpec[], options: PlanOptions): CasePlan {
  const pick = picks(options.shard);
  const keepUpTo = options.keepUpTo ?? DEFAULT_KEEP_UP_TO;
  const totals = new Map<ProviderId, number>(specs.map((s) => [s.id, 0]));
  const counts: CaseCount[] = [];
  const violations = new Map<string, Pick<TestCase, 'provider' | 'operationId' | 'violates'>>();
  let kept: TestCase[][] | undefined = [];
  let index = 0;
  let cases = 0;
  for (const spec of specs) {
    const pairs = options.armed ? armedPairs(spec) : undefined;
    for (const op of spec.operations) {
      if (!operationSelected(options.select, spec.id, op.operationId)) continue;
      const one = operationCases(spec, op, options.seed, maxOf(options));
      counts.push(one.count);
      const batch: TestCase[] = [];
      for (const tc of withArmed(one.cases, spec, op, pairs, options.seed)) {
        if (!itemSelected(options.select, tc) || !pick(index++)) continue;
        batch.push(tc);
        if (tc.violates) {
          const key = `${tc.provider}/${tc.operationId} ${tc.violates.keyword} ${tc.violates.pointer}`;
          if (!violations.has(key)) violations.set(key, { provider: tc.provider, operationId: tc.operationId, violates: tc.violates });
        }
      }
      cases += batch.length;
      totals.set(spec.id, (totals.get(spec.id) ?? 0) + batch.length);
      if (kept && cases <= keepUpTo) kept.push(batch);
      else kept = undefined;
    }
  }
  const flows = inShardOf(selectedFlows(specs.flatMap((s) => providerFlows(s, options.seed)), options.select), options.shard);
  for (const f of flows) totals.set(f.provider, (totals.get(f.provider) ?? 0) + 1);
  const held = kept;
  return {
    totals, cases, flows, counts, violations: [...violations.values()],
    batches: () => held ?? regenerate(specs, options),
  };
}

function* regenerate(specs: ProviderSpec[], options: PlanOptions): Generator<TestCase[]> {
  const pick = picks(options.shard);
  let index = 0;
  for (const spec of specs) {
    const pairs = options.armed ? armedPairs(spec) : undefined;
    for (const op of spec.operations) {
      if (!operationSelected(options.select, spec.id, op.operationId)) continue;
      const cases = withArmed(operationCases(spec, op, options.seed, maxOf(options)).cases, spec, op, pairs, options.seed);
      const batch = cases.filter((tc) => itemSelected(options.select, tc) && pick(index++));
      if (batch.length) yield batch;
    }
  }
}

/** An operation's generated cases, then its armed coverage cases when the target arms (never bounded: they are what makes coverage whole). */
function withArmed(cases: TestCase[], spec: ProviderSpec, op: Operation, pairs: Map<string, DocumentedCode[]> | undefined, seed: number): TestCase[] {
  const armed = pairs ? armedCases(spec, op, pairs.get(op.operationId) ?? [], seed, cases) : [];
  return armed.length ? [...cases, ...armed] : cases;
}

const operationSelected = (sel: PlanSelection | undefined, provider: ProviderId, operationId: string) => !sel?.operation || sel.operation(provider, operationId);
const itemSelected = (sel: PlanSelection | undefined, item: { id: string; provider: ProviderId; operationId: string; kind: string }) => !sel?.item || sel.item(item);
const maxOf = (o: PlanOptions) => (o.select?.unbounded ? Infinity : o.maxPerOperation);

function selectedFlows(flows: FlowCase[], sel: PlanSelection | undefined): FlowCase[] {
  return sel ? flows.filter((f) => itemSelected(sel, f)) : flows;
}

/** A plan over cases given up front (suites, tests): selected, then sharded as given. */
export function planGiven(specs: ProviderSpec[], generated: GeneratedCases, shard?: Shard, select?: PlanSelection): CasePlan {
  const cases = inShardOf(generated.cases.filter((c) => itemSelected(select, c)), shard);
  const flows = inShardOf(selectedFlows(generated.flows, select), shard);
  const totals = new Map<ProviderId, number>(specs.map((s) => [s.id, 0]));
  for (const c of [...cases, ...flows]) totals.set(c.provider, (totals.get(c.provider) ?? 0) + 1);
  return { totals, cases: cases.length, flows, counts: generated.counts, violations: cases.filter((c) => c.violates), batches: () => [cases] };
}
