/** Filters, case selection, stable ids, listing and the reproduction command: pure parts, table-driven. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createAjv } from '../../src/spec/ajv.ts';
import { generateCases, operationCases } from '../../src/cases/index.ts';
import { planCases } from '../../src/cases/plan.ts';
import { parseConfig } from '../../src/config/load.ts';
import { UsageError } from '../../src/core/errors.ts';
import type { TestCase } from '../../src/core/types.ts';
import { scopeBaseline } from '../../src/drift/scope.ts';
import type { Baseline } from '../../src/drift/baseline.ts';
import { closestIds, resolveCaseIds } from '../../src/runner/case-ids.ts';
import { describeFilters, parseCheckNames, parseOperations, planSelection, printable, RUN_CHECK_NAMES, selectChecks, splitList } from '../../src/runner/filters.ts';
import { listedCases, listLine } from '../../src/runner/list.ts';
import { reproArgs, reproCommand, shellQuote } from '../../src/runner/repro.ts';
import { loadSpecs } from '../../src/spec/load.ts';

const specs = await loadSpecs('specs');
const P = 'alibaba-dypnsapi-intl';
const flat = (b: Iterable<TestCase[]>) => [...b].flat();
const idsOf = (plan: ReturnType<typeof planCases>) => [...plan.flows.map((f) => f.id), ...flat(plan.batches()).map((c) => c.id)];

function usage(fn: () => unknown): UsageError {
  try {
    fn();
  } catch (err) {
    if (err instanceof UsageError) return err;
    throw err;
  }
  throw new Error('no UsageError thrown');
}

describe('parseOperations', () => {
  const table = [
    { given: ['CheckVerification'], want: [`${P}/CheckVerification`] },
    { given: [`${P}/CheckVerification`], want: [`${P}/CheckVerification`] },
    { given: ['CheckVerification,SearchVerification', 'CheckVerification'], want: [`${P}/CheckVerification`, `${P}/SearchVerification`] },
  ];
  it.each(table)('$given -> $want', ({ given, want }) => expect(parseOperations(given, specs)).toEqual(want));

  it('an unknown operation is a usage error listing the valid ones', () => {
    const e = usage(() => parseOperations(['CheckVerificaton'], specs));
    expect(e.exitCode).toBe(2);
    expect(e.message).toContain('CheckVerificaton');
    expect(e.fix).toContain(`${P}/CheckVerification`);
    expect(usage(() => parseOperations(['huawei-osm/CheckVerification'], specs)).message).toContain('huawei-osm/CheckVerification');
  });
});

describe('check names', () => {
  it('splits repeatable, comma-separated values', () => expect(splitList(['a, b', 'c', 'a', ''])).toEqual(['a', 'b', 'c']));
  it('an unknown check is a usage error listing the valid ones', () => {
    const e = usage(() => parseCheckNames(['status-code-documented,nope'], RUN_CHECK_NAMES, '--checks'));
    expect(e.message).toContain('"nope"');
    for (const n of RUN_CHECK_NAMES) expect(e.fix).toContain(n);
  });
  const table = [
    { given: { checks: ['auth-enforced'], exclude: [] as string[] }, want: ['auth-enforced'], flow: false },
    { given: { checks: [] as string[], exclude: ['response-time-within-budget', 'flow-step-outcome'] }, want: RUN_CHECK_NAMES.filter((n) => n !== 'response-time-within-budget' && n !== 'flow-step-outcome'), flow: false },
    { given: { checks: ['flow-step-outcome', 'response-received'], exclude: ['response-received'] }, want: [], flow: true },
  ];
  it.each(table)('selectChecks $given', ({ given, want, flow }) => {
    const got = selectChecks(given.checks, given.exclude);
    expect(got.checks.map((c) => c.name)).toEqual(want);
    expect(got.flowStepOutcome).toBe(flow);
  });
  it('summary records only the filters that applied, in the shape schemas/summary.schema.json gives', () => {
    expect(describeFilters({ operations: [], checks: [], shard: { index: 1, total: 1 } })).toBeUndefined();
    const f = describeFilters({ operations: ['a/b'], excludeChecks: ['x'], cases: ['a/b/c'], shard: { index: 2, total: 3 } });
    expect(f).toEqual({ operations: ['a/b'], excludeChecks: ['x'], cases: ['a/b/c'], shard: '2/3' });
    const schema = JSON.parse(readFileSync('schemas/summary.schema.json', 'utf8')) as { properties: { filters: object } };
    const validate = createAjv().compile(schema.properties.filters);
    expect(validate(f)).toBe(true);
    expect(validate({ shard: 'two of three' })).toBe(false);
    expect(validate({ operation: ['a/b'] })).toBe(false);
  });
  it('config keys operations, checks, excludeChecks', () => {
    expect(parseConfig({ operations: ['CheckVerification'], checks: ['auth-enforced'], excludeChecks: ['response-time-within-budget'] }, 'c.yaml')).toMatchObject({ operations: ['CheckVerification'] });
    expect(() => parseConfig({ checks: 'auth-enforced' }, 'c.yaml')).toThrow(/\/checks/);
  });
});

describe('case ids', () => {
  it('do not depend on --max-per-operation: a bounded run keeps a subset of the ids, each with the same case', () => {
    for (const spec of specs) {
      for (const op of spec.operations) {
        const all = new Map(operationCases(spec, op, 5, Infinity).cases.map((c) => [c.id, c]));
        expect(all.size).toBe(operationCases(spec, op, 5, Infinity).cases.length); // unique
        for (const c of operationCases(spec, op, 5, 3).cases) expect(all.get(c.id)).toEqual(c);
      }
    }
  });

  it('are the same in every shard and with every filter as in the whole run', () => {
    const whole = new Map(flat(planCases(specs, { seed: 4 }).batches()).map((c) => [c.id, c]));
    for (let i = 1; i <= 3; i++) for (const c of flat(planCases(specs, { seed: 4, shard: { index: i, total: 3 } }).batches())) expect(whole.get(c.id)).toEqual(c);
    const select = planSelection([`${P}/CheckVerification`], []);
    for (const c of flat(planCases(specs, { seed: 4, select }).batches())) expect(whole.get(c.id)).toEqual(c);
  });

  it('--case picks a case that bounding leaves out of a normal run, and only it', () => {
    const op = specs.find((s) => s.id === P)!.operations.find((o) => o.operationId === 'CheckVerification')!;
    const spec = specs.find((s) => s.id === P)!;
    const bounded = new Set(operationCases(spec, op, 2, 2).cases.map((c) => c.id));
    const out = operationCases(spec, op, 2, Infinity).cases.find((c) => !bounded.has(c.id))!;
    expect(out).toBeDefined();
    const plan = planCases(specs, { seed: 2, maxPerOperation: 2, select: planSelection([], [out.id, `${P}/flow/check-wrong-code`]) });
    expect(flat(plan.batches())).toEqual([out]);
    expect(plan.flows.map((f) => f.id)).toEqual([`${P}/flow/check-wrong-code`]);
  });

  it('an unknown id is a usage error naming the closest ids', () => {
    const e = usage(() => resolveCaseIds(specs, 1, [`${P}/CheckVerification/auth-nonee`]));
    expect(e.message).toContain(`${P}/CheckVerification/auth-none`);
    expect(resolveCaseIds(specs, 1, [`${P}/CheckVerification/auth-none`, 'huawei-osm/flow/check-wrong-code'])).toEqual([P, 'huawei-osm']);
    expect(closestIds('x/y/z', ['a/b/c', 'x/y/zz', 'x/q/z'], 1)).toEqual(['x/y/zz']);
  });
});

describe('armed coverage case ids (mock target)', () => {
  const armedId = `${P}/StartVerification/answer-200-RESOURCE_NOT_ENOUGH`;
  it('--case names an armed case on the mock target, and the plan runs it alone', () => {
    expect(resolveCaseIds(specs, 1, [armedId], true)).toEqual([P]);
    const plan = planCases(specs, { seed: 1, armed: true, select: planSelection([], [armedId]) });
    expect(flat(plan.batches()).map((c) => [c.id, c.answer?.code, c.answer?.via])).toEqual([[armedId, 'RESOURCE_NOT_ENOUGH', 'armed']]);
    expect(plan.flows).toEqual([]);
  });

  it('on a target that cannot arm (live, drift) an armed id is a usage error that says so', () => {
    const e = usage(() => resolveCaseIds(specs, 1, [armedId]));
    expect(e.message).toContain(armedId);
    expect(e.message).toMatch(/runs only in `verikit run` on the mock target/);
  });

  it('--operation keeps the operation\'s armed cases, and no other operation\'s', () => {
    const plan = planCases(specs, { seed: 1, armed: true, select: planSelection([`${P}/StartVerification`], []) });
    const ids = flat(plan.batches()).map((c) => c.id);
    expect(ids).toContain(armedId);
    expect(ids.every((id) => id.startsWith(`${P}/StartVerification/`))).toBe(true);
  });
});

describe('--list', () => {
  const shapes = [
    { name: 'whole run', given: { seed: 3 } },
    { name: 'an operation and a bound', given: { seed: 8, maxPerOperation: 4, select: planSelection(['huawei-osm/CheckVerifyCodes', `${P}/StartVerification`], []) } },
  ];
  it.each(shapes)('$name: the shards concatenated hold exactly the cases of the unsharded list (as sets, no duplicates)', ({ given }) => {
    const whole = idsOf(planCases(specs, given));
    for (const n of [2, 3, 5]) {
      const parts = Array.from({ length: n }, (_, i) => idsOf(planCases(specs, { ...given, shard: { index: i + 1, total: n } })));
      const joined = parts.flat();
      expect(new Set(joined).size).toBe(joined.length);
      expect([...joined].sort()).toEqual([...whole].sort());
    }
    expect(whole.length).toBeGreaterThan(0);
  });

  it('lists in run order (flows, then cases) with kind and what the case exercises', () => {
    const plan = planCases(specs, { seed: 1, select: planSelection([`${P}/CheckVerification`], []) });
    const listed = [...listedCases(plan)];
    expect(listed.map((l) => l.caseId)).toEqual(idsOf(plan));
    const neg = listed.find((l) => l.kind === 'negative')!;
    expect(listLine(neg)).toMatch(new RegExp(`^${neg.caseId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\tnegative\tCheckVerification: .*violates `));
    expect(listLine({ ...neg, caseId: 'a\u001b[31mb', exercises: 'x\ny' })).toBe('a\\x1b[31mb\tnegative\tx\\x0ay');
    expect(printable('ok \u202e')).toBe('ok \\u202e');
  });
});

describe('reproduction command', () => {
  const table = [
    { given: 'plain-word/1', want: 'plain-word/1' },
    { given: "it's", want: `'it'\\''s'` },
    { given: 'a b;$(rm -rf /)`x`', want: "'a b;$(rm -rf /)`x`'" },
    { given: 'esc\u001b[2J', want: "$'esc\\x1b[2J'" },
    { given: "nl\n'", want: "$'nl\\x0a\\''" },
  ];
  it.each(table)('shellQuote($given)', ({ given, want }) => expect(shellQuote(given)).toBe(want));

  it('names target, case, seed, the case provider\'s base URL (without user:password) and filters; never cost-guard flags', () => {
    const ctx = { target: 'live' as const, seed: 9, baseUrls: { [P]: 'http://user:s3cret@127.0.0.1:4100', 'huawei-osm': 'http://127.0.0.1:4102' }, checks: ['auth-enforced'], latencyBudgetMs: 5000, timeoutMs: 2000 };
    expect(reproArgs(ctx, `${P}/CheckVerification/auth-none`)).toEqual(['run', '--target', 'live', '--base-url', `${P}=http://127.0.0.1:4100`, '--case', `${P}/CheckVerification/auth-none`, '--seed', '9', '--checks', 'auth-enforced', '--timeout', '2000']);
    const cmd = reproCommand(ctx, `${P}/flow/it's`);
    expect(cmd).toBe(`npx verikit run --target live --base-url ${P}=http://127.0.0.1:4100 --case '${P}/flow/it'\\''s' --seed 9 --checks auth-enforced --timeout 2000`);
    expect(cmd).not.toContain('s3cret');
    expect(reproCommand({ target: 'mock', seed: 1, baseUrls: ctx.baseUrls, latencyBudgetMs: 0 }, 'huawei-osm/flow/x')).toBe('npx verikit run --target mock --case huawei-osm/flow/x --seed 1 --latency-budget 0');
    expect(reproCommand({ target: 'mock', seed: 1, maxBodyBytes: 65536 }, 'huawei-osm/flow/x')).toBe('npx verikit run --target mock --case huawei-osm/flow/x --seed 1');
    expect(reproCommand({ target: 'mock', seed: 1, maxBodyBytes: 1048576 }, 'huawei-osm/flow/x')).toBe('npx verikit run --target mock --case huawei-osm/flow/x --seed 1 --max-body 1048576');
  });
});

describe('drift scope', () => {
  it('a filtered drift run compares with the baseline entries inside its filters only', () => {
    const entry = (operationId: string, cls: string) => ({ fingerprint: `${P}/${operationId}/${cls}/x`, provider: P, operationId, class: cls, pointer: '/x', message: 'm', firstSeen: 't' });
    const b = { format: 'verikit-drift-baseline', version: 1, updatedAt: 't', entries: [entry('A', 'changed-type'), entry('B', 'changed-type'), entry('A', 'not-json')] } as unknown as Baseline;
    expect(scopeBaseline(b, { operations: [] })).toBe(b);
    expect(scopeBaseline(b, { operations: [`${P}/A`] })!.entries.map((e) => `${e.operationId} ${e.class}`)).toEqual(['A changed-type', 'A not-json']);
    expect(scopeBaseline(b, { operations: [], classes: new Set(['not-json']) })!.entries.map((e) => `${e.operationId} ${e.class}`)).toEqual(['A not-json']);
  });
});

it('generateCases still yields unique ids per seed', () => {
  const ids = generateCases(specs, { seed: 11 }).cases.map((c) => c.id);
  expect(new Set(ids).size).toBe(ids.length);
});
