/**
 * Provider states for `pact verify`. Each interaction's state carries what it needs (see
 * interactions.ts): `inject` (the redacted request values the verifier must replace, by name) and, for
 * interactions recorded inside a flow, the flow id and step. Setting a state up:
 *  - on the mocks, first moves the mock clock past resend intervals (through the run's Target);
 *  - replaces each redacted value with a usable one: the mask filled with digits (mock) or the
 *    allow-listed number spelled like the original (live), a dummy code;
 *  - replays the flow's earlier steps (start a verification, read the code, mint a token, ...) with the
 *    engine's own flow definitions and Target, then returns the real inputs of the recorded step.
 * The values come back to the Pact verifier as provider-state injected values.
 */
import type { FlowCase, FlowContext, FlowPhone } from '../cases/flows/types.ts';
import { spellFor } from '../cases/allow-numbers.ts';
import type { ProviderId } from '../spec/model.ts';
import { isPhoneField } from '../cases/phones.ts';
import type { CaseInput } from '../core/types.ts';
import { registerSecret } from '../core/redact.ts';
import type { Target } from '../runner/targets/types.ts';
import { chooseAuthKind } from '../runner/context.ts';
import { send, type PoolSet } from '../runner/http.ts';
import type { ProviderSpec } from '../spec/model.ts';
import { buildRequest } from '../transport/build.ts';

export interface StateParams {
  provider: string;
  operationId: string;
  status: number;
  code?: string;
  outcome: 'ok' | 'error';
  /** Redacted request values by field name (the provider-state expressions `${name}`). */
  inject?: Record<string, unknown>;
  /** Interactions recorded inside a flow: the flow id and the 1-based number of the recorded step. */
  flow?: string;
  step?: number;
}

/** Past every mock resend interval (Alibaba, Huawei and JPush all use one minute or less). */
export const MOCK_CLOCK_STEP_MS = 10 * 60_000;
const CODE_FIELDS = /^(code|verify_code|verifycode|otp)$/i;

/** A usable number spelled like a masked example: "86-138****8000" -> "86-<national>", and so on. */
export function spellLike(example: string, n: FlowPhone): string {
  if (/^\+/.test(example)) return `+${n.cc}${n.national}`;
  if (/^\d+-/.test(example)) return `${n.cc}-${n.national}`;
  // the example's shape: more than 11 digits means the country code is included
  return example.replace(/[^\d*]/g, '').length > 11 ? `${n.cc}${n.national}` : n.national;
}

/**
 * The value a redacted field gets for a verification run (undefined: keep the example). Pure.
 * Live: the allow-listed number spelled like the example. Mock: the mask filled with digits, which keeps
 * the original's shape (country code, separator, length) and so the answer it got.
 */
export function unmask(name: string, example: unknown, live: FlowPhone | undefined, provider?: ProviderId): unknown {
  if (isPhoneField(name) && (typeof example === 'string' || typeof example === 'number')) {
    // live: the provider's own spelling (the example's shape could carry the country code twice)
    const spelled = live ? (provider ? spellFor(provider, live) : spellLike(String(example), live)) : String(example).replace(/\*/g, '0');
    return typeof example === 'number' ? Number(spelled.replace(/\D/g, '')) : spelled;
  }
  if (CODE_FIELDS.test(name) && typeof example === 'string') return '0'.repeat(Math.max(4, example.length));
  return undefined;
}

/** Top-level query, header and body values of an input, by name. */
export function flatten(input: CaseInput): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const part of [input.query, input.header, input.body]) {
    if (part && typeof part === 'object' && !Array.isArray(part)) Object.assign(out, part);
  }
  return out;
}

const STATE_CALL_TIMEOUT_MS = 10_000;

export interface StateContext {
  target: Target;
  pools: PoolSet;
  spec: ProviderSpec;
  flows: FlowCase[];
  /** Live runs: the allow-listed number. */
  liveNumber?: FlowPhone;
}

/** One signed call of a flow step, through the runner's transport (pools, timeout); the parsed answer. */
async function call(ctx: StateContext, operationId: string, input: CaseInput): Promise<unknown> {
  const op = ctx.spec.operations.find((o) => o.operationId === operationId);
  const pt = ctx.target.providers[ctx.spec.id];
  if (!op || !pt) throw new Error(`cannot call ${ctx.spec.id} ${operationId} to set up the state`);
  const wire = buildRequest(op, input, { baseUrl: pt.baseUrl, credentials: pt.credentials, auth: 'valid', authKind: chooseAuthKind(op, pt.credentials) });
  const { response, error } = await send(ctx.pools, wire, STATE_CALL_TIMEOUT_MS);
  if (!response) throw new Error(`${operationId} gave no answer while setting up the state (${error?.code})`);
  return response.json;
}

/** Runs a flow's steps before step `step` and returns the inputs of that step. */
async function replayFlow(ctx: StateContext, flow: FlowCase, step: number): Promise<Record<string, unknown>> {
  const lacking = flow.requires.find((c) => !ctx.target.capabilities.has(c));
  if (lacking) throw new Error(`flow ${flow.id} ${ctx.target.missing(lacking)}`);
  const fctx: FlowContext = { phone: ctx.liveNumber ?? flow.phone, vars: {} };
  for (const s of flow.steps.slice(0, step - 1)) {
    if (s.do === 'read-code') {
      fctx.code = await ctx.target.readCode(flow.provider, fctx.phone, s.title);
      if (fctx.code === undefined) throw new Error(`no code was sent to the flow's number (${s.title})`);
    } else if (s.do === 'advance-clock') await ctx.target.advanceClock(flow.provider, s.ms);
    else if (s.do === 'mint-token') fctx.token = await ctx.target.mintToken(s.phone ? s.phone(fctx) : fctx.phone.national);
    else if (s.do === 'set-quota') throw new Error(`flow ${flow.id} sets a request-rate quota: not a provider state a pact can replay`);
    else {
      const json = await call(ctx, s.operationId, s.input(fctx));
      if (s.save) Object.assign(fctx.vars, s.save(json));
    }
  }
  const recorded = flow.steps[step - 1];
  if (!recorded || recorded.do !== 'call') throw new Error(`flow ${flow.id} has no call at step ${step}`);
  return flatten(recorded.input(fctx));
}

/** Sets a provider state up; returns the values the verifier injects into the request. */
export async function setupState(ctx: StateContext, params: StateParams): Promise<Record<string, unknown>> {
  if (ctx.target.kind === 'mock') await ctx.target.advanceClock(ctx.spec.id, MOCK_CLOCK_STEP_MS);
  const values: Record<string, unknown> = {};
  for (const [name, example] of Object.entries(params.inject ?? {})) {
    // live without an allow-listed number: never invent one (verifyPacts refuses such pacts up front)
    if (ctx.target.kind === 'live' && !ctx.liveNumber && isPhoneField(name)) continue;
    const v = unmask(name, example, ctx.liveNumber, ctx.spec.id);
    if (v !== undefined) values[name] = v;
  }
  if (params.flow && params.step && params.step > 1) {
    const flow = ctx.flows.find((f) => f.id === params.flow);
    if (!flow) throw new Error(`the pact names flow ${params.flow}, which this verikit version does not have`);
    Object.assign(values, await replayFlow(ctx, flow, params.step));
  }
  for (const [k, v] of Object.entries(values)) {
    if (isPhoneField(k)) registerSecret(v, 'phone');
    else if (CODE_FIELDS.test(k)) registerSecret(v, 'code');
  }
  return values;
}
