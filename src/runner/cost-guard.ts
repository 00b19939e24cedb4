/**
 * The cost guard: billed/sending operations run only with --allow-send, only to allow-listed numbers,
 * and at most --max-sends times per run. Pure apart from its own counter.
 */
import type { CaseInput } from '../core/types.ts';
import { isPhoneField, isTestPhone } from '../cases/phones.ts';
export { phonesIn } from '../cases/phones.ts';
import type { FlowPhone } from '../cases/flows/types.ts';

export interface CostGuardOptions {
  /** Apply the rules (always on for live targets; forceable on the mock target). */
  enforce: boolean;
  allowSend: boolean;
  allowNumbers: string[];
  /** Default 0. */
  maxSends: number;
}

export type Admission = { ok: true } | { ok: false; reason: string };

const digits = (s: string) => s.replace(/\D/g, '');

/** true when two spellings name the same number (equal digits, or one is the other with a country code). */
export function sameNumber(a: string, b: string): boolean {
  const x = digits(a);
  const y = digits(b);
  if (!x || !y) return false;
  if (x === y) return true;
  const [short, long] = x.length < y.length ? [x, y] : [y, x];
  return short.length >= 7 && long.endsWith(short);
}

/** Splits an allow-listed number ("86-13800138000", "+8613800138000", "447700900123") into country code and national number. */
export function parseNumber(s: string): FlowPhone {
  const t = s.trim();
  if (t.includes('-')) {
    const [cc, ...rest] = t.replace(/^\+/, '').split('-');
    return { cc: digits(cc), national: digits(rest.join('')) };
  }
  const d = digits(t);
  for (const cc of ['86', '44', '62', '1']) if (d.startsWith(cc) && d.length - cc.length >= 9) return { cc, national: d.slice(cc.length) };
  return { cc: '', national: d };
}

/** Rewrites verikit test numbers in a case input to `n`, keeping each field's spelling. Pure (returns a copy). */
export function substitutePhones(input: CaseInput, n: FlowPhone): CaseInput {
  const out = JSON.parse(JSON.stringify(input)) as CaseInput;
  for (const part of [out.query, out.body] as Array<Record<string, unknown> | undefined>) {
    if (!part || typeof part !== 'object' || Array.isArray(part)) continue;
    for (const [k, v] of Object.entries(part)) {
      if (!isPhoneField(k) || (typeof v !== 'string' && typeof v !== 'number') || !isTestPhone(String(v))) continue;
      const s = String(v);
      const spelled = /^\d+-/.test(s) ? `${n.cc}-${n.national}` : s.startsWith('+') ? `+${n.cc}${n.national}` : s.length > 11 ? `${n.cc}${n.national}` : n.national;
      part[k] = typeof v === 'number' ? Number(digits(spelled)) : spelled;
      if ('area_code' in part && n.cc) part.area_code = n.cc;
    }
  }
  return out;
}

export interface CostGuard {
  readonly options: CostGuardOptions;
  /** Decides (and counts) one request to an operation; `phones` are the numbers it would reach. */
  admit(billed: boolean, phones: string[]): Admission;
  sends(): number;
}

export function createCostGuard(options: CostGuardOptions): CostGuard {
  let sent = 0;
  return {
    options,
    sends: () => sent,
    admit(billed, phones) {
      if (!options.enforce || !billed) return { ok: true };
      if (!options.allowSend) return { ok: false, reason: 'cost guard: the operation sends or bills; pass --allow-send to run it' };
      if (phones.length === 0) return { ok: false, reason: 'cost guard: no phone number in the request to check against --allow-number' };
      const outside = phones.filter((p) => !options.allowNumbers.some((a) => sameNumber(p, a)));
      if (outside.length) return { ok: false, reason: `cost guard: ${outside.length} number(s) not on --allow-number` };
      if (sent >= options.maxSends) return { ok: false, reason: `cost guard: send budget exhausted (--max-sends ${options.maxSends})` };
      sent++;
      return { ok: true };
    },
  };
}
