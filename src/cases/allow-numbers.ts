/**
 * Allow-listed numbers for live runs: read strictly in international form, and spelled for each provider.
 * The cost guard's promise is "only the allow-listed number": nothing here guesses a country code.
 * Pure, apart from parseAllowNumbers registering the numbers for redaction.
 */
import { UsageError } from '../core/errors.ts';
import { registerSecret } from '../core/redact.ts';
import type { CaseInput } from '../core/types.ts';
import type { ProviderId } from '../spec/model.ts';
import type { FlowPhone } from './flows/types.ts';
import { isPhoneField, isTestPhone } from './phones.ts';

export const ALLOW_NUMBER_FORMS = '+8613900001234 or 86-13900001234';

/**
 * ITU-T E.164 country codes are prefix-free: 1 and 7 are one digit, these are two digits, every
 * other code is three digits. So "+<digits>" splits into country code and national number exactly.
 */
const TWO_DIGIT_CC = new Set([
  '20', '27', '30', '31', '32', '33', '34', '36', '39', '40', '41', '43', '44', '45', '46', '47', '48', '49',
  '51', '52', '53', '54', '55', '56', '57', '58', '60', '61', '62', '63', '64', '65', '66',
  '81', '82', '84', '86', '90', '91', '92', '93', '94', '95', '98',
]);

/** The country code at the start of an international number's digits (E.164 structure). */
export function countryCodeOf(digits: string): string {
  if (/^[17]/.test(digits)) return digits.slice(0, 1);
  if (TWO_DIGIT_CC.has(digits.slice(0, 2))) return digits.slice(0, 2);
  return digits.slice(0, 3);
}

function invalid(given: string, why: string): UsageError {
  // The number itself is not echoed (it is PII); its length is enough to find it.
  return new UsageError(
    `invalid allow-listed number (${given.length} characters): ${why}`,
    `write each allow-listed number in international form, ${ALLOW_NUMBER_FORMS} (country code first; never a number without it)`,
    'VK_ALLOW_NUMBER',
  );
}

/**
 * Reads one allow-list entry: `+<country code><number>` or `<country code>-<number>` (spaces allowed
 * between digit groups). A number without a country code is refused, never guessed.
 */
export function parseAllowNumber(s: string): FlowPhone {
  const t = s.trim().replace(/ /g, '');
  let cc: string;
  let national: string;
  const dashed = /^\+?(\d{1,3})-(\d[\d-]*)$/.exec(t);
  if (dashed) {
    cc = dashed[1];
    national = dashed[2].replace(/-/g, '');
    if (countryCodeOf(cc + national) !== cc) throw invalid(s, `"${cc}" is not a country code`);
  } else if (/^\+\d+$/.test(t)) {
    const d = t.slice(1);
    cc = countryCodeOf(d);
    national = d.slice(cc.length);
  } else if (/^\d+$/.test(t)) {
    throw invalid(s, 'no country code (a number of digits only could belong to several countries)');
  } else {
    throw invalid(s, 'only digits, one leading + or a dash after the country code are allowed');
  }
  if (cc.startsWith('0')) throw invalid(s, 'a country code never starts with 0');
  if (national.length < 4 || cc.length + national.length > 15) throw invalid(s, 'an international number has 5 to 15 digits with its country code');
  return { cc, national };
}

/**
 * Every allow-list entry read (throws a UsageError naming the expected form at the first bad one), and
 * each of its spellings registered for redaction as a phone number.
 */
export function parseAllowNumbers(values: readonly string[]): FlowPhone[] {
  const out = values.map(parseAllowNumber);
  for (const n of out) for (const v of [n.national, `${n.cc}${n.national}`, `${n.cc}-${n.national}`, `+${n.cc}${n.national}`]) registerSecret(v, 'phone');
  return out;
}

/** The digits of the international number, country code first (how the guard compares numbers). */
export const international = (n: FlowPhone): string => n.cc + n.national;

const MAINLAND = /^1\d{10}$/;

/** Why `provider` cannot take the number (the case is then skipped), or undefined when it can. */
export function unreachableBy(provider: ProviderId, n: FlowPhone): string | undefined {
  if (provider === 'jiguang-jverification' && (n.cc !== '86' || !MAINLAND.test(n.national))) {
    return 'cost guard: JVerification verifies mainland China mobile numbers only (+86 and 11 digits); no allow-listed number is one';
  }
  return undefined;
}

