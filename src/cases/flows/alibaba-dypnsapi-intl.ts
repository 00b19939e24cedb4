import type { ProviderSpec } from '../../spec/model.ts';
import type { Rng } from '../prng.ts';
import { dig, findOp, flowPhone, inputFor, makeFlow, otherCode } from './helpers.ts';
import type { FlowCase, FlowContext, FlowStep } from './types.ts';

const approved = (json: unknown) => (dig(json, 'status') === 'approved' ? undefined : `received Model.status ${JSON.stringify(dig(json, 'status'))}, documented "approved" after the right code`);

/** Dypnsapi-intl: StartVerification -> code from the outbox -> CheckVerification. */
export function dypnsapiFlows(spec: ProviderSpec, rng: Rng): FlowCase[] {
  const start = findOp(spec, 'StartVerification');
  const check = findOp(spec, 'CheckVerification');
  if (!start || !check) return [];
  const to = (ctx: FlowContext) => ctx.phone.cc + ctx.phone.national;
  const startStep = (title = 'start a verification by SMS'): FlowStep => {
    const inp = inputFor(start, rng, { query: { Channel: 'SMS' } });
    return {
      do: 'call', operationId: start.operationId, title, expect: 'success',
      input: (ctx) => { const i = inp(); (i.query as Record<string, unknown>).To = to(ctx); return i; },
      save: (json) => ({ verificationId: dig(json, 'verificationId') }),
    };
  };
  const checkStep = (title: string, code: (ctx: FlowContext) => string, expect: 'success' | 'not-approved'): FlowStep => {
    const inp = inputFor(check, rng, {});
    return {
      do: 'call', operationId: check.operationId, title, expect,
      assert: expect === 'success' ? approved : undefined,
      input: (ctx) => {
        const i = inp();
        Object.assign(i.query ??= {}, { Code: code(ctx), VerificationId: ctx.vars.verificationId, To: to(ctx) });
        return i;
      },
    };
  };
  const flows: FlowCase[] = [
    makeFlow(spec, 'start-read-check-approved', 'start -> read code -> check: approved', check.operationId, flowPhone(rng), [
      startStep(), { do: 'read-code', title: 'read the code sent' }, checkStep('check with the right code', (c) => c.code!, 'success'),
    ]),
    makeFlow(spec, 'check-wrong-code', 'start -> check with a wrong code: not approved', check.operationId, flowPhone(rng), [
      startStep(), { do: 'read-code', title: 'read the code sent' }, checkStep('check with a wrong code', (c) => otherCode(c.code), 'not-approved'),
    ]),
    makeFlow(spec, 'check-after-expiry', 'start -> wait past expiry -> check: not approved', check.operationId, flowPhone(rng), [
      startStep(), { do: 'read-code', title: 'read the code sent' }, { do: 'advance-clock', title: 'advance the clock 30 minutes', ms: 30 * 60_000 },
      checkStep('check the right code after expiry', (c) => c.code!, 'not-approved'),
    ]),
    makeFlow(spec, 'resend-too-soon', 'start twice at once: the second is refused', start.operationId, flowPhone(rng), [
      startStep(), { ...startStep('start again at once'), expect: 'error' } as FlowStep,
    ]),
  ];
  return flows;
}
