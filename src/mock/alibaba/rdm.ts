/**
 * alibaba-resourcedirectorymaster: AddMessageContact creates the contact that
 * SendPhoneVerificationForMessageContact needs (404 for unknown contacts, 400 for bad formats, 409 after
 * the daily per-account limit). Success bodies carry RequestId (and the new contact's id and time), never a Code.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import type { AlibabaCredentials } from '../../signing/credentials.ts';
import { BoundedMap } from '../lru.ts';
import type { MockContext, ProviderMock } from '../types.ts';
import { type AlibabaResult, createAlibabaMock, err, ok } from './common.ts';

/** Mock conventions (documented in src/mock/README.md). */
export const RDM_RULES = {
  /** Verification codes one account may send per (mock-clock, UTC) day. */
  dailySendLimit: 20,
  maxContacts: 10_000,
};

const TITLES = ['FinanceDirector', 'TechnicalDirector', 'MaintenanceDirector', 'CEO', 'ProjectDirector', 'Other'];
/** The spec's `format: email`, checked exactly as the spec's validators check it (ajv-formats, full mode). */
const EMAIL = fullFormats.email as RegExp;
/** `<country code>-<number>`; a "*" stands for a digit, so the pages' masked example (86-139****1234) passes. */
const PHONE_SHAPE = /^(\d{1,4})-([\d*]{4,20})$/;
const CONTACT_ID = /^c-[A-Za-z0-9*]+$/;
const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** What the mock keeps of a contact: what SendPhoneVerificationForMessageContact checks. */
interface Contact {
  owner: string;
  ContactId: string;
  PhoneNumber?: string;
  pendingCode?: string;
}

function newContactId(): string {
  return `c-${[...randomBytes(16)].map((b) => BASE62[b % 62]).join('')}`;
}

/** Checks `<cc>-<number>`: InvalidParameter.PhoneNumber for a bad shape, .MobileCountryCode for a code other than 86. */
function checkPhone(value: string): AlibabaResult | undefined {
  const m = PHONE_SHAPE.exec(value);
  if (!m) return err('InvalidParameter.PhoneNumber', 'The PhoneNumber is invalid: use <country code>-<number>, e.g. 86-13800138000.');
  if (m[1] !== '86') return err('InvalidParameter.MobileCountryCode', `The current site does not support the country code ${m[1]}: only 86 is accepted.`);
  return undefined;
}

/** A repeat list's values in index order (`Name.1=a&Name.2=b` -> [a, b]; empty values dropped). */
export function repeatList(params: Record<string, string>, name: string): string[] {
  return Object.entries(params)
    .map(([k, v]) => [new RegExp(`^${name}\\.(\\d+)$`).exec(k)?.[1], v] as const)
    .filter(([i, v]) => i !== undefined && v !== '')
    .sort((a, b) => Number(a[0]) - Number(b[0]))
    .map(([, v]) => v);
}

export function createRdmMock(ctx: MockContext, credentials: AlibabaCredentials[]): ProviderMock {
  const { clock, outbox } = ctx;
  const contacts = new BoundedMap<string, Contact>(RDM_RULES.maxContacts);
  const sentToday = new BoundedMap<string, number>(1_000);

  function add(p: Record<string, string>, owner: string): AlibabaResult {
    for (const name of ['Name', 'EmailAddress', 'Title'] as const) {
      if (!p[name]) return err(`MissingParameter.${name}`, `You must specify ${name}.`);
    }
    // the repeat list (MessageTypes.1=...), or one plain MessageTypes value
    if (!p.MessageTypes && repeatList(p, 'MessageTypes').length === 0) return err('MissingParameter.MessageTypes', 'You must specify MessageTypes (MessageTypes.1=...).');
    if (!EMAIL.test(p.EmailAddress)) return err('MissingParameter', 'The input parameter EmailAddress is not a valid email address.');
    if (!TITLES.includes(p.Title)) return err('MissingParameter', `The input parameter Title must be one of ${TITLES.join(', ')}.`);
    if (p.PhoneNumber) {
      const bad = checkPhone(p.PhoneNumber);
      if (bad) return bad;
    }
    const contact: Contact = { owner, ContactId: newContactId(), ...(p.PhoneNumber ? { PhoneNumber: p.PhoneNumber } : {}) };
    contacts.set(contact.ContactId, contact);
    // The answer names the contact and its creation time only (the official SDK model), e.g. 2023-03-27 17:19:21.
    return ok({ Contact: { ContactId: contact.ContactId, CreateDate: new Date(clock.now()).toISOString().slice(0, 19).replace('T', ' ') } });
  }

  function sendPhone(p: Record<string, string>, owner: string): AlibabaResult {
    if (!p.ContactId) return err('MissingParameter.ContactId', 'You must specify ContactId.');
    if (!p.PhoneNumber) return err('MissingParameter.PhoneNumber', 'You must specify PhoneNumber.');
    if (!CONTACT_ID.test(p.ContactId)) return err('InvalidParameter.ContactId', 'The ContactId is invalid: it looks like c-qL4HqKONzOM7xxxx.');
    const bad = checkPhone(p.PhoneNumber);
    if (bad) return bad;
    const contact = contacts.get(p.ContactId);
    if (!contact || contact.owner !== owner) return err('EntityNotExists.Contact', 'This Contact does not exist.');
    if (!contact.PhoneNumber) return err('EntityNotExists.Contact.Verification', 'This contact verification does not exist: the contact has no mobile phone number.');
    if (contact.PhoneNumber !== p.PhoneNumber) return err('InvalidParameter.PhoneNumber', 'The PhoneNumber is invalid: it must be the number given to AddMessageContact.');
    const key = `${owner}\n${clock.day()}`;
    const sent = sentToday.get(key) ?? 0;
    if (sent >= RDM_RULES.dailySendLimit) {
      return err('SendValidateCodeExceedsLimitForAccount', `For the same account, the number of verification codes sent exceeds the limit (${RDM_RULES.dailySendLimit} a day).`);
    }
    sentToday.set(key, sent + 1);
    contact.pendingCode = String(randomInt(0, 1_000_000)).padStart(6, '0');
    outbox.push({ provider: 'alibaba-resourcedirectorymaster', operationId: 'SendPhoneVerificationForMessageContact', channel: 'SMS', to: p.PhoneNumber, code: contact.pendingCode, ref: contact.ContactId, sentAt: clock.now() });
    return ok({});
  }

  return createAlibabaMock(
    ctx,
    {
      id: 'alibaba-resourcedirectorymaster',
      product: 'ResourceDirectoryMaster',
      hostId: 'resourcedirectory.aliyuncs.com',
      badRequestCode: 'MissingParameter',
      driftField: 'RequestId',
      handlers: {
        AddMessageContact: (c) => add(c.params, c.accessKeyId),
        SendPhoneVerificationForMessageContact: (c) => sendPhone(c.params, c.accessKeyId),
      },
      resetState() {
        contacts.clear();
        sentToday.clear();
      },
    },
    credentials,
  );
}
