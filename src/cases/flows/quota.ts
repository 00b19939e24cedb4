/**
 * The natural throttling trigger of every provider: a flow sets a request-rate quota on the mock (one
 * request a minute on a free or cheap operation), calls once within it and once beyond it, and expects the
 * provider's own throttling answer (Alibaba 400 Throttling.User, OSM 429 APIGW.0308, JVerification 1804).
 * Mock only (capability set-quota); the runner runs it alone and clears the quota when it ends.
 */
import type { ProviderSpec } from '../../spec/model.ts';
import type { Rng } from '../prng.ts';
import { findOp, flowPhone, inputFor, makeFlow } from './helpers.ts';
import type { FlowCase, FlowStep } from './types.ts';

/** Which operation each provider's quota flow calls, what its first call answers, and the throttling answer. */
const QUOTA_FLOW: Record<string, { operationId: string; first: 'success' | 'error'; status: number; code: string }> = {
  'alibaba-dypnsapi-intl': { operationId: 'SearchVerification', first: 'success', status: 400, code: 'Throttling.User' },
  'alibaba-resourcedirectorymaster': { operationId: 'AddMessageContact', first: 'success', status: 400, code: 'Throttling.User' },
  // no code was sent: the first check is refused on its own (OSM.01010010), the second by the quota
  'huawei-osm': { operationId: 'CheckVerifyCodes', first: 'error', status: 429, code: 'APIGW.0308' },
  // no token was minted: the first verification is refused on its own (9003), the second by the quota
  'jiguang-jverification': { operationId: 'Verify', first: 'error', status: 200, code: '1804' },
};

export const QUOTA_FLOW_SLUG = 'quota-exceeded';

/**
 * Flows whose answers exist only because the flow exhausted a limit (a quota it set, a daily limit it
 * sent up to): replaying them as a pact's provider state would exhaust the limit for every later
 * interaction, so their answers never become pact interactions.
 */
const OUT_OF_PACTS = [QUOTA_FLOW_SLUG, 'send-verification-daily-limit'];

export function keptOutOfPacts(id: string): boolean {
  return OUT_OF_PACTS.some((slug) => id.endsWith(`/flow/${slug}`));
}

export function quotaFlows(spec: ProviderSpec, rng: Rng): FlowCase[] {
  const plan = QUOTA_FLOW[spec.id];
  const op = plan && findOp(spec, plan.operationId);
  if (!plan || !op) return [];
  const input = inputFor(op, rng, {});
  const call = (title: string, expect: 'success' | 'error'): FlowStep => ({ do: 'call', operationId: op.operationId, title, expect, input: () => input() });
  return [
    makeFlow(spec, QUOTA_FLOW_SLUG, `request-rate quota of 1 a minute -> a second ${op.operationId}: throttled`, op.operationId, flowPhone(rng), [
      { do: 'set-quota', title: `set a quota of 1 ${op.operationId} a minute per caller`, operationId: op.operationId, limit: 1, windowMs: 60_000, scope: 'user' },
      call(`a first ${op.operationId}, within the quota`, plan.first),
      { ...call(`a second ${op.operationId}, beyond the quota`, 'error'), answer: { status: plan.status, code: plan.code } } as FlowStep,
    ]),
  ];
}
