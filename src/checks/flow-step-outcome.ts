import type { CheckResult, WireResponse } from '../core/types.ts';
import type { Operation, ProviderSpec } from '../spec/model.ts';
import { bodyJson, describe, outcomeOf } from './outcome.ts';

export type StepExpectation = 'success' | 'error' | 'not-approved';

/**
 * A flow step got the outcome the provider's documented behaviour implies (e.g. the right code is approved,
 * a wrong code is not). `assert` adds a step-specific condition on the body.
 */
export function flowStepOutcome(
  spec: ProviderSpec,
  op: Operation,
  res: WireResponse | undefined,
  step: { title: string; expect: StepExpectation; assert?: (json: unknown) => string | undefined; answer?: { status: number; code: string } },
): CheckResult {
  const name = 'flow-step-outcome';
  if (!res) return { check: name, status: 'fail', kind: 'contract', message: `received no answer to "${step.title}" documented an answer` };
  const o = outcomeOf(spec, op, res);
  const json = bodyJson(res);
  const extra = step.assert?.(json);
  if (step.expect === 'success' && o.outcome !== 'ok') {
    return { check: name, status: 'fail', kind: 'contract', message: `received ${describe(res, o)} for "${step.title}" documented success` };
  }
  if (step.expect === 'error' && o.outcome !== 'error') {
    return { check: name, status: 'fail', kind: 'contract', message: `received ${describe(res, o)} (accepted) for "${step.title}" documented a rejection` };
  }
  if (step.expect === 'not-approved' && o.outcome === 'ok' && !step.assert) {
    const status = json && typeof json === 'object' ? JSON.stringify((json as Record<string, Record<string, unknown>>).Model?.status ?? null) : 'null';
    if (status === '"approved"') return { check: name, status: 'fail', kind: 'contract', message: `received status "approved" for "${step.title}" documented a verification that is not approved` };
  }
  const want = step.answer;
  if (want && (res.status !== want.status || (o.code ?? '') !== want.code)) {
    return { check: name, status: 'fail', kind: 'contract', message: `received ${describe(res, o)} for "${step.title}" documented HTTP ${want.status} ${want.code || '(no code)'}` };
  }
  if (extra) return { check: name, status: 'fail', kind: 'contract', message: `${extra} (${step.title})` };
  return { check: name, status: 'pass' };
}
