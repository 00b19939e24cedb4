import { registerSecret } from '../core/redact.ts';
import type { CaseInput } from '../core/types.ts';
import type { Rng } from './prng.ts';

/**
 * Recognisable test phone numbers. Every generated number is built from a fictional/test range
 * (UK Ofcom drama range 07700 900xxx, China's well-known 138 0013 8xxx test number) and registered
 * for redaction as a 'phone'.
 */
export const PHONE_FIELD = /^(to|phonenumber|phone|phone_number|mobile|mobilephone|contact_value|tonumber)$/i;

export function isPhoneField(name: string): boolean {
  return PHONE_FIELD.test(name);
}

/** Candidate spellings of one test number, in the formats the providers document. */
export function phoneCandidates(rng: Rng, pool: 'cases' | 'flows' = 'cases'): string[] {
  const base = pool === 'flows' ? 500 : 100;
  const n = base + rng.int(0, 399);
  const tail = String(n).padStart(3, '0');
  const cn = `13800138${tail}`;
  const uk = `447700900${tail}`;
  const values = [`86${cn}`, uk, `86-${cn}`, cn, `+${uk}`];
  for (const v of values) registerSecret(v, 'phone');
  return values;
}

/** true for numbers from verikit's test ranges (so a live allow-list can be checked against them). */
export function isTestPhone(value: string): boolean {
  return /^(\+?447700900\d{3}|(86-?)?13800138\d{3})$/.test(value);
}

/** Every phone-like value in a case input (query, header and top-level body fields named like a phone). */
export function phonesIn(input: CaseInput): string[] {
  const out: string[] = [];
  for (const part of [input.query, input.header, input.body]) {
    if (!part || typeof part !== 'object') continue;
    for (const [k, v] of Object.entries(part as Record<string, unknown>)) if (isPhoneField(k) && (typeof v === 'string' || typeof v === 'number')) out.push(String(v));
  }
  return out;
}
