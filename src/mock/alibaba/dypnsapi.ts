/**
 * alibaba-dypnsapi-intl: StartVerification stores a code and a verificationId; CheckVerification approves
 * once, rejects a wrong code, expires; SearchVerification lists records. Business errors are HTTP 200 bodies
 * with Success false (as the spec models them); a missing required parameter is the common 400 MissingParameter
 * naming it (the Alibaba gateway's answer in public reports; UNCONFIRMED for this product, see specs/README.md).
 */
import { randomInt } from 'node:crypto';
import type { AlibabaCredentials } from '../../signing/credentials.ts';
import { BoundedMap } from '../lru.ts';
import { randomBase64 } from '../random.ts';
import type { MockContext, ProviderMock } from '../types.ts';
import { type AlibabaResult, createAlibabaMock, err, ok } from './common.ts';

/** Mock conventions (documented in src/mock/README.md). */
export const DYPNS_RULES = {
  codeTtlMs: 5 * 60_000,
  resendIntervalMs: 60_000,
  maxCheckAttempts: 5,
  maxVerifications: 10_000,
  /** Numbers of this country code are COUNTRY_BLACKLISTED. */
  blacklistedPrefix: '850',
};

const CHANNELS = ['SMS', 'VOICE', 'WHATSAPP'];
/** What a channel name looks like (letters only, as SMS, VOICE, WHATSAPP). */
const CHANNEL_NAME = /^[A-Za-z]{1,32}$/;
const START_REQUIRED = ['Channel', 'To', 'ServiceSid'];
/** 7-15 digits with the country code; a "*" stands for a digit, so the pages' masked examples (6212345****01) pass. */
const PHONE = /^[1-9][\d*]{6,14}$/;
/** The SDK models' integer parameters on every operation (OwnerId, ResourceOwnerId): digits when present. */
const SDK_INTS = ['OwnerId', 'ResourceOwnerId'];
const SERVICE_SID = /^[A-Za-z0-9_-]{1,64}$/;

type Status = 'pending' | 'approved' | 'canceled';

interface Verification {
  id: string;
  to: string;
  channel: string;
  serviceSid: string;
  code: string;
  sentAt: number;
  updatedAt: number;
  status: Status;
  attempts: number;
}

/** A 200 body with a product error code; `Success` is a boolean or, for CheckVerification, a string. */
function business(code: string, message: string, stringSuccess = false, model?: Record<string, unknown>): AlibabaResult {
  return ok({ Code: code, Message: message, Success: stringSuccess ? 'false' : false, ...(model ? { Model: model } : {}) });
}

/** 400 MissingParameter naming the first absent required parameter, or 400 Invalid.Parameters for a non-integer OwnerId / ResourceOwnerId. */
function missing(params: Record<string, string>, names: string[]): AlibabaResult | undefined {
  const name = names.find((n) => !params[n]);
  if (name) return err('MissingParameter', `The input parameter "${name}" that is mandatory for processing this request is not supplied.`);
  const bad = SDK_INTS.find((n) => params[n] !== undefined && !/^\d{1,19}$/.test(params[n]));
  return bad ? err('Invalid.Parameters', `The parameter is invalid: ${bad} must be a non-negative integer.`) : undefined;
}

