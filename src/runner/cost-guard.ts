/**
 * The cost guard: billed/sending operations run only with --allow-send, only to allow-listed numbers,
 * and at most --max-sends times per run. Pure apart from its own counter.
 */
import { international, parseAllowNumber } from '../cases/allow-numbers.ts';

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

/** Rewrites verikit test numbers to an allow-listed number, in the provider's spelling (src/cases/allow-numbers.ts). */
export { substitutePhones, wireNumbersIn } from '../cases/allow-numbers.ts';

export interface CostGuard {
  readonly options: CostGuardOptions;
  /**
   * Decides (and counts) one request to an operation; `phones` are the international numbers (digits,
   * country code first) it would reach, as `wireNumbersIn` reads them. Only exact matches pass.
   */
  admit(billed: boolean, phones: string[]): Admission;
  sends(): number;
}

/** Throws a UsageError (VK_ALLOW_NUMBER) when enforced and an allow-list entry is not in international form. */
export function createCostGuard(options: CostGuardOptions): CostGuard {
  let sent = 0;
  const allowed = new Set(options.enforce ? options.allowNumbers.map((a) => international(parseAllowNumber(a))) : []);
  return {
    options,
    sends: () => sent,
    admit(billed, phones) {
      if (!options.enforce || !billed) return { ok: true };
      if (!options.allowSend) return { ok: false, reason: 'cost guard: the operation sends or bills; pass --allow-send to run it' };
      if (phones.length === 0) return { ok: false, reason: 'cost guard: no phone number in the request to check against --allow-number' };
      const outside = phones.filter((p) => !allowed.has(p));
      if (outside.length) return { ok: false, reason: `cost guard: ${outside.length} number(s) not on --allow-number` };
      if (sent >= options.maxSends) return { ok: false, reason: `cost guard: send budget exhausted (--max-sends ${options.maxSends})` };
      sent++;
      return { ok: true };
    },
  };
}
