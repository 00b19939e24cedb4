/**
 * Which recorded exchanges become pact interactions (pure): answers the provider gave as documented —
 * the positive cases and the documented errors — with valid credentials, one per
 * provider + operation + status + code, so the pacts stay small.
 */
import type { CaseKind, CaseResult, Exchange, TestCase, WireResponse } from '../core/types.ts';
import type { Operation, ProviderSpec } from '../spec/model.ts';
import { codeOf } from '../checks/outcome.ts';
import { operationOf } from '../spec/load.ts';
import { keptOutOfPacts } from '../cases/flows/quota.ts';

export interface Selected {
  spec: ProviderSpec;
  operation: Operation;
  /** The generated case (absent for flows). */
  testCase?: TestCase;
  /** Exchanges recorded inside a flow: the flow id and the 1-based step number of the call. */
  flow?: { id: string; step: number };
  exchange: Exchange & { response: WireResponse };
  status: number;
  /** The body's result/error code ('' when the body has none). */
  code: string;
  outcome: 'ok' | 'error';
}

/** Examples first: their inputs are the documented ones; flows carry the states other operations need. */
const KIND_ORDER: Record<CaseKind, number> = { example: 0, positive: 1, flow: 2, negative: 3, auth: 4 };

/** The documented outcome of (status, code) for an operation, or undefined when it is undocumented. */
export function documentedOutcome(op: Operation, status: number, code: string): 'ok' | 'error' | undefined {
  const hit = op.codes.find((c) => c.status === status && c.code === code);
  if (hit) return hit.outcome;
  // a documented 2xx whose body carries no code at all is a success
  if (code === '' && status < 300 && op.responses.some((r) => r.status === status)) return 'ok';
  return undefined;
}

/** Can a result become an interaction? (`verikit run` keeps only these for generatePacts.) */
export function keepForPact(result: CaseResult): boolean {
  // an answer armed through the mock's control plane is the spec's own example, not a provider's answer
  if (result.testCase?.answer?.via === 'armed') return false;
  // answers that exist because a flow exhausted a limit: no provider state can replay them harmlessly
  if (result.kind === 'flow' && keptOutOfPacts(result.caseId)) return false;
  const validAuth = result.testCase ? result.testCase.auth === 'valid' : result.kind === 'flow';
  return result.status === 'passed' && validAuth && result.exchanges.some((ex) => ex.response?.json !== undefined);
}

/**
 * A generated case's answer is used only when it is the one the case was written for: a positive case
 * refused by a rate limit left over from another case is not a contract anyone relies on. (Flows check
 * their own step outcomes.)
 */
export function asExpected(tc: TestCase | undefined, outcome: 'ok' | 'error', code: string): boolean {
  if (!tc) return true;
  if ((tc.expect.outcome === 'success') !== (outcome === 'ok')) return false;
  return !tc.expect.codes?.length || tc.expect.codes.includes(code);
}

/** Flow exchanges are named `<flow id>#<step>` by the runner. */
export function flowStep(result: CaseResult, ex: Exchange): { id: string; step: number } | undefined {
  if (result.kind !== 'flow') return undefined;
  const m = /^(.*)#(\d+)$/.exec(ex.caseId);
  return m ? { id: m[1], step: Number(m[2]) } : { id: result.caseId, step: 1 };
}

/** Picks the interactions to write, sorted by provider, operation, status and code. */
/** The order in which results are preferred as the source of an interaction. */
export function preferResult(a: CaseResult, b: CaseResult): number {
  return KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.caseId.localeCompare(b.caseId);
}

/** The interaction keys (provider operation status code) one result can supply. */
export function interactionKeys(specs: ProviderSpec[], result: CaseResult): string[] {
  return selectInteractions(specs, [result]).map(interactionKey);
}

function interactionKey(s: Selected): string {
  return `${s.spec.id} ${s.operation.operationId} ${s.status} ${s.code}`;
}

export function selectInteractions(specs: ProviderSpec[], results: CaseResult[]): Selected[] {
  const ordered = [...results].sort(preferResult);
  const seen = new Map<string, Selected>();
  for (const result of ordered.filter(keepForPact)) {
    for (const ex of result.exchanges) {
      if (ex.response?.json === undefined) continue;
      const spec = specs.find((s) => s.id === ex.provider);
      const operation = spec && operationOf(spec, ex.operationId);
      if (!spec || !operation) continue;
      const status = ex.response.status;
      const code = codeOf(spec, ex.response.json) ?? '';
      const outcome = documentedOutcome(operation, status, code);
      if (!outcome || !asExpected(result.testCase, outcome, code)) continue;
      const selected: Selected = { spec, operation, testCase: result.testCase, flow: flowStep(result, ex), exchange: ex as Selected['exchange'], status, code, outcome };
      const key = interactionKey(selected);
      if (!seen.has(key)) seen.set(key, selected);
    }
  }
  return [...seen.values()].sort(
    (a, b) =>
      a.spec.id.localeCompare(b.spec.id) ||
      a.operation.operationId.localeCompare(b.operation.operationId) ||
      a.status - b.status ||
      a.code.localeCompare(b.code),
  );
}
