/**
 * Textual redaction: every value registered with `registerSecret` (credentials read from the environment,
 * phone numbers and codes a run used) is replaced wherever it appears, in each encoded form it travels in
 * (src/core/redact-forms.ts), plus patterns for signatures, Authorization values and access-key ids in
 * free text. The structural layer (by header, parameter and field name) is src/core/redact-fields.ts.
 */
import { base64Forms, encodedForms, escapeRe } from './redact-forms.ts';

export type SecretKind = 'secret' | 'phone' | 'code' | 'token';

export const REDACTED = '[REDACTED]';
export const CODE_MASK = '******';

/**
 * Values with letters or symbols (credentials, tokens): few per run, matched by one regex over their
 * encoded forms. Digit values (phone numbers, OTP codes, digit-only ids): possibly 100,000s per run, kept
 * in sets and found by scanning the digit runs of a text, so registering one costs O(1).
 */
const registry = new Map<string, SecretKind>();
let compiled: ReturnType<typeof compile> = null;
/** Digit strings that are masked wherever they stand, even inside a longer run of digits (phones, digit secrets). */
const digitAnywhere = new Map<string, SecretKind>();
const digitLengths = new Set<number>();
/** Digit strings masked only when they are a whole run of digits (OTP codes: "123456" must not eat part of a number). */
const digitWhole = new Set<string>();

/** Phone values registered since the last registration of another kind or clear. */
const phonesDone = new Set<string>();
/** Credentials (kinds secret and token), also masked in base64: the form Basic auth and careless gateways echo them in. */
const base64Sources = new Set<string>();

/** Remember a value that must never appear in output. Values shorter than 4 characters are ignored. */

export function registerSecret(value: unknown, kind: SecretKind): void {
  if (value === undefined || value === null) return;
  const s = String(value);
  if (s.length < 4 || s.includes('****')) return; // already masked (the docs' own examples)
  if (kind === 'phone') {
    // What follows depends on s alone: a number registered again (every case re-registers its numbers) is a no-op.
    if (phonesDone.has(s)) return;
    phonesDone.add(s);
  } else {
    phonesDone.clear(); // another kind may take over a phone's keys: the next phone registration redoes them
  }
  if ((kind === 'secret' || kind === 'token') && !base64Sources.has(s)) {
    base64Sources.add(s);
    compiled = null;
  }
  const digits = s.replace(/\D/g, '');
  if (kind === 'phone') {
    // Fewer than 7 digits is no phone number (e.g. a wrong-type area code): masking it everywhere would corrupt other data.
    if (digits.length < 7) return;
    // "86-13800138000", "+86 138…": the national digits are what identify the person.
    const core = longestDigitRun(s);
    if (core.length >= 7) addDigits(core, 'phone');
    if (core === s) return;
  } else if (/^\d+$/.test(s)) {
    if (kind === 'code' || s.length <= 8) digitWhole.add(s);
    else addDigits(s, kind);
    return;
  }
  if (registry.get(s) === kind) return;
  registry.set(s, kind);
  compiled = null;
}

function addDigits(d: string, kind: SecretKind): void {
  digitAnywhere.set(d, kind);
  digitLengths.add(d.length);
}

function longestDigitRun(s: string): string {
  let best = '';
  for (const m of s.matchAll(/\d+/g)) if (m[0].length > best.length) best = m[0];
  return best;
}

export function clearRegisteredSecrets(): void {
  phonesDone.clear();
  base64Sources.clear();
  registry.clear();
  compiled = null;
  digitAnywhere.clear();
  digitLengths.clear();
  digitWhole.clear();
}

/** Masks a phone number the way the providers' docs show them: `6212345678901` -> `6212345****01`. */
export function maskPhone(value: string): string {
  const s = String(value);
  const digits = s.replace(/\D/g, '').length;
  if (digits < 5) return '****';
  // Longer than any real number (e.g. a number repeated to break a maxLength): keep only the ends.
  if (s.length > 16) return s.slice(0, 3) + '*'.repeat(s.length - 5) + s.slice(-2);
  const keepTail = 2;
  const maskLen = Math.min(4, Math.max(1, digits - keepTail - 1));
  const keepHead = s.length - keepTail - maskLen;
  return s.slice(0, Math.max(0, keepHead)) + '*'.repeat(maskLen) + s.slice(s.length - keepTail);
}

