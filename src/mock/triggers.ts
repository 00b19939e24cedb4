/**
 * How the mock reaches each documented code without arming: its natural triggers, by provider. A key is
 * a code (every operation of the provider) or `<operationId> <code>` (that operation only). Every
 * documented code can also be armed (`POST /__verikit/answers`); src/mock/README.md's table of codes is
 * generated from the specs and this registry (`codesTable`), and a test keeps both in step.
 */
import type { ProviderId, ProviderSpec } from '../spec/model.ts';
import { operationCodes } from './answers.ts';

const ALIBABA_COMMON: Record<string, string> = {
  IncompleteSignature: 'no or a malformed signature',
  SignatureDoesNotMatch: 'a signature made with another secret',
  'InvalidAccessKeyId.NotFound': 'an unknown AccessKeyId',
  SignatureNonceUsed: 'a signature nonce used again within 15 minutes',
  'InvalidTimeStamp.Expired': 'a signature timestamp more than 15 minutes from real time',
  'InvalidAction.NotFound': 'an unknown Action, another Version, a path other than `/` or a method other than GET/POST',
  'Throttling.User': 'beyond a request-rate quota per caller (`POST /__verikit/quota`)',
  'Throttling.Api': 'beyond a request-rate quota of the operation (`POST /__verikit/quota` with `scope: "api"`)',
};

export const NATURAL_TRIGGERS: Record<ProviderId, Record<string, string>> = {
  'alibaba-dypnsapi-intl': {
    ...ALIBABA_COMMON,
    'StartVerification OK': 'a valid request',
    'CheckVerification OK': 'the code that was sent, once',
    'SearchVerification OK': 'a valid request',
    'StartVerification Invalid.Parameters': 'a Channel value that is no channel name (e.g. `SMS,VOICE`), or a malformed request',
    'CheckVerification Invalid.Parameters': 'a malformed request (bad encoding, a body that is not form-urlencoded)',
    'SearchVerification Invalid.Parameters': 'PageSize or CurrentPage not a positive integer, SendDate not yyyyMMdd, or a malformed request',
    MissingParameter: 'a required parameter left out (StartVerification: Channel, To or ServiceSid; CheckVerification: Code or VerificationId); the message names it',
    'StartVerification NOT_SUPPORTED_CHANNEL': 'a channel name other than SMS, VOICE, WHATSAPP',
    'StartVerification MOBILE_NUMBER_ILLEGAL': 'a To that is not 7-15 digits with the country code',
    'StartVerification COUNTRY_BLACKLISTED': 'a To starting with 850',
    'StartVerification isp.VERIFY_SCHEME_NOT_EXIST': 'a ServiceSid outside `[A-Za-z0-9_-]{1,64}`',
    'StartVerification SENTINEL_BLOCK_EXCEPTION': 'the same To and ServiceSid again within a minute',
    'CheckVerification INVALID_PARAMETERS': 'no matching verification, a wrong or expired code, or one already approved',
    'CheckVerification SECURITY_INTERCEPTED': 'a check after 5 wrong codes',
  },
  'alibaba-resourcedirectorymaster': {
    ...ALIBABA_COMMON,
    MissingParameter: 'a malformed request; AddMessageContact: an EmailAddress that is no address or a Title outside the list',
    'AddMessageContact ': 'a valid contact',
    'SendPhoneVerificationForMessageContact ': "the contact's own number, within the daily limit",
    'MissingParameter.Name': 'no Name',
    'MissingParameter.EmailAddress': 'no EmailAddress',
    'MissingParameter.Title': 'no Title',
    'MissingParameter.MessageTypes': 'no MessageTypes',
    'MissingParameter.ContactId': 'no ContactId',
    'MissingParameter.PhoneNumber': 'no PhoneNumber',
    'InvalidParameter.ContactId': 'a ContactId that does not look like `c-…`',
    'InvalidParameter.PhoneNumber': 'a PhoneNumber that is not `<country code>-<digits>` (SendPhone…: or not the contact\'s number)',
    'InvalidParameter.MobileCountryCode': 'a country code other than 86',
    'EntityNotExists.Contact': "an unknown contact, or another account's",
    'EntityNotExists.Contact.Verification': 'a contact added without a phone number',
    SendValidateCodeExceedsLimitForAccount: 'the 21st send of an account in one mock-clock day',
  },
  'huawei-osm': {
    '': 'a valid request (CheckVerifyCodes: the code that was sent)',
    'OSM.0001': 'a malformed query, a body that is not JSON or not an object, or a content type other than JSON',
    'APIGW.0301': 'a wrong IAM token or AK/SK signature',
    'APIGW.0101': 'an unknown path, or a method other than POST',
    'APIGW.0308': 'beyond a request-rate quota (`POST /__verikit/quota`)',
    'OSM.01010001': 'a field of the wrong type or length, or a contact_value that is no phone number (way 0) or email (way 1)',
    'OSM.01010012': 'a contact_way other than 0 or 1',
    'CheckVerifyCodes OSM.01010010': 'no code pending, a wrong or expired code, or a check after 5 wrong codes',
    'SendVerifyCodes OSM.01010024': 'the same contact again within a minute',
  },
  'jiguang-jverification': {
    '1801': 'an unknown path',
    '1804': 'beyond a request-rate quota (`POST /__verikit/quota`)',
    '9000': 'the phone the token was minted for (`POST /__verikit/token`)',
    '9001': 'another phone than the token was minted for',
    '9002': 'a token minted with `"outcome": "unknown"`',
    '9003': 'an expired or unknown token',
    '9005': 'the same phone again within 1 s',
    '9006': 'the 51st verification of a phone in a mock-clock day',
    '9007': 'the 10,001st verification of an appKey in a mock-clock day',
    '9010': 'no Authorization',
    '9011': 'a wrong masterSecret or appKey',
    '9012': 'a body that is not JSON, or a token or phone missing or malformed',
    '9013': 'a method other than POST',
    '9015': 'a content type other than JSON',
    '9020': 'a token that is no carrier token (`STsid…`)',
    '9021': 'a token used already',
  },
};

