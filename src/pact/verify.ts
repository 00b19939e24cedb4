/**
 * Provider verification with the Pact Verifier: each pact is replayed against the run's Target (the
 * embedded mocks or a live endpoint). State handlers set provider states up (states.ts), the request
 * filter signs every request for real (filter.ts), and on a live target the cost guard refuses pacts
 * with billed operations unless sending was allowed.
 */
import { resolve } from 'node:path';
import { Verifier } from '@pact-foundation/pact';
import { generateCases } from '../cases/index.ts';
import { isPhoneField } from '../cases/phones.ts';
import type { FlowCase, FlowPhone } from '../cases/flows/types.ts';
import { VerikitError } from '../core/errors.ts';
import { redactText } from '../core/redact.ts';
import { createPools } from '../runner/http.ts';
import type { Target } from '../runner/targets/types.ts';
import type { ProviderSpec } from '../spec/model.ts';
import { findOperation } from './compare.ts';
import { liveNumberProblem } from './live-number.ts';
import { signingFilter } from './filter.ts';
import { readPactFile, type PactDocument } from './pactfile.ts';
import { setupState, type StateContext, type StateParams } from './states.ts';

export interface VerifyPactsOptions {
  files: string[];
  specs: ProviderSpec[];
  target: Target;
  /** Live targets: allow interactions of billed operations (they send real messages). */
  allowSend?: boolean;
  /** Live targets: the allow-listed number used for redacted phone numbers. */
  liveNumber?: FlowPhone;
}

export interface VerifyOutcome {
  file: string;
  consumer: string;
  provider: string;
  status: 'passed' | 'failed' | 'skipped';
  interactions: number;
  /** Pact's mismatch text, one line per mismatch (`<interaction>: <path> -> <mismatch>`). */
  failures: string[];
  /** Pact's own verification report, without colours. */
  output: string;
  reason?: string;
}

const ANSI = /\u001b\[[0-9;]*m/g;

/** Billed interactions: the operation sends or bills, or the flow its state replays does. Pure. */
export function billedInteractions(pact: PactDocument, spec: ProviderSpec, flows: FlowCase[]): string[] {
  const flowBilled = (p: Record<string, unknown>) => typeof p.flow === 'string' && flows.find((f) => f.id === p.flow)?.billed !== false;
  return pact.interactions
    .filter((i) => (findOperation(spec, i.request)?.cost ?? 'free') !== 'free' || i.stateParams.some(flowBilled))
    .map((i) => i.description);
}

interface PactRunResult {
  errors?: Array<{ interaction?: string; mismatch?: { mismatches?: Array<{ path?: string; mismatch?: string; type?: string }>; message?: string } }>;
  output?: string[];
}

/** Turns the verifier's result (or the error it threw) into failures and output text. Pure. */
export function parseVerifierResult(raw: unknown): { failures: string[]; output: string } {
  let text = raw instanceof Error ? raw.message : typeof raw === 'string' ? raw : JSON.stringify(raw ?? {});
  let parsed: PactRunResult | undefined;
  try {
    parsed = JSON.parse(text) as PactRunResult;
  } catch {
    return { failures: [redactText(text.replace(ANSI, ''))], output: '' };
  }
  const failures: string[] = [];
  for (const e of parsed.errors ?? []) {
    const where = e.interaction ?? 'interaction';
    const list = e.mismatch?.mismatches ?? [];
    if (list.length === 0) failures.push(`${where}: ${e.mismatch?.message ?? 'failed'}`);
    for (const m of list) failures.push(`${where}: ${m.path ? `${m.path} -> ` : ''}${m.mismatch ?? m.type ?? 'mismatch'}`);
  }
  text = (parsed.output ?? []).join('\n').replace(ANSI, '');
  return { failures: failures.map(redactText), output: redactText(text) };
}

async function verifyOne(file: string, opts: VerifyPactsOptions): Promise<VerifyOutcome> {
  const pact = await readPactFile(file);
  const base = { file, consumer: pact.consumer, provider: pact.provider, interactions: pact.interactions.length, failures: [], output: '' };
  const spec = opts.specs.find((s) => s.id === pact.provider);
  if (!spec) throw new VerikitError('VK_PACT_PROVIDER', `${file} is a pact with "${pact.provider}", which has no spec`, 'verify pacts whose provider is one of the specs in specs/');
  const pt = opts.target.providers[spec.id];
  if (!pt || pt.skipReason) return { ...base, status: 'skipped', reason: pt?.skipReason ?? 'provider not selected' };
  const flows = generateCases([spec], { seed: 1, providers: [spec.id] }).flows;
  if (opts.target.kind === 'live' && !opts.allowSend) {
    const billed = billedInteractions(pact, spec, flows);
    if (billed.length) {
      throw new VerikitError('VK_COST_GUARD', `${file} has ${billed.length} interaction(s) that send billed messages or calls on ${spec.id} (${billed.slice(0, 3).join('; ')})`, 'pass --allow-send (and --allow-number with your own number) to send them for real, or verify against the mocks (--target mock)');
    }
  }
  if (opts.target.kind === 'live' && !opts.liveNumber) {
    const phones = pact.interactions.filter((i) => i.stateParams.some((p) => Object.keys((p.inject ?? {}) as object).some(isPhoneField)));
    if (phones.length) {
      throw new VerikitError('VK_LIVE_NUMBER', `${file} has ${phones.length} interaction(s) with a (redacted) phone number, and no number to use on ${spec.id}`, 'pass --allow-number <your own number> (it replaces every masked number), or verify against the mocks');
    }
  }
  const numberProblem = opts.target.kind === 'live' && opts.liveNumber ? liveNumberProblem(pact, spec.id, opts.liveNumber) : undefined;
  if (numberProblem) throw new VerikitError('VK_LIVE_NUMBER', `${file}: ${numberProblem}`, 'pass an --allow-number the provider can take (with the country code the pact was recorded with), or verify against the mocks');
  const ctx: StateContext = { target: opts.target, spec, flows, liveNumber: opts.liveNumber, pools: createPools(2) };
  const stateHandlers: Record<string, (params?: unknown) => Promise<Record<string, unknown>>> = {};
  for (const i of pact.interactions) for (const s of i.states) stateHandlers[s] = async (params) => setupState(ctx, (params ?? {}) as StateParams) as never;
  const verifier = new Verifier({
    provider: pact.provider,
    providerBaseUrl: pt.baseUrl,
    pactUrls: [resolve(file)],
    logLevel: 'error',
    stateHandlers: stateHandlers as never,
    requestFilter: signingFilter({ spec, baseUrl: pt.baseUrl, credentials: pt.credentials }) as never,
  });
  try {
    const result = await verifier.verifyProvider();
    return { ...base, status: 'passed', output: parseVerifierResult(result).output };
  } catch (err) {
    return { ...base, status: 'failed', ...parseVerifierResult(err) };
  } finally {
    await ctx.pools.close();
  }
}

/** Verifies each pact file in turn (the verifier is not re-entrant). */
export async function verifyPacts(opts: VerifyPactsOptions): Promise<VerifyOutcome[]> {
  const out: VerifyOutcome[] = [];
  for (const file of opts.files) out.push(await verifyOne(file, opts));
  return out;
}
