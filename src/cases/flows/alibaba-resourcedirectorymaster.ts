import { RDM_RULES } from '../../mock/alibaba/rdm.ts';
import type { ProviderSpec } from '../../spec/model.ts';
import type { Rng } from '../prng.ts';
import { dig, findOp, flowPhone, inputFor, makeFlow } from './helpers.ts';
import type { FlowCase, FlowContext, FlowStep } from './types.ts';

const DAY_MS = 86_400_000;

/**
 * ResourceDirectoryMaster: AddMessageContact -> SendPhoneVerificationForMessageContact, and the natural
 * triggers of two documented errors: a contact without a phone (404 EntityNotExists.Contact.Verification)
 * and the daily per-account limit (409 SendValidateCodeExceedsLimitForAccount; mock only: it moves the
 * clock to a fresh day, sends up to the mock's limit, then once more, and moves on to a fresh day again).
 */
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
  const noPhoneAdd = {
    ...addStep, title: 'add a message contact without a phone number',
    input: () => { const i = addInput(); if (i.query) delete i.query.PhoneNumber; return i; },
  };
  const freshDay = (title: string): FlowStep => ({ do: 'advance-clock', title, ms: DAY_MS });
  const sends: FlowStep[] = Array.from({ length: RDM_RULES.dailySendLimit }, (_, n) => sendStep(`send verification ${n + 1} of the day`, phone, 'success'));
  return [
    makeFlow(spec, 'send-verification-contact-without-phone', 'add contact without phone -> send phone verification: no verification to send', send.operationId, flowPhone(rng), [
      noPhoneAdd,
      { ...sendStep('send a phone verification to a contact that has no phone', phone, 'error'), answer: { status: 404, code: 'EntityNotExists.Contact.Verification' } },
    ]),
    makeFlow(spec, 'send-verification-daily-limit', `add contact -> ${RDM_RULES.dailySendLimit} verifications in a day -> one more: daily per-account limit`, send.operationId, flowPhone(rng), [
      freshDay('start a fresh day (the limit counts per account and day)'),
      addStep,
      ...sends,
      { ...sendStep('send one verification more than the daily limit', phone, 'error'), answer: { status: 409, code: 'SendValidateCodeExceedsLimitForAccount' } },
      freshDay('move on to a fresh day for the cases that follow'),
    ]),
    makeFlow(spec, 'add-contact-send-verification', 'add contact -> send phone verification', send.operationId, flowPhone(rng), [
      addStep, sendStep('send the verification to the contact number', phone, 'success'),
    ]),
    makeFlow(spec, 'send-verification-other-number', 'add contact -> send verification to another number: rejected', send.operationId, flowPhone(rng), [
      addStep, sendStep('send the verification to a number the contact does not have', (c) => `${c.phone.cc}-13800138999`, 'error'),
    ]),
  ];
}
