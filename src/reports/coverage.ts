/**
 * Coverage of a run against the specs: operations exercised, documented status codes observed,
 * documented error codes observed per operation, and constraints exercised by negative cases.
 * Pure accumulator: feed it every CaseResult, then read `result()`.
 *
 * Only exchanges that got an HTTP response count. Provider-wide common codes (signature, throttling,
 * gateway) count once per provider — `<provider> * <code>` — instead of once per operation.
 */
import type { CaseResult, Coverage, CoverageItem, TestCase } from '../core/types.ts';
import type { Operation, ProviderSpec } from '../spec/model.ts';
import { listConstraints } from './constraints.ts';

export interface CoverageTracker {
  /**
   * Constraints named by cases that were not passed to createCoverage (cases generated while the run
   * goes): counted in the total; a result counts them through the TestCase it carries.
   */
  plan(cases: Iterable<Pick<TestCase, 'provider' | 'operationId' | 'violates'>>): void;
  add(result: CaseResult): void;
  result(): Coverage;
}

const opKey = (provider: string, operationId: string) => `${provider}/${operationId}`;

/** The coverage keys of one operation's answers, by status and by code. */
interface OpKeys { op: string; statuses: Map<number, string>; codes: Map<string, string> }

/** Reads the result/error code out of a response body (`codeField` may be a dotted path). */
export function codeOf(json: unknown, codeField: string): string | undefined {
  let v: unknown = json;
  if (!codeField.includes('.')) {
    // one part: the same look-up without splitting the field name per answer
    if (!v || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[codeField];
    return typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
  }
  for (const part of codeField.split('.')) {
    if (!v || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  return typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
}

function documentedStatuses(op: Operation): number[] {
  const set = new Set<number>(op.responses.map((r) => r.status));
  for (const c of op.codes) if (!c.common) set.add(c.status);
  return [...set].sort((a, b) => a - b);
}

/** `natural`: the covered keys some natural (not armed) answer reached; the other covered keys are listed as `armed`. */
function item(all: Iterable<string>, covered: Map<string, boolean>, natural: ReadonlySet<string>): CoverageItem {
  const list = [...all];
  const uncovered: string[] = [];
  const armed: string[] = [];
  for (const k of list) {
    if (covered.get(k) !== true) uncovered.push(k);
    else if (!natural.has(k)) armed.push(k);
  }
  const n = list.length - uncovered.length;
  return { total: list.length, covered: n, uncovered, natural: n - armed.length, armed };
}

/**
 * What a run can cover, each key with a covered flag. Only documented keys count, so answers mark the
 * flags of the keys they match instead of keeping keys of their own (a big run answers for thousands of
 * operations: one string per key, not two).
 */
class Universe {
  readonly flags = new Map<string, boolean>();
  /** Keys marked by a natural answer (an answer armed through the mock's control plane is not natural). */
  readonly natural = new Set<string>();
  add(key: string): void {
    if (!this.flags.has(key)) this.flags.set(key, false);
  }
  mark(key: string, natural = true): void {
    const flag = this.flags.get(key);
    if (flag === undefined) return;
    if (flag === false) this.flags.set(key, true);
    if (natural) this.natural.add(key);
  }
}

export function createCoverage(specs: ProviderSpec[], cases: TestCase[]): CoverageTracker {
  const ops: string[] = [];
  const statuses: string[] = [];
  const opFlags = new Universe();
  const statusFlags = new Universe();
  const errorCodes = new Universe();
  const constraints = new Universe();
  const codeField = new Map<string, string>();
  for (const spec of specs) {
    codeField.set(spec.id, spec.codeField);
    for (const op of spec.operations) {
      const k = opKey(spec.id, op.operationId);
      ops.push(k);
      opFlags.add(k);
      for (const s of documentedStatuses(op)) {
        const key = `${k} ${s}`;
        statuses.push(key);
        statusFlags.add(key);
      }
      for (const c of op.codes) {
        if (c.outcome !== 'error') continue;
        errorCodes.add(c.common ? `${spec.id} * ${c.code}` : `${k} ${c.code}`);
      }
      for (const c of listConstraints(op.requestSchema)) constraints.add(`${k} ${c.keyword} ${c.pointer}`);
    }
  }
  const known = new Set(ops);
  // The keys an answer marks, built once per operation/status/code instead of a new string per exchange
  // (a flat, already hashed key makes each look-up cheap).
  const answerKeys = new Map<string, Map<string, OpKeys>>();
  const keysOf = (provider: string, operationId: string): OpKeys => {
    let byOp = answerKeys.get(provider);
    if (!byOp) answerKeys.set(provider, (byOp = new Map()));
    let keys = byOp.get(operationId);
    if (!keys) byOp.set(operationId, (keys = { op: opKey(provider, operationId), statuses: new Map(), codes: new Map() }));
    return keys;
  };
  const commonKeys = new Map<string, Map<string, string>>();
  const commonKey = (provider: string, code: string): string => {
    let byCode = commonKeys.get(provider);
    if (!byCode) commonKeys.set(provider, (byCode = new Map()));
    let key = byCode.get(code);
    if (key === undefined) byCode.set(code, (key = `${provider} * ${code}`));
    return key;
  };
  const violatesByCase = new Map<string, string>();
  for (const tc of cases) {
    if (!tc.violates) continue;
    const k = opKey(tc.provider, tc.operationId);
    if (!known.has(k)) continue;
    const key = `${k} ${tc.violates.keyword} ${tc.violates.pointer}`;
    constraints.add(key); // a case may name a constraint the schema walk does not list
    violatesByCase.set(tc.id, key);
  }

  // One universe per kind, so a code that looks like a status ("400") never counts as the status.
  return {
    plan(planned) {
      for (const tc of planned) {
        if (!tc.violates) continue;
        const k = opKey(tc.provider, tc.operationId);
        if (known.has(k)) constraints.add(`${k} ${tc.violates.keyword} ${tc.violates.pointer}`);
      }
    },
    add(result: CaseResult): void {
      const natural = result.testCase?.answer?.via !== 'armed';
      let answered = false;
      for (const ex of result.exchanges) {
        if (!ex.response) continue;
        answered = true;
        const keys = keysOf(ex.provider, ex.operationId);
        opFlags.mark(keys.op, natural);
        const status = ex.response.status;
        let statusKey = keys.statuses.get(status);
        if (statusKey === undefined) keys.statuses.set(status, (statusKey = `${keys.op} ${status}`));
        statusFlags.mark(statusKey, natural);
        const field = codeField.get(ex.provider);
        const code = field === undefined ? undefined : codeOf(ex.response.json, field);
        if (code !== undefined) {
          let codeKey = keys.codes.get(code);
          if (codeKey === undefined) keys.codes.set(code, (codeKey = `${keys.op} ${code}`));
          errorCodes.mark(codeKey, natural);
          errorCodes.mark(commonKey(ex.provider, code), natural);
        }
      }
      const violated = violatesByCase.get(result.caseId) ?? violatedByResult(result, known);
      if (answered && violated) constraints.mark(violated, natural);
    },
    result(): Coverage {
      return {
        operations: item(ops, opFlags.flags, opFlags.natural),
        statusCodes: item(statuses, statusFlags.flags, statusFlags.natural),
        errorCodes: item(errorCodes.flags.keys(), errorCodes.flags, errorCodes.natural),
        constraints: item(constraints.flags.keys(), constraints.flags, constraints.natural),
      };
    },
  };
}

/** Results may carry their TestCase; use its `violates` when the case list did not have it. */
function violatedByResult(result: CaseResult, known: Set<string>): string | undefined {
  const tc = result.testCase;
  if (!tc?.violates) return undefined;
  const k = opKey(tc.provider, tc.operationId);
  return known.has(k) ? `${k} ${tc.violates.keyword} ${tc.violates.pointer}` : undefined;
}