export function createDypnsapiMock(ctx: MockContext, credentials: AlibabaCredentials[]): ProviderMock {
  const { clock, outbox } = ctx;
  const verifications = new BoundedMap<string, Verification>(DYPNS_RULES.maxVerifications);
  const lastSend = new BoundedMap<string, number>(DYPNS_RULES.maxVerifications);

  const expired = (v: Verification) => clock.now() - v.sentAt > DYPNS_RULES.codeTtlMs;

  function start(p: Record<string, string>): AlibabaResult {
    const miss = missing(p, START_REQUIRED);
    if (miss) return miss;
    // A value that cannot be a channel name at all is an invalid parameter; a well-formed name the service lacks is not supported.
    if (!CHANNEL_NAME.test(p.Channel)) return err('Invalid.Parameters', 'The parameter is invalid: Channel must be one of SMS, VOICE, WHATSAPP.');
    if (!CHANNELS.includes(p.Channel)) return business('NOT_SUPPORTED_CHANNEL', `The channel is not supported: use SMS, VOICE or WHATSAPP.`);
    if (!PHONE.test(p.To)) return business('MOBILE_NUMBER_ILLEGAL', 'The mobile phone number is invalid: country code and number, digits only, no "+".');
    if (!SERVICE_SID.test(p.ServiceSid)) return business('isp.VERIFY_SCHEME_NOT_EXIST', 'The verification scheme does not exist: check ServiceSid.');
    if (p.To.startsWith(DYPNS_RULES.blacklistedPrefix)) return business('COUNTRY_BLACKLISTED', 'The country or region of the number is blacklisted.');
    const key = `${p.ServiceSid}\n${p.To}`;
    const now = clock.now();
    // A number not seen before (the usual case) is remembered in the same look-up that finds it unseen.
    const last = lastSend.peekOrSet(key, now);
    if (last !== undefined) {
      if (now - last < DYPNS_RULES.resendIntervalMs) {
        lastSend.get(key); // marks it as recently used, as a look-up always did
        return business('SENTINEL_BLOCK_EXCEPTION', `The request was blocked by flow control: one code per number every ${DYPNS_RULES.resendIntervalMs / 1000}s.`);
      }
      lastSend.set(key, now);
    }
    const v: Verification = {
      id: randomBase64(48),
      to: p.To,
      channel: p.Channel,
      serviceSid: p.ServiceSid,
      code: String(randomInt(0, 1_000_000)).padStart(6, '0'),
      sentAt: now,
      updatedAt: now,
      status: 'pending',
      attempts: 0,
    };
    verifications.set(v.id, v);
    outbox.push({ provider: 'alibaba-dypnsapi-intl', operationId: 'StartVerification', channel: v.channel, to: v.to, code: v.code, ref: v.id, sentAt: now });
    return ok({ Code: 'OK', Message: 'OK', Success: true, Model: { verifyCode: '', verificationId: v.id, status: v.status } });
  }

  function check(p: Record<string, string>): AlibabaResult {
    const miss = missing(p, ['Code', 'VerificationId']);
    if (miss) return miss;
    const v = verifications.get(p.VerificationId);
    if (!v || (p.To && p.To !== v.to) || (p.ServiceSid && p.ServiceSid !== v.serviceSid)) {
      return business('INVALID_PARAMETERS', 'Invalid parameters: no verification matches VerificationId (and To / ServiceSid).', true);
    }
    const model = () => ({ phoneNumber: v.to, channel: v.channel, verificationId: v.id, status: v.status });
    if (v.status === 'approved') return business('INVALID_PARAMETERS', 'Invalid parameters: the verification was already approved.', true, model());
    if (v.status === 'canceled') return business('SECURITY_INTERCEPTED', 'The request was intercepted by security controls: too many wrong codes.', true, model());
    if (expired(v)) return business('INVALID_PARAMETERS', 'Invalid parameters: the verification code has expired.', true, { ...model(), status: 'expired' });
    v.updatedAt = clock.now();
    if (p.Code !== v.code) {
      v.attempts++;
      if (v.attempts >= DYPNS_RULES.maxCheckAttempts) v.status = 'canceled';
      return business('INVALID_PARAMETERS', 'Invalid parameters: the verification code is incorrect.', true, model());
    }
    v.status = 'approved';
    return ok({ Code: 'OK', Message: 'OK', Success: 'true', Model: model() });
  }

  function search(p: Record<string, string>): AlibabaResult {
    const bad = missing(p, []);
    if (bad) return bad;
    const int = (name: string, dflt: number) => {
      if (p[name] === undefined || p[name] === '') return dflt;
      return /^[1-9]\d{0,14}$/.test(p[name]) ? Number(p[name]) : NaN;
    };
    // Any positive page size is accepted (the spec sets no maximum); a page holds at most 100 records.
    const pageSize = int('PageSize', 10);
    const currentPage = int('CurrentPage', 1);
    if (Number.isNaN(pageSize) || Number.isNaN(currentPage)) return err('Invalid.Parameters', 'The parameter is invalid: PageSize and CurrentPage must be positive integers.');
    // SendDate is epoch milliseconds (the SDK models); the mock matches records sent on that UTC day.
    if (p.SendDate && !/^\d{1,15}$/.test(p.SendDate)) return err('Invalid.Parameters', 'The parameter is invalid: SendDate must be a time in epoch milliseconds.');
    const day = (ms: number) => Math.floor(ms / 86_400_000);
    const sendDay = p.SendDate ? day(Number(p.SendDate)) : undefined;
    const size = Math.min(pageSize, 100);
    const all = [...verifications.values()].filter(
      (v) =>
        (!p.ServiceSid || v.serviceSid === p.ServiceSid) &&
        (!p.To || v.to === p.To) &&
        (!p.VerificationId || v.id === p.VerificationId) &&
        (!p.Code || v.code === p.Code) &&
        (sendDay === undefined || day(v.sentAt) === sendDay),
    );
    const records = all.slice((currentPage - 1) * size, currentPage * size).map((v) => ({
      sendDate: v.sentAt,
      channel: v.channel,
      serviceSid: v.serviceSid,
      to: v.to,
      updatedDate: v.updatedAt,
      verificationId: v.id,
      status: v.status === 'pending' && expired(v) ? 'expired' : v.status,
    }));
    return ok({ Code: 'OK', Message: 'OK', Success: true, Model: { records, pageNo: currentPage, totalPage: Math.ceil(all.length / size), pageSize: size, totalCount: all.length } });
  }

  return createAlibabaMock(
    ctx,
    {
      id: 'alibaba-dypnsapi-intl',
      product: 'Dypnsapi-intl',
      hostId: 'dypnsapi-intl.ap-southeast-1.aliyuncs.com',
      badRequestCode: 'Invalid.Parameters',
      driftField: 'Success',
      handlers: {
        StartVerification: (c) => start(c.params),
        CheckVerification: (c) => check(c.params),
        SearchVerification: (c) => search(c.params),
      },
      resetState() {
        verifications.clear();
        lastSend.clear();
      },
    },
    credentials,
  );
}
