import type { ProviderSpec } from '../../spec/model.ts';
import type { Rng } from '../prng.ts';
import { dig, findOp, flowPhone, inputFor, makeFlow } from './helpers.ts';
import type { FlowCase, FlowContext } from './types.ts';

/** ResourceDirectoryMaster: AddMessageContact -> SendPhoneVerificationForMessageContact. */
export function resourceDirectoryFlows(spec: ProviderSpec, rng: Rng): FlowCase[] {
  const add = findOp(spec, 'AddMessageContact');
  const send = findOp(spec, 'SendPhoneVerificationForMessageContact');
  if (!add || !send) return [];
  const phone = (ctx: FlowContext) => `${ctx.phone.cc}-${ctx.phone.national}`;
  const addInput = inputFor(add, rng, {});
  const sendInput = inputFor(send, rng, {});
  const addStep = {
    do: 'call' as const, operationId: add.operationId, title: 'add a message contact with the number', expect: 'success' as const,
    input: (ctx: FlowContext) => { const i = addInput(); (i.query ??= {}).PhoneNumber = phone(ctx); return i; },
    save: (json: unknown) => ({ contactId: dig(json, 'ContactId') }),
    assert: (json: unknown) => (typeof dig(json, 'ContactId') === 'string' ? undefined : 'received no ContactId, documented a ContactId for the new contact'),
  };
  const sendStep = (title: string, number: (ctx: FlowContext) => string, expect: 'success' | 'error') => ({
    do: 'call' as const, operationId: send.operationId, title, expect,
    input: (ctx: FlowContext) => { const i = sendInput(); Object.assign(i.query ??= {}, { ContactId: ctx.vars.contactId, PhoneNumber: number(ctx) }); return i; },
  });
  return [
    makeFlow(spec, 'add-contact-send-verification', 'add contact -> send phone verification', send.operationId, flowPhone(rng), [
      addStep, sendStep('send the verification to the contact number', phone, 'success'),
    ]),
    makeFlow(spec, 'send-verification-other-number', 'add contact -> send verification to another number: rejected', send.operationId, flowPhone(rng), [
      addStep, sendStep('send the verification to a number the contact does not have', (c) => `${c.phone.cc}-13800138999`, 'error'),
    ]),
  ];
}
