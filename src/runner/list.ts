/**
 * `verikit run --list`: the cases a run would execute, in the order it runs them (flows, then the
 * operations' cases), one line each, without sending anything. Pure over a CasePlan.
 */
import type { CasePlan } from '../cases/plan.ts';
import type { FlowCase } from '../cases/index.ts';
import type { TestCase } from '../core/types.ts';
import { printable } from './filters.ts';

export interface ListedCase {
  caseId: string;
  kind: TestCase['kind'];
  provider: TestCase['provider'];
  operationId: string;
  title: string;
  /** What the case exercises, in words: the operation and the property (or the flow's steps). */
  exercises: string;
  billed: boolean;
  violates?: TestCase['violates'];
  auth?: TestCase['auth'];
  /** Flows: the operations of their calls, in order. */
  steps?: string[];
}

function fromFlow(f: FlowCase): ListedCase {
  const steps = f.steps.map((s) => (s.do === 'call' ? s.operationId : s.do));
  return { caseId: f.id, kind: 'flow', provider: f.provider, operationId: f.operationId, title: f.title, exercises: `${f.title} (${steps.join(' -> ')})`, billed: f.billed, steps };
}

function fromCase(c: TestCase): ListedCase {
  const what = c.violates ? `${c.title} (violates ${c.violates.keyword} at ${c.violates.pointer || '/'})` : c.auth !== 'valid' ? `${c.title} (auth ${c.auth})` : c.title;
  const out: ListedCase = { caseId: c.id, kind: c.kind, provider: c.provider, operationId: c.operationId, title: c.title, exercises: `${c.operationId}: ${what}; expects ${c.expect.outcome}`, billed: c.billed };
  if (c.violates) out.violates = c.violates;
  if (c.auth !== 'valid') out.auth = c.auth;
  return out;
}

/** The planned cases in run order (flows first, as the runner runs them). */
export function* listedCases(plan: CasePlan): Generator<ListedCase> {
  for (const f of plan.flows) yield fromFlow(f);
  for (const batch of plan.batches()) for (const c of batch) yield fromCase(c);
}

/** One text line: `caseId<TAB>kind<TAB>what it exercises` (terminal-safe). */
export function listLine(c: ListedCase): string {
  return [c.caseId, c.kind, `${c.exercises}${c.billed ? ' [billed]' : ''}`].map(printable).join('\t');
}

/** One ndjson line (JSON escapes every control character). */
export function listJson(c: ListedCase): string {
  return JSON.stringify(c);
}