function replacement(value: string, kind: SecretKind): string {
  if (kind === 'phone') return maskPhone(value);
  if (kind === 'code') return CODE_MASK;
  return REDACTED;
}

/** One regex over every encoded form of the registered values, and the kind of each form; rebuilt after a registration. */
function compile(): { pattern: RegExp; kinds: Map<string, SecretKind> } | null {
  if (registry.size === 0 && base64Sources.size === 0) return null;
  const kinds = new Map<string, SecretKind>();
  for (const [value, kind] of registry) for (const f of encodedForms(value)) kinds.set(f, kind);
  for (const value of base64Sources) for (const b of base64Forms(value)) for (const f of encodedForms(b)) if (!kinds.has(f)) kinds.set(f, 'secret');
  const alts = [...kinds.keys()].map(escapeRe).sort((a, b) => b.length - a.length);
  return { pattern: new RegExp(alts.join('|'), 'g'), kinds };
}

/** Masks registered digit values inside one run of digits. */
function redactDigitRun(run: string): string {
  if (digitWhole.has(run)) return CODE_MASK;
  if (digitAnywhere.size === 0) return run;
  let out = '';
  let i = 0;
  const lengths = [...digitLengths].sort((a, b) => b - a);
  while (i < run.length) {
    let hit = 0;
    for (const len of lengths) {
      if (i + len <= run.length && digitAnywhere.has(run.slice(i, i + len))) {
        hit = len;
        break;
      }
    }
    if (hit) {
      const value = run.slice(i, i + hit);
      out += replacement(value, digitAnywhere.get(value)!);
      i += hit;
    } else out += run[i++];
  }
  return out;
}

/**
 * Credentials in free text, by their shape. `TEXT_TRIGGER` matches wherever one of them could (a superset,
 * case-insensitive): a text without it skips the five passes, which most texts do (one scan, not five).
 */
const TEXT_TRIGGER = /hmac-sha256|signature=|basic|bearer|accesskeyid=|securitytoken=|access_key=|secret_key=|token"|authorization"/i;
const TEXT_PATTERNS: Array<[RegExp, string]> = [
  [/((?:ACS3-HMAC-SHA256|SDK-HMAC-SHA256)\s+(?:Credential|Access)=)[^,\s"]+/g, `$1${REDACTED}`],
  [/(Signature=)[^&\s",}]+/g, `$1${REDACTED}`],
  [/(\b(?:Basic|Bearer)\s+)[A-Za-z0-9+/=._~-]{8,}/g, `$1${REDACTED}`],
  [/(\b(?:AccessKeyId|SecurityToken|access_key|secret_key)=)[^&\s",}]+/gi, `$1${REDACTED}`],
  [/("(?:[Xx]-[Aa]uth-[Tt]oken|[Aa]uthorization|x-acs-security-token|[Xx]-[Ss]ubject-[Tt]oken)"\s*:\s*")[^"]*/g, `$1${REDACTED}`],
];

/** Redacts every registered value and every known secret pattern in a piece of text. */
export function redactText(text: string): string {
  if (!text) return text;
  let out = text;
  if (registry.size > 0 || base64Sources.size > 0) {
    compiled ??= compile();
    const c = compiled;
    if (c) out = out.replace(c.pattern, (m) => replacement(m, c.kinds.get(m) ?? 'secret'));
  }
  if (digitWhole.size > 0 || digitAnywhere.size > 0) out = out.replace(/\d{4,}/g, redactDigitRun);
  if (TEXT_TRIGGER.test(out)) for (const [re, rep] of TEXT_PATTERNS) out = out.replace(re, rep);
  return out;
}

/** The values registered so far, by kind (for canary tests that grep written files for every one). */
export function registeredSecrets(): Array<{ value: string; kind: SecretKind }> {
  return [
    ...[...registry].map(([value, kind]) => ({ value, kind })),
    ...[...digitAnywhere].map(([value, kind]) => ({ value, kind })),
    ...[...digitWhole].map((value) => ({ value, kind: 'code' as SecretKind })),
  ];
}
