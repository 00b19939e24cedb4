/**
 * The samples printed on the seed pages (../shared/seeds), for the tests that hold the specs and the mocks
 * to them: every JSON block of a page, and the request each page shows (its curl body, or for the RPC pages
 * the parameter table's Example column, each value checked to appear on the page).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ProviderId } from '../../src/spec/model.ts';

export const SEEDS = join('..', 'shared', 'seeds');
export const HAVE_SEEDS = existsSync(SEEDS);

/** Every balanced {...} block of a page that parses as a JSON object (pages print samples twice: kept once). */
export function jsonBlocks(text: string): Array<Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>();
  for (let i = text.indexOf('{'); i >= 0; i = text.indexOf('{', i + 1)) {
    let depth = 0;
    for (let j = i; j < text.length; j++) {
      if (text[j] === '{') depth++;
      else if (text[j] === '}' && --depth === 0) {
        try {
          const v = JSON.parse(text.slice(i, j + 1));
          if (v && typeof v === 'object' && !Array.isArray(v)) out.set(JSON.stringify(v), v);
        } catch { /* prose in braces */ }
        break;
      }
    }
  }
  return [...out.values()];
}

/** Where a JSON block of a page belongs: a request body, a response under a status, or a response field's value (e.g. Model). */
export type Placement = { request: true } | { status: number } | { status: number; field: string };

export interface SeedPage {
  seed: string;
  provider: ProviderId;
  operationId: string;
  /** The request the page shows: `query` from the parameter table's examples (RPC), `body` from its curl/example. */
  request: { query?: Record<string, string>; body?: unknown };
  /** Every JSON block of the page: how to tell it (a field it has, and its code) and where it must validate. */
  blocks: Array<{ has: string; code?: number; at: Placement }>;
}

export const SEED_PAGES: SeedPage[] = [
  {
    seed: 'alibaba-dypnsapi-intl-StartVerification.txt',
    provider: 'alibaba-dypnsapi-intl',
    operationId: 'StartVerification',
    request: { query: { Channel: 'SMS', To: '6212345****01', ServiceSid: 'FA00000000000001' } },
    blocks: [
      { has: 'RequestId', at: { status: 200 } },
      { has: 'verifyCode', at: { status: 200, field: 'Model' } },
    ],
  },
  {
    seed: 'alibaba-dypnsapi-intl-CheckVerification.txt',
    provider: 'alibaba-dypnsapi-intl',
    operationId: 'CheckVerification',
    request: { query: { ServiceSid: 'FA00000000000001', To: '6212345****01', Code: '1234', VerificationId: 'rJXlaR2q5LpKfREtpRPMBfDVQvELZwmBbK5yVR7gr3nLbNAcolLGPYCJaVHt/i+I' } },
    blocks: [
      { has: 'RequestId', at: { status: 200 } },
      { has: 'phoneNumber', at: { status: 200, field: 'Model' } },
    ],
  },
  {
    seed: 'alibaba-resourcedirectorymaster-SendPhoneVerificationForMessageContact.txt',
    provider: 'alibaba-resourcedirectorymaster',
    operationId: 'SendPhoneVerificationForMessageContact',
    request: { query: { ContactId: 'c-qL4HqKONzOM7****', PhoneNumber: '86-139****1234' } },
    blocks: [{ has: 'RequestId', at: { status: 200 } }],
  },
  {
    seed: 'huawei-osm-CheckVerifyCodes.txt',
    provider: 'huawei-osm',
    operationId: 'CheckVerifyCodes',
    request: { body: { verify_code: '123456', contact_value: '123456', contact_way: 1, area_code: '86', x_customer_id: '123456', customer_id: '123456' } },
    blocks: [{ has: 'verify_code', at: { request: true } }],
  },
  {
    seed: 'jiguang-jverification-verify.txt',
    provider: 'jiguang-jverification',
    operationId: 'Verify',
    request: { body: { token: 'STsid0000001542695429579Ob28vB7b0cYTI9w0GGZrv8ujUu05qZvw', phone: 15813554612, exID: '1234566' } },
    blocks: [
      { has: 'token', at: { request: true } },
      { has: 'id', code: 9000, at: { status: 200 } },
      { has: 'content', code: 9011, at: { status: 401 } },
    ],
  },
];

export async function readSeed(seed: string): Promise<string> {
  return readFile(join(SEEDS, seed), 'utf8');
}