/**
 * Codes the mock reaches on its own (above) that verikit's own generated cases and flows do not provoke:
 * they need state or requests a run does not build (a replayed nonce, a skewed clock, 10,001 verifications,
 * a wrong path or method, an api-wide quota). Same keys as NATURAL_TRIGGERS. On the mock target the run
 * plans an armed case for each of them, as for the codes without a natural trigger (src/cases/coverage-cases.ts);
 * test/runner/armed-coverage.test.ts fails when a code the run is said to reach naturally is not reached.
 */
export const RUN_ARMS: Record<ProviderId, readonly string[]> = {
  'alibaba-dypnsapi-intl': [
    'InvalidAccessKeyId.NotFound', 'SignatureNonceUsed', 'InvalidTimeStamp.Expired', 'InvalidAction.NotFound', 'Throttling.Api',
    'CheckVerification SECURITY_INTERCEPTED', 'StartVerification MOBILE_NUMBER_ILLEGAL', 'StartVerification NOT_SUPPORTED_CHANNEL',
    'StartVerification COUNTRY_BLACKLISTED', 'StartVerification isp.VERIFY_SCHEME_NOT_EXIST',
  ],
  'alibaba-resourcedirectorymaster': [
    'InvalidAccessKeyId.NotFound', 'SignatureNonceUsed', 'InvalidTimeStamp.Expired', 'InvalidAction.NotFound', 'Throttling.Api',
    'AddMessageContact InvalidParameter.MobileCountryCode', 'SendPhoneVerificationForMessageContact InvalidParameter.MobileCountryCode',
    'SendPhoneVerificationForMessageContact MissingParameter.PhoneNumber',
  ],
  // the quota flow throttles CheckVerifyCodes: SendVerifyCodes' 429 is armed
  'huawei-osm': ['OSM.0001', 'APIGW.0101', 'SendVerifyCodes APIGW.0308'],
  'jiguang-jverification': ['1801', '9005', '9006', '9007', '9013', '9015', '9021'],
};

/** Whether verikit's own run reaches a code naturally: it has a natural trigger the run provokes (else the run arms it). */
export function reachedByRun(provider: ProviderId, operationId: string, code: string): boolean {
  if (naturalTrigger(provider, operationId, code) === undefined) return false;
  const arms = RUN_ARMS[provider] ?? [];
  return !arms.includes(`${operationId} ${code}`) && !arms.includes(code);
}

/** The natural trigger of a documented code on an operation, or undefined when it can only be armed. */
export function naturalTrigger(provider: ProviderId, operationId: string, code: string): string | undefined {
  const t = NATURAL_TRIGGERS[provider];
  return t?.[`${operationId} ${code}`] ?? t?.[code];
}

const cell = (s: string) => s.replace(/\|/g, '\\|');
const show = (code: string) => (code === '' ? '(none: success)' : `\`${code}\``);

function how(provider: ProviderId, operationId: string, code: string): string {
  const natural = naturalTrigger(provider, operationId, code);
  if (natural === undefined) return 'armed only';
  return reachedByRun(provider, operationId, code) ? natural : `${natural} (verikit's run arms it)`;
}

/** The markdown table of every documented code per operation and how the mock reaches it (pure). */
export function codesTable(specs: ProviderSpec[]): string {
  const out: string[] = [];
  for (const spec of specs) {
    out.push(`**${spec.id}**`, '', '| operation | status | code | natural trigger (else: armed only) |', '|---|---|---|---|');
    const common = new Map<string, { status: number; code: string }>();
    for (const op of spec.operations) {
      for (const c of operationCodes(op)) {
        if (c.common) {
          common.set(`${c.status} ${c.code}`, c);
          continue;
        }
        out.push(`| ${op.operationId} | ${c.status} | ${show(c.code)} | ${cell(how(spec.id, op.operationId, c.code))} |`);
      }
    }
    for (const c of common.values()) out.push(`| every operation | ${c.status} | ${show(c.code)} | ${cell(how(spec.id, '', c.code))} |`);
    out.push('');
  }
  return out.join('\n').trimEnd();
}
