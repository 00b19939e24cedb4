/**
 * Redaction of secrets and PII for every artifact verikit writes (reports, pacts, logs, errors).
 *
 * Two layers:
 *  1. structural: header names, parameter/field names known to carry secrets, phone numbers or OTP codes;
 *  2. textual: every value registered with `registerSecret` (credentials read from the environment,
 *     phone numbers and codes a run used) is replaced wherever it appears, plus patterns for
 *     signatures, Authorization values and access-key ids in free text.
 */
import { setOwn } from './bounded-json.ts';

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

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** RFC 3986 encoding as the Alibaba signers use it (also encodes ! ' ( ) *). */
function rfc3986(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The forms a value takes in output: raw, URL-encoded once or twice (V1 string-to-sign), form-encoded, JSON-escaped. */
function encodedForms(s: string): string[] {
  const once = rfc3986(s);
  const forms = new Set([s, encodeURIComponent(s), once, rfc3986(once), encodeURIComponent(encodeURIComponent(s)),
    encodeURIComponent(s).replace(/%20/g, '+'), JSON.stringify(s).slice(1, -1)]);
  // percent-encoding with lower-case hex digits is the same encoding
  for (const f of [...forms]) if (/%[0-9A-F]{2}/.test(f)) forms.add(f.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()));
  return [...forms];
}

/** Values at least this long are also found inside longer base64 text (shorter ones only as a whole). */
const MIN_EMBEDDED_BYTES = 8;
const base64url = (b: string) => b.replace(/\+/g, '-').replace(/\//g, '_');

/**
 * The base64 forms of a credential: standard and URL-safe alphabet, with and without padding; and, for
 * a value inside a longer base64 text (say "user:" + value), the characters that depend on the value's
 * bytes alone at each of the 3 byte alignments (at most 2 characters at each edge stay, which carry
 * fewer than 8 bits of it).
 */
export function base64Forms(value: string): string[] {
  const bytes = Buffer.from(value, 'utf8');
  const out = new Set<string>();
  const std = bytes.toString('base64');
  for (const b of [std, std.replace(/=+$/, '')]) out.add(b).add(base64url(b));
  if (bytes.length >= MIN_EMBEDDED_BYTES) {
    for (let k = 0; k < 3; k++) {
      const shifted = Buffer.concat([Buffer.alloc(k), bytes]).toString('base64');
      const fragment = shifted.slice([0, 2, 3][k], Math.floor((8 * (k + bytes.length)) / 6));
      out.add(fragment).add(base64url(fragment));
    }
  }
  return [...out];
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
  for (const [re, rep] of TEXT_PATTERNS) out = out.replace(re, rep);
  return out;
}

const SECRET_HEADERS = new Set([
  'authorization', 'x-auth-token', 'x-subject-token', 'x-acs-security-token', 'cookie', 'set-cookie',
  'proxy-authorization', 'x-security-token',
]);

export function redactHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined) continue;
    const value = Array.isArray(v) ? v.join(', ') : String(v);
    if (SECRET_HEADERS.has(k.toLowerCase())) {
      const scheme = /^(ACS3-HMAC-SHA256|SDK-HMAC-SHA256|Basic|Bearer)\b/.exec(value);
      out[k] = scheme ? `${scheme[1]} ${REDACTED}` : REDACTED;
    } else out[k] = redactText(value);
  }
  return out;
}

/** Field and parameter names whose values are secrets, phone numbers or one-time codes. */
const SECRET_FIELDS = /^(accesskeysecret|accesskeyid|signature|securitytoken|mastersecret|master_secret|password|secret|token|logintoken|x-auth-token|authorization|sk|ak|appkey)$/i;
const PHONE_FIELDS = /^(to|phonenumber|phone|phone_number|mobile|mobilephone|contact_value|tonumber)$/i;
/** OTP code fields. `Code` is an OTP in Alibaba requests but a result code in responses. */
const REQUEST_CODE_FIELDS = /^(code|verify_code|verifycode|otp)$/i;
const RESPONSE_CODE_FIELDS = /^(verifycode|verify_code|otp)$/i;

