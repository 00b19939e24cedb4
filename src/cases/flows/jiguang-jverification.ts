import type { ProviderSpec } from '../../spec/model.ts';
import type { Rng } from '../prng.ts';
import { dig, findOp, flowPhone, inputFor, makeFlow } from './helpers.ts';
import type { FlowCase, FlowContext, FlowStep } from './types.ts';

const codeIs = (want: number) => (json: unknown) => (Number(dig(json, 'code')) === want ? undefined : `received code ${JSON.stringify(dig(json, 'code'))}, documented ${want}`);

/** JVerification: a token minted for a number -> verify (consistent, inconsistent, expired). */
export function jverificationFlows(spec: ProviderSpec, rng: Rng): FlowCase[] {
  const verify = findOp(spec, 'verify', 'Verify', 'NumberVerify');
  if (!verify) return [];
  const inp = inputFor(verify, rng, {});
  const verifyStep = (title: string, expect: 'success' | 'error', want: number, phone?: (c: FlowContext) => string): FlowStep => ({
    do: 'call', operationId: verify.operationId, title, expect, assert: codeIs(want),
    input: (ctx) => {
      const i = inp();
      const body: Record<string, unknown> = { ...(i.body as Record<string, unknown>), token: ctx.token };
      const p = phone ? phone(ctx) : ctx.phone.national;
      body.phone = typeof body.phone === 'number' ? Number(p) : p;
      i.body = body;
      return i;
    },
  });
  const mint: FlowStep = { do: 'mint-token', title: 'mint a carrier token for the number' };
  return [
    makeFlow(spec, 'token-verify-consistent', 'minted token -> verify the same number: 9000', verify.operationId, flowPhone(rng), [
      mint, verifyStep('verify the number the token was minted for', 'success', 9000),
    ]),
    makeFlow(spec, 'token-verify-other-number', 'minted token -> verify another number: 9001', verify.operationId, flowPhone(rng), [
      mint, verifyStep('verify a different number', 'success', 9001, () => '13800138999'),
    ]),
    makeFlow(spec, 'token-expired', 'minted token -> wait 2 minutes -> verify: 9003', verify.operationId, flowPhone(rng), [
      mint, { do: 'advance-clock', title: 'advance the clock 2 minutes', ms: 120_000 }, verifyStep('verify with the expired token', 'error', 9003),
    ]),
  ];
}
