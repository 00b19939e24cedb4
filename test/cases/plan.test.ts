import { describe, expect, it } from 'vitest';
import { generateCases } from '../../src/cases/index.ts';
import { planCases, planGiven } from '../../src/cases/plan.ts';
import { allArmedCases } from '../../src/cases/coverage-cases.ts';
import type { TestCase } from '../../src/core/types.ts';
import { inShard } from '../../src/runner/shard.ts';
import { loadSpecs } from '../../src/spec/load.ts';

const specs = await loadSpecs('specs');
const flat = (batches: Iterable<TestCase[]>) => [...batches].flat();
const byProvider = (items: Array<{ provider: string }>) => {
  const m = new Map<string, number>(specs.map((s) => [s.id, 0]));
  for (const i of items) m.set(i.provider, m.get(i.provider)! + 1);
  return m;
};

describe('planCases', () => {
  // keepUpTo 0: every batch is regenerated while the run goes; Infinity: the first pass is kept.
  const table = [
    { given: { seed: 1, keepUpTo: 0 } },
    { given: { seed: 1, keepUpTo: Infinity } },
    { given: { seed: 7, keepUpTo: 0, maxPerOperation: 5 } },
    { given: { seed: 3, keepUpTo: 0, shard: { index: 2, total: 3 } } },
    { given: { seed: 3, keepUpTo: 40, shard: { index: 1, total: 4 } } },
    { given: { seed: 9, keepUpTo: 0, shard: { index: 4, total: 4 }, maxPerOperation: 3 } },
  ];
  it.each(table)('$given: the same cases, flows, totals and counts as generateCases + inShard', ({ given }) => {
    const want = generateCases(specs, { seed: given.seed, maxPerOperation: given.maxPerOperation });
    const wantCases = inShard(want.cases, given.shard);
    const wantFlows = inShard(want.flows, given.shard);
    const plan = planCases(specs, given);
    expect(flat(plan.batches())).toEqual(wantCases);
    // a second pass over a regenerated plan yields the same cases again
    expect(flat(plan.batches())).toEqual(wantCases);
    expect(plan.cases).toBe(wantCases.length);
    expect(plan.flows.map((f) => f.id)).toEqual(wantFlows.map((f) => f.id));
    expect(plan.counts).toEqual(want.counts);
    expect(plan.totals).toEqual(byProvider([...wantCases, ...wantFlows]));
    const violated = [...new Set(wantCases.filter((c) => c.violates).map((c) => `${c.provider}/${c.operationId} ${c.violates!.keyword} ${c.violates!.pointer}`))];
    expect(plan.violations.map((c) => `${c.provider}/${c.operationId} ${c.violates!.keyword} ${c.violates!.pointer}`)).toEqual(violated);
  });

  it('planGiven shards the given cases and flows as given', () => {
    const given = generateCases(specs, { seed: 2 });
    const plan = planGiven(specs, given, { index: 1, total: 2 });
    expect(flat(plan.batches())).toEqual(inShard(given.cases, { index: 1, total: 2 }));
    expect(plan.flows).toEqual(inShard(given.flows, { index: 1, total: 2 }));
    expect(plan.cases).toBe(inShard(given.cases, { index: 1, total: 2 }).length);
  });
});

describe('planCases with armed coverage cases (a target that arms: the mock)', () => {
  const ARMED = /\/answer-\d{3}-/;
  it('each operation\'s cases are followed by its armed cases; without `armed` there are none', () => {
    const plain = flat(planCases(specs, { seed: 1 }).batches());
    const armed = flat(planCases(specs, { seed: 1, armed: true }).batches());
    expect(plain.some((c) => ARMED.test(c.id))).toBe(false);
    expect(armed.filter((c) => !ARMED.test(c.id))).toEqual(plain);
    const want = allArmedCases(specs, 1);
    expect(armed.filter((c) => ARMED.test(c.id)).map((c) => c.id)).toEqual(want.map((c) => c.id));
    // never bounded: --max-per-operation 1 keeps every armed case
    expect(flat(planCases(specs, { seed: 1, armed: true, maxPerOperation: 1 }).batches()).filter((c) => ARMED.test(c.id)).length).toBe(want.length);
  });

  const shards = [{ total: 2 }, { total: 3 }, { total: 5 }];
  it.each(shards)('are dealt into $total shards like every other case: the shards partition the unsharded plan', ({ total }) => {
    const whole = flat(planCases(specs, { seed: 4, armed: true, keepUpTo: 0 }).batches()).map((c) => c.id);
    const parts = Array.from({ length: total }, (_, i) => flat(planCases(specs, { seed: 4, armed: true, keepUpTo: 0, shard: { index: i + 1, total } }).batches()).map((c) => c.id));
    expect(parts.flat().sort()).toEqual([...whole].sort());
    expect(new Set(parts.flat()).size).toBe(whole.length);
    expect(parts.every((p) => p.some((id) => ARMED.test(id)))).toBe(true);
    expect(inShard(whole, { index: 2, total })).toEqual(parts[1]);
  });
});
