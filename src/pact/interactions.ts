/**
 * Interaction plans (pure): everything PactV4 needs for one interaction, built from a selected exchange.
 */
import { redactValue } from '../core/redact.ts';
import type { ProviderId } from '../spec/model.ts';
import { template, type RegexRule } from './matchers.ts';
import { requestPlan, type RequestPlan } from './request.ts';
import type { Selected } from './select.ts';
import type { StateParams } from './states.ts';

export interface ProviderStatePlan {
  name: string;
  params: StateParams;
}

export interface InteractionPlan {
  provider: ProviderId;
  operationId: string;
  description: string;
  states: ProviderStatePlan[];
  request: RequestPlan;
  response: { status: number; headers: Record<string, unknown>; body?: unknown; rules: RegexRule[] };
}

/** The state every interaction without a more specific one runs in. */
export const DEFAULT_STATE = 'the provider is available';

export function describe(s: Selected): string {
  const what = s.outcome === 'ok' ? 'succeeds' : 'is refused';
  return `${s.operation.operationId} ${what}: ${s.status}${s.code ? ` ${s.code}` : ''}`;
}

/** States of operations that need earlier calls (the flows' last steps), by operation. */
export const FLOW_STATES: Record<string, string> = {
  CheckVerification: 'a verification was started for a number',
  SendPhoneVerificationForMessageContact: 'the contact exists',
  CheckVerifyCodes: 'a verification code was sent to the contact',
  Verify: 'the carrier issued a token for the number',
  VerifyH5: 'the carrier issued a token for the number',
};

/** Flows whose earlier steps set up something more specific than their operation's state, by flow slug. */
export const FLOW_SLUG_STATES: Record<string, string> = {
  'check-after-expiry': 'a verification code was sent and has expired',
  'resend-too-soon': 'a verification code was just sent to the number',
  'token-verify-other-number': 'the carrier issued a token for another number',
  'token-expired': 'the carrier token for the number has expired',
};

function flowState(operationId: string, flowId: string): string {
  const slug = flowId.split('/').pop() ?? flowId;
  return FLOW_SLUG_STATES[slug] ?? FLOW_STATES[operationId] ?? `the steps before ${operationId} in ${flowId} have run`;
}

/** Provider-state expressions in a request template: `${name}` -> the redacted example. */
export function injectedValues(template: unknown, out: Record<string, unknown> = {}): Record<string, unknown> {
  if (Array.isArray(template)) template.forEach((t) => injectedValues(t, out));
  else if (template && typeof template === 'object') {
    const t = template as Record<string, unknown>;
    const m = t['pact:generator:type'] === 'ProviderState' && typeof t.expression === 'string' ? /^\$\{(.+)\}$/.exec(t.expression) : null;
    if (m) out[m[1]] = t.value;
    else Object.values(t).forEach((v) => injectedValues(v, out));
  }
  return out;
}

export function statePlan(s: Selected, request: RequestPlan): ProviderStatePlan {
  const params: StateParams = { provider: s.spec.id, operationId: s.operation.operationId, status: s.status, outcome: s.outcome };
  if (s.code) params.code = s.code;
  const inject = injectedValues([request.query, request.headers, request.body]);
  if (Object.keys(inject).length) params.inject = inject;
  const inFlow = s.flow && s.flow.step > 1;
  if (inFlow) Object.assign(params, { flow: s.flow!.id, step: s.flow!.step });
  const name = s.testCase?.state || (inFlow ? flowState(s.operation.operationId, s.flow!.id) : DEFAULT_STATE);
  return { name, params };
}

export function interactionPlan(s: Selected): InteractionPlan {
  const res = s.exchange.response;
  const docs = s.operation.responses.find((r) => r.status === s.status);
  const headers: Record<string, unknown> = {};
  const contentType = Object.entries(res.headers).find(([k]) => k.toLowerCase() === 'content-type')?.[1];
  // exact: Pact compares Content-Type by media type and parameters itself
  if (contentType) headers['Content-Type'] = contentType;
  const rules: RegexRule[] = [];
  const body = template(redactValue(res.json, 'response'), docs?.schema, { exact: [s.spec.codeField], rules });
  const request = requestPlan(s.operation, s.exchange.request);
  return {
    provider: s.spec.id,
    operationId: s.operation.operationId,
    description: describe(s),
    states: [statePlan(s, request)],
    request,
    response: { status: s.status, headers, body, rules },
  };
}
