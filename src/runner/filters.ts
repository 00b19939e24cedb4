/**
 * Run filters shared by `run`, `drift` and `replay`: `--operation` (provider/operationId or a bare
 * operationId), `--checks` / `--exclude-checks` (comma-separated names, repeatable) and `--case` (ids).
 * Pure: validates names against the specs and the check registry (an unknown name is a UsageError
 * listing the valid ones) and turns them into a PlanSelection, a check list and the summary's record.
 */
import { escapeTerminal } from '../core/terminal.ts';
import type { PlanSelection } from '../cases/plan.ts';
import { CHECKS, type Check } from '../checks/index.ts';
import { UsageError } from '../core/errors.ts';
import type { RunFilters } from '../core/types.ts';
import type { ProviderId, ProviderSpec } from '../spec/model.ts';

/** Checks a generated case or flow step can produce besides the registry (flows add flow-step-outcome). */
export const FLOW_STEP_OUTCOME = 'flow-step-outcome';
export const RUN_CHECK_NAMES: readonly string[] = [...CHECKS.map((c) => c.name), FLOW_STEP_OUTCOME];

/** Splits repeatable, comma-separated flag values: ["a,b", "c"] -> ["a", "b", "c"] (blanks dropped, order kept, no duplicates). */
export function splitList(values: readonly string[] | undefined): string[] {
  const out: string[] = [];
  for (const v of values ?? []) for (const part of v.split(',')) {
    const t = part.trim();
    if (t && !out.includes(t)) out.push(t);
  }
  return out;
}

/** `--operation` values resolved to `provider/operationId` keys of the selected specs. */
export function parseOperations(values: readonly string[] | undefined, specs: readonly ProviderSpec[]): string[] {
  const all = specs.flatMap((s) => s.operations.map((o) => `${s.id}/${o.operationId}`));
  const out: string[] = [];
  for (const v of splitList(values)) {
    const hits = v.includes('/') ? all.filter((k) => k === v) : all.filter((k) => k.slice(k.indexOf('/') + 1) === v);
    if (hits.length === 0) {
      throw new UsageError(`unknown operation "${printable(v)}" in --operation`, `use provider/operationId or a bare operationId, one of: ${all.join(', ')}`);
    }
    for (const h of hits) if (!out.includes(h)) out.push(h);
  }
  return out;
}

/** Validates check names against `valid` (the names the command knows). */
export function parseCheckNames(values: readonly string[] | undefined, valid: readonly string[], flag: string): string[] {
  const names = splitList(values);
  for (const n of names) if (!valid.includes(n)) throw new UsageError(`unknown check "${printable(n)}" in ${flag}`, `use one or more of: ${valid.join(', ')}`);
  return names;
}

/** The names kept by --checks (all when empty) minus --exclude-checks, in registry order. */
export function keptNames(valid: readonly string[], checks: readonly string[], exclude: readonly string[]): string[] {
  return valid.filter((n) => (checks.length === 0 || checks.includes(n)) && !exclude.includes(n));
}

/** The engine checks a run executes, and whether flows add their flow-step-outcome check. */
export function selectChecks(checks: readonly string[], exclude: readonly string[]): { checks: Check[]; flowStepOutcome: boolean } {
  const kept = keptNames(RUN_CHECK_NAMES, checks, exclude);
  return { checks: CHECKS.filter((c) => kept.includes(c.name)), flowStepOutcome: kept.includes(FLOW_STEP_OUTCOME) };
}

/** The case selection of `--operation` and `--case`; undefined when neither applies. */
export function planSelection(operations: readonly string[], caseIds: readonly string[]): PlanSelection | undefined {
  if (!operations.length && !caseIds.length) return undefined;
  const ops = new Set(operations);
  const ids = new Set(caseIds);
  const caseOps = new Set(caseIds.map(operationKeyOf));
  const opOk = (key: string) => !ops.size || ops.has(key);
  return {
    operation: (provider: ProviderId, operationId: string) => opOk(`${provider}/${operationId}`) && (!ids.size || caseOps.has(`${provider}/${operationId}`)),
    item: (item) => opOk(`${item.provider}/${item.operationId}`) && (!ids.size || ids.has(item.id)),
    unbounded: ids.size > 0,
  };
}

/**
 * The specs with only the operations a selection keeps (all of them without one): coverage and the
 * coverage gate of a filtered run (and of the merge of its shards) are over these.
 */
export function coveredSpecs(specs: ProviderSpec[], select: PlanSelection | undefined): ProviderSpec[] {
  if (!select?.operation) return specs;
  return specs.map((s) => ({ ...s, operations: s.operations.filter((o) => select.operation!(s.id, o.operationId)) }));
}

/** `provider/operationId` of a case id (`provider/operationId/slug`); flow ids give `provider/flow`. */
export function operationKeyOf(caseId: string): string {
  const parts = caseId.split('/');
  return `${parts[0]}/${parts[1] ?? ''}`;
}

export const isFlowId = (caseId: string) => caseId.split('/')[1] === 'flow';

/** What summary.json records (only the filters that applied; undefined when none did). */
export function describeFilters(f: { operations?: readonly string[]; checks?: readonly string[]; excludeChecks?: readonly string[]; cases?: readonly string[]; shard?: { index: number; total: number } }): RunFilters | undefined {
  const out: RunFilters = {};
  if (f.operations?.length) out.operations = [...f.operations];
  if (f.checks?.length) out.checks = [...f.checks];
  if (f.excludeChecks?.length) out.excludeChecks = [...f.excludeChecks];
  if (f.cases?.length) out.cases = [...f.cases];
  if (f.shard && f.shard.total > 1) out.shard = `${f.shard.index}/${f.shard.total}`;
  return Object.keys(out).length ? out : undefined;
}

/** Text safe for a terminal (one line): the shared escape of src/core/terminal.ts. */
export function printable(s: string): string {
  return escapeTerminal(s);
}