/** The number as `provider` spells it in its phone fields. */
export function spellFor(provider: ProviderId, n: FlowPhone): string {
  switch (provider) {
    case 'alibaba-dypnsapi-intl':
      return `${n.cc}${n.national}`;
    case 'alibaba-resourcedirectorymaster':
      return `${n.cc}-${n.national}`;
    case 'huawei-osm':
    case 'jiguang-jverification':
      return n.national;
  }
}

/** The provider puts the country code in a field of its own (Huawei OSM's `area_code`). */
export const AREA_CODE_FIELD: Partial<Record<ProviderId, string>> = { 'huawei-osm': 'area_code' };

const NO_AREA_CODE = 'without-area-code:';

/**
 * The international number (digits, country code first) a provider would reach for one phone field
 * value, read the way that provider reads it; a value it cannot be sure of never equals an allowed one.
 */
export function wireNumber(provider: ProviderId, value: string, areaCode: unknown): string {
  const v = value.trim();
  switch (provider) {
    case 'alibaba-dypnsapi-intl':
      return /^\+?\d+$/.test(v) ? v.replace(/^\+/, '') : v;
    case 'alibaba-resourcedirectorymaster': {
      const m = /^(\d{1,4})-(\d+)$/.exec(v);
      return m ? m[1] + m[2] : v;
    }
    case 'huawei-osm': {
      const cc = typeof areaCode === 'string' || typeof areaCode === 'number' ? String(areaCode).replace(/^\+/, '') : '';
      return /^\d{1,4}$/.test(cc) && /^\d+$/.test(v) ? cc + v : NO_AREA_CODE + v;
    }
    case 'jiguang-jverification':
      return MAINLAND.test(v) ? `86${v}` : v;
  }
}

type Part = Record<string, unknown>;
const partsOf = (input: CaseInput): Part[] =>
  [input.query, input.header, input.body].filter((p): p is Part => !!p && typeof p === 'object' && !Array.isArray(p)) as Part[];

/**
 * The international numbers (digits, country code first) a request to `provider` reaches: every
 * top-level phone field, read the way the provider reads it (Huawei OSM: `area_code` + `contact_value`).
 */
export function wireNumbersIn(provider: ProviderId, input: CaseInput): string[] {
  const out: string[] = [];
  const area = AREA_CODE_FIELD[provider];
  for (const part of partsOf(input)) {
    for (const [k, v] of Object.entries(part)) {
      if (!isPhoneField(k) || (typeof v !== 'string' && typeof v !== 'number')) continue;
      out.push(wireNumber(provider, String(v), area ? part[area] : undefined));
    }
  }
  return out;
}

/**
 * Rewrites verikit's test numbers in a case input to the allow-listed number `n`, spelled as
 * `provider` spells it (and its country-code field set to n's country code). Pure (returns a copy).
 */
export function substitutePhones(provider: ProviderId, input: CaseInput, n: FlowPhone): CaseInput {
  const out = JSON.parse(JSON.stringify(input)) as CaseInput;
  const spelled = spellFor(provider, n);
  const area = AREA_CODE_FIELD[provider];
  for (const part of [out.query, out.body] as Array<Part | undefined>) {
    if (!part || typeof part !== 'object' || Array.isArray(part)) continue;
    for (const [k, v] of Object.entries(part)) {
      if (!isPhoneField(k) || (typeof v !== 'string' && typeof v !== 'number') || !isTestPhone(String(v))) continue;
      part[k] = typeof v === 'number' ? Number(spelled) : spelled;
      if (area) part[area] = typeof part[area] === 'number' ? Number(n.cc) : n.cc;
    }
  }
  return out;
}

/**
 * The `turn`-th allow-listed number (round robin) among those `provider` can take; `{ skip }` with the
 * reason when it can take none of them; undefined when there is no allow-list (mock target).
 */
export function pickNumber(numbers: readonly FlowPhone[], provider: ProviderId, turn: number): FlowPhone | { skip: string } | undefined {
  if (!numbers.length) return undefined;
  const usable = numbers.filter((n) => !unreachableBy(provider, n));
  if (!usable.length) return { skip: unreachableBy(provider, numbers[0])! };
  return usable[turn % usable.length];
}
