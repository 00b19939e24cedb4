/**
 * The error and result codes the provider pages document, per operation, with the page they come from.
 * Lint fails when a spec lacks one of them. Sources are the files in ../shared/seeds (the seed pages)
 * and ../shared/providers.md (product error-code pages summarised there).
 */
import type { ProviderId } from './model.ts';

export interface SeedCode {
  provider: ProviderId;
  operationIds: string[];
  /** HTTP status the source documents; undefined when the source leaves it open (UNCONFIRMED). */
  status?: number;
  code: string;
  source: string;
}

const DYPNS_OPS = ['StartVerification', 'CheckVerification'];
const DYPNS_PRODUCT = ['INVALID_PARAMETERS', 'MOBILE_NUMBER_ILLEGAL', 'NOT_SUPPORTED_CHANNEL', 'COUNTRY_BLACKLISTED',
  'BIZ_NOT_OPEN_STATUS', 'SECURITY_INTERCEPTED', 'InternalError', 'WHATSAPP_SYSTEM_ERROR', 'SMS_SYSTEM_ERROR',
  'VOICE_SYSTEM_ERROR', 'RESOURCE_NOT_ENOUGH', 'SENTINEL_BLOCK_EXCEPTION', 'isp.VERIFY_SCHEME_NOT_EXIST'];
const RDM_SEED = 'seeds/alibaba-resourcedirectorymaster-SendPhoneVerificationForMessageContact.txt';
const RDM: Array<[number, string]> = [
  [400, 'MissingParameter.ContactId'], [400, 'InvalidParameter.ContactId'], [400, 'MissingParameter.PhoneNumber'],
  [400, 'InvalidParameter.PhoneNumber'], [400, 'InvalidParameter.MobileCountryCode'], [404, 'EntityNotExists.Contact'],
  [404, 'EntityNotExists.Contact.Verification'], [409, 'SendValidateCodeExceedsLimitForAccount'],
];
const JV_SEED = 'seeds/jiguang-jverification-verify.txt';
const JV_CODES = ['9000', '9001', '9002', '9003', '9004', '9005', '9006', '9007', '9010', '9011', '9012', '9013',
  '9014', '9015', '9018', '9020', '9021', '9031', '9099', '1801', '1802', '1803', '1804', '1805', '2000'];
const OSM_CHECK = ['OSM.01010001', 'OSM.01010010', 'OSM.01010011', 'OSM.01010012'];

export const SEED_CODES: SeedCode[] = [
  { provider: 'alibaba-dypnsapi-intl', operationIds: ['StartVerification'], status: 400, code: 'Invalid.Parameters', source: 'seeds/alibaba-dypnsapi-intl-StartVerification.txt' },
  { provider: 'alibaba-dypnsapi-intl', operationIds: ['CheckVerification'], status: 400, code: 'Invalid.Parameters', source: 'seeds/alibaba-dypnsapi-intl-CheckVerification.txt' },
  ...DYPNS_PRODUCT.map((code): SeedCode => ({ provider: 'alibaba-dypnsapi-intl', operationIds: DYPNS_OPS, code, source: 'providers.md §1 (product error-code page)' })),
  ...RDM.map(([status, code]): SeedCode => ({ provider: 'alibaba-resourcedirectorymaster', operationIds: ['SendPhoneVerificationForMessageContact'], status, code, source: RDM_SEED })),
  ...OSM_CHECK.map((code): SeedCode => ({ provider: 'huawei-osm', operationIds: ['CheckVerifyCodes'], status: 200, code, source: 'providers.md §3 (the seed page links the error-code page)' })),
  { provider: 'huawei-osm', operationIds: ['SendVerifyCodes'], status: 200, code: 'OSM.01010024', source: 'providers.md §3' },
  ...[[400, 'OSM.0001'], [401, 'OSM.0002'], [403, 'OSM.0003'], [500, 'OSM.0004']].map(([status, code]): SeedCode => ({ provider: 'huawei-osm', operationIds: ['CheckVerifyCodes', 'SendVerifyCodes'], status: status as number, code: code as string, source: 'providers.md §3' })),
  ...JV_CODES.map((code): SeedCode => ({ provider: 'jiguang-jverification', operationIds: ['Verify', 'VerifyH5'], code, source: code === '9000' || code === '9011' ? JV_SEED : 'providers.md §4' })),
];

export function seedCodesFor(provider: ProviderId): SeedCode[] {
  return SEED_CODES.filter((s) => s.provider === provider);
}
