import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RDM_RULES, repeatList } from '../../src/mock/alibaba/rdm.ts';
import { codeOf, Harness } from './helpers.ts';

const P = 'alibaba-resourcedirectorymaster' as const;
let h: Harness;
beforeAll(async () => {
  h = await Harness.start([P]);
});
afterAll(() => h.close());
beforeEach(() => h.control.reset(P));

const CONTACT = { Name: 'tom', EmailAddress: 'tom@example.com', PhoneNumber: '86-13800138000', Title: 'TechnicalDirector', MessageTypes: ['AccountExpenses'] };
const add = (q: Record<string, unknown>) => h.call(P, 'AddMessageContact', { query: q });
const sendPhone = (q: Record<string, string>) => h.call(P, 'SendPhoneVerificationForMessageContact', { query: q });

async function contactId(q: Record<string, unknown> = CONTACT): Promise<string> {
  const r = await add(q);
  expect(r.status).toBe(200);
  return r.json.Contact.ContactId;
}

describe('AddMessageContact', () => {
  const { PhoneNumber: _p, ...noPhone } = CONTACT;
  const table: Array<{ name: string; given: Record<string, unknown>; want: [number, string] }> = [
    { name: 'a full contact', given: CONTACT, want: [200, ''] },
    { name: 'a contact without phone', given: noPhone, want: [200, ''] },
    { name: 'no Name', given: { ...CONTACT, Name: undefined }, want: [400, 'MissingParameter.Name'] },
    { name: 'no EmailAddress', given: { ...CONTACT, EmailAddress: undefined }, want: [400, 'MissingParameter.EmailAddress'] },
    { name: 'no Title', given: { ...CONTACT, Title: undefined }, want: [400, 'MissingParameter.Title'] },
    { name: 'no MessageTypes', given: { ...CONTACT, MessageTypes: undefined }, want: [400, 'MissingParameter.MessageTypes'] },
    { name: 'a malformed phone', given: { ...CONTACT, PhoneNumber: '13800138000' }, want: [400, 'InvalidParameter.PhoneNumber'] },
    { name: 'a non-86 phone', given: { ...CONTACT, PhoneNumber: '44-7700900123' }, want: [400, 'InvalidParameter.MobileCountryCode'] },
    { name: 'an invalid email', given: { ...CONTACT, EmailAddress: 'not-an-email' }, want: [400, 'MissingParameter'] },
    { name: 'an unknown title', given: { ...CONTACT, Title: 'Janitor' }, want: [400, 'MissingParameter'] },
  ];
  for (const c of table) {
    it(`${c.name} -> ${c.want.join(' ')}`, async () => {
      const r = await add(c.given);
      expect([r.status, codeOf(h, P, r)]).toEqual(c.want);
      expect(h.problems(P, 'AddMessageContact', r)).toEqual([]);
    });
  }

  it("answers with the new contact's ContactId and CreateDate only, as the official SDK model has it", async () => {
    const r = await add({ ...CONTACT, MessageTypes: ['AccountExpenses', 'ProductNews'] });
    expect(Object.keys(r.json).sort()).toEqual(['Contact', 'RequestId']);
    expect(Object.keys(r.json.Contact).sort()).toEqual(['ContactId', 'CreateDate']);
    expect(r.json.Contact.ContactId).toMatch(/^c-[A-Za-z0-9]{16}$/);
    expect(r.json.Contact.CreateDate).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  });

  it('reads MessageTypes as a repeat list in index order', () => {
    const table: Array<{ given: Record<string, string>; want: string[] }> = [
      { given: { 'MessageTypes.1': 'AccountExpenses', 'MessageTypes.2': 'ProductNews' }, want: ['AccountExpenses', 'ProductNews'] },
      { given: { 'MessageTypes.10': 'c', 'MessageTypes.2': 'b', 'MessageTypes.1': 'a' }, want: ['a', 'b', 'c'] },
      { given: { 'MessageTypes.1': '', 'MessageTypes.2': 'b' }, want: ['b'] },
      { given: { MessageTypes: 'a', 'MessageTypesX.1': 'x', 'Other.1': 'y' }, want: [] },
    ];
    for (const { given, want } of table) expect(repeatList(given, 'MessageTypes')).toEqual(want);
  });
});

describe('SendPhoneVerificationForMessageContact', () => {
  it('sends a code to a known contact (outbox) and answers with RequestId only', async () => {
    const id = await contactId();
    const r = await sendPhone({ ContactId: id, PhoneNumber: CONTACT.PhoneNumber });
    expect(r.status).toBe(200);
    expect(Object.keys(r.json)).toEqual(['RequestId']);
    expect(h.problems(P, 'SendPhoneVerificationForMessageContact', r)).toEqual([]);
    expect(h.control.outbox(P)).toMatchObject([{ to: CONTACT.PhoneNumber, ref: id, channel: 'SMS' }]);
  });

  it('answers every documented error it can produce', async () => {
    const id = await contactId();
    const { PhoneNumber: _p, ...noPhone } = CONTACT;
    const phoneless = await contactId(noPhone);
    const table: Array<[Record<string, string>, number, string]> = [
      [{ PhoneNumber: CONTACT.PhoneNumber }, 400, 'MissingParameter.ContactId'],
      [{ ContactId: id }, 400, 'MissingParameter.PhoneNumber'],
      [{ ContactId: 'contact-1', PhoneNumber: CONTACT.PhoneNumber }, 400, 'InvalidParameter.ContactId'],
      [{ ContactId: id, PhoneNumber: '8613800138000' }, 400, 'InvalidParameter.PhoneNumber'],
      [{ ContactId: id, PhoneNumber: '86-13800138999' }, 400, 'InvalidParameter.PhoneNumber'],
      [{ ContactId: id, PhoneNumber: '1-2025550123' }, 400, 'InvalidParameter.MobileCountryCode'],
      [{ ContactId: 'c-qL4HqKONzOM7zzzz', PhoneNumber: CONTACT.PhoneNumber }, 404, 'EntityNotExists.Contact'],
      [{ ContactId: phoneless, PhoneNumber: CONTACT.PhoneNumber }, 404, 'EntityNotExists.Contact.Verification'],
    ];
    for (const [given, status, code] of table) {
      const r = await sendPhone(given);
      expect([r.status, codeOf(h, P, r)], JSON.stringify(given)).toEqual([status, code]);
      expect(h.problems(P, 'SendPhoneVerificationForMessageContact', r)).toEqual([]);
    }
  });

  it('answers 409 after the daily per-account limit, lifted the next (mock) day', async () => {
    const id = await contactId();
    const q = { ContactId: id, PhoneNumber: CONTACT.PhoneNumber };
    for (let i = 0; i < RDM_RULES.dailySendLimit; i++) expect((await sendPhone(q)).status).toBe(200);
    const over = await sendPhone(q);
    expect([over.status, codeOf(h, P, over)]).toEqual([409, 'SendValidateCodeExceedsLimitForAccount']);
    expect(h.problems(P, 'SendPhoneVerificationForMessageContact', over)).toEqual([]);
    h.control.advanceClock(P, 86_400_000);
    expect((await sendPhone(q)).status).toBe(200);
  });
});
