import type { ProviderSpec } from '../../spec/model.ts';
import type { Rng } from '../prng.ts';
import { findOp, flowPhone, inputFor, makeFlow, otherCode } from './helpers.ts';
import type { FlowCase, FlowContext, FlowStep } from './types.ts';

/** Huawei OSM: SendVerifyCodes -> code from the outbox -> CheckVerifyCodes. */
export function osmFlows(spec: ProviderSpec, rng: Rng): FlowCase[] {
  const send = findOp(spec, 'SendVerifyCodes');
  const check = findOp(spec, 'CheckVerifyCodes');
  if (!send || !check) return [];
  const contact = (ctx: FlowContext) => ({ contact_value: ctx.phone.national, contact_way: 0, area_code: ctx.phone.cc });
  const sendStep = (title: string, expect: 'success' | 'error'): FlowStep => {
    const inp = inputFor(send, rng, {});
    return { do: 'call', operationId: send.operationId, title, expect, input: (ctx) => { const i = inp(); i.body = { ...(i.body as object), ...contact(ctx) }; return i; } };
  };
  const checkStep = (title: string, code: (ctx: FlowContext) => string, expect: 'success' | 'error'): FlowStep => {
    const inp = inputFor(check, rng, {});
    return { do: 'call', operationId: check.operationId, title, expect, input: (ctx) => { const i = inp(); i.body = { ...(i.body as object), ...contact(ctx), verify_code: code(ctx) }; return i; } };
  };
  const read: FlowStep = { do: 'read-code', title: 'read the code sent' };
  return [
    makeFlow(spec, 'send-read-check', 'send -> read code -> check: verified', check.operationId, flowPhone(rng), [
      sendStep('send a code by SMS', 'success'), read, checkStep('check the right code', (c) => c.code!, 'success'),
    ]),
    makeFlow(spec, 'check-wrong-code', 'send -> check a wrong code: rejected', check.operationId, flowPhone(rng), [
      sendStep('send a code by SMS', 'success'), read, checkStep('check a wrong code', (c) => otherCode(c.code), 'error'),
    ]),
    makeFlow(spec, 'check-after-expiry', 'send -> wait past 5 minutes -> check: rejected', check.operationId, flowPhone(rng), [
      sendStep('send a code by SMS', 'success'), read, { do: 'advance-clock', title: 'advance the clock 6 minutes', ms: 6 * 60_000 },
      checkStep('check the right code after expiry', (c) => c.code!, 'error'),
    ]),
    makeFlow(spec, 'resend-too-soon', 'send twice within a minute: second rejected', send.operationId, flowPhone(rng), [
      sendStep('send a code by SMS', 'success'), sendStep('send again at once', 'error'),
    ]),
  ];
}