export type Direction = 'request' | 'response';

/** Deeply redacts a JSON-like value (request params, bodies, pact interactions). Pure: returns a copy. */
export function redactValue<T>(value: T, direction: Direction = 'request'): T {
  return walk(value, direction, undefined) as T;
}

const isNode = (v: unknown): v is object => v !== null && typeof v === 'object';

/** The redacted form of one scalar under `key` (the nearest field name; array items inherit their array's). */
function leaf(value: unknown, direction: Direction, key: string | undefined): unknown {
  if (value === null || value === undefined) return value;
  if (key !== undefined && (typeof value === 'string' || typeof value === 'number')) {
    const s = String(value);
    if (s === '') return value;
    if (SECRET_FIELDS.test(key)) return REDACTED;
    if (PHONE_FIELDS.test(key)) return maskPhone(s);
    const codeFields = direction === 'request' ? REQUEST_CODE_FIELDS : RESPONSE_CODE_FIELDS;
    if (codeFields.test(key)) return CODE_MASK;
  }
  return typeof value === 'string' ? redactText(value) : value;
}

/**
 * The redacted copy of a JSON-like tree, built with an explicit stack (no recursion: data from the wire
 * may nest arbitrarily deep). Keys are copied as own properties, `__proto__` included.
 */
function walk(value: unknown, direction: Direction, key: string | undefined): unknown {
  if (!isNode(value)) return leaf(value, direction, key);
  const root: unknown = Array.isArray(value) ? [] : {};
  const stack: Array<[object, Record<string, unknown> | unknown[], string | undefined]> = [[value, root as Record<string, unknown>, key]];
  while (stack.length > 0) {
    const [src, dst, k] = stack.pop()!;
    if (Array.isArray(src)) {
      const out = dst as unknown[];
      for (let i = 0; i < src.length; i++) {
        const v: unknown = src[i];
        if (isNode(v)) {
          const d = Array.isArray(v) ? [] : {};
          out[i] = d;
          stack.push([v, d, k]);
        } else out[i] = leaf(v, direction, k);
      }
    } else {
      const out = dst as Record<string, unknown>;
      for (const [ck, v] of Object.entries(src)) {
        if (isNode(v)) {
          const d = Array.isArray(v) ? [] : {};
          setOwn(out, ck, d);
          stack.push([v, d, ck]);
        } else setOwn(out, ck, leaf(v, direction, ck));
      }
    }
  }
  return root;
}

/** Redacts the query string of a URL (or a bare query string) by parameter name and registered values. */
export function redactQuery(query: string, direction: Direction = 'request'): string {
  const q = query.startsWith('?') ? query.slice(1) : query;
  if (!q) return query;
  const parts = q.split('&').map((pair) => {
    const i = pair.indexOf('=');
    if (i < 0) return pair;
    const k = pair.slice(0, i);
    let name = k;
    try { name = decodeURIComponent(k); } catch { /* keep raw */ }
    const redacted = leaf(safeDecode(pair.slice(i + 1)), direction, name);
    return `${k}=${encodeURIComponent(String(redacted)).replace(/%2A/g, '*').replace(/%5B/g, '[').replace(/%5D/g, ']')}`;
  });
  return (query.startsWith('?') ? '?' : '') + parts.join('&');
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, '%20'));
  } catch {
    return s;
  }
}

export function redactUrl(url: string): string {
  const i = url.indexOf('?');
  return i < 0 ? redactText(url) : redactText(url.slice(0, i)) + redactQuery(url.slice(i));
}

/** The values registered so far, by kind (for canary tests that grep written files for every one). */
export function registeredSecrets(): Array<{ value: string; kind: SecretKind }> {
  return [
    ...[...registry].map(([value, kind]) => ({ value, kind })),
    ...[...digitAnywhere].map(([value, kind]) => ({ value, kind })),
    ...[...digitWhole].map((value) => ({ value, kind: 'code' as SecretKind })),
  ];
}
