/**
 * Interaction plans (pure): everything PactV4 needs for one interaction, built from a selected exchange.
 */
import { MatchersV3 } from '@pact-foundation/pact';
import { redactValue } from '../core/redact.ts';
import type { ProviderId } from '../spec/model.ts';
import { template } from './matchers.ts';
import { requestPlan, type RequestPlan } from './request.ts';
import type { Selected } from './select.ts';

export interface ProviderStatePlan {
  name: string;
  params: Record<string, string | number | boolean>;
}

export interface InteractionPlan {
  provider: ProviderId;
  operationId: string;
  description: string;
  states: ProviderStatePlan[];
  request: RequestPlan;
  response: { status: number; headers: Record<string, unknown>; body?: unknown };
}

/** The state every interaction without a more specific one runs in. */
export const DEFAULT_STATE = 'the provider is available';

export function describe(s: Selected): string {
  const what = s.outcome === 'ok' ? 'succeeds' : 'is refused';
  return `${s.operation.operationId} ${what}: ${s.status}${s.code ? ` ${s.code}` : ''}`;
}

export function statePlan(s: Selected): ProviderStatePlan {
  const params: ProviderStatePlan['params'] = { provider: s.spec.id, operationId: s.operation.operationId, status: s.status };
  if (s.code) params.code = s.code;
  params.outcome = s.outcome;
  // a flow's case names the state of its last step; earlier steps run in the default state
  const ownCase = s.testCase.operationId === s.operation.operationId;
  return { name: (ownCase && s.testCase.state) || DEFAULT_STATE, params };
}

export function interactionPlan(s: Selected): InteractionPlan {
  const res = s.exchange.response;
  const docs = s.operation.responses.find((r) => r.status === s.status);
  const headers: Record<string, unknown> = {};
  const contentType = Object.entries(res.headers).find(([k]) => k.toLowerCase() === 'content-type')?.[1];
  if (contentType) headers['Content-Type'] = MatchersV3.regex('^application/json', contentType);
  const body = template(redactValue(res.json, 'response'), docs?.schema, { exact: [s.spec.codeField] });
  return {
    provider: s.spec.id,
    operationId: s.operation.operationId,
    description: describe(s),
    states: [statePlan(s)],
    request: requestPlan(s.operation, s.exchange.request),
    response: { status: s.status, headers, body },
  };
}
