/**
 * Structural redaction: by header name, and by parameter and field name for the values that carry
 * secrets, phone numbers or one-time codes; every other string goes through the textual layer
 * (src/core/redact-text.ts). Iterative over wire data (it may nest arbitrarily deep).
 */
import { setOwn } from './bounded-json.ts';
import { CODE_MASK, maskPhone, REDACTED, redactText } from './redact-text.ts';

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
export function redactLeaf(value: unknown, direction: Direction, key: string | undefined): unknown {
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
  if (!isNode(value)) return redactLeaf(value, direction, key);
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
        } else out[i] = redactLeaf(v, direction, k);
      }
    } else {
      const out = dst as Record<string, unknown>;
      for (const [ck, v] of Object.entries(src)) {
        if (isNode(v)) {
          const d = Array.isArray(v) ? [] : {};
          setOwn(out, ck, d);
          stack.push([v, d, ck]);
        } else setOwn(out, ck, redactLeaf(v, direction, ck));
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
    const value = safeDecode(pair.slice(i + 1));
    const redacted = redactLeaf(value, direction, name);
    // nothing to hide: the pair stays as it was sent (no re-encoding)
    if (redacted === value) return pair;
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
