/**
 * Strict parsing of what arrives on the wire, for the mocks (and anyone verifying a request).
 * Invalid percent-encoding yields an error value, never a throw. Pure.
 */
import { needsDecode, percentDecode } from '../signing/percent.ts';
import { headerValue, type IncomingRequest } from '../signing/types.ts';

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

/** Splits and decodes `a=1&b=2` (`+` is a space, as in form encoding); order and repeats are kept. */
export function parseQueryString(raw: string): ParseResult<Array<[string, string]>> {
  const out: Array<[string, string]> = [];
  const s = raw.startsWith('?') ? raw.slice(1) : raw;
  if (!s) return { ok: true, value: out };
  const parts = s.split('&');
  for (let j = 0; j < parts.length; j++) {
    const part = parts[j];
    if (!part) continue;
    const i = part.indexOf('=');
    const rawKey = i < 0 ? part : part.slice(0, i);
    const rawValue = i < 0 ? '' : part.slice(i + 1);
    // Most names and values have nothing to decode: no result object for them.
    let key = rawKey;
    if (needsDecode(rawKey)) {
      const k = percentDecode(rawKey);
      if (!k.ok) return { ok: false, error: `query parameter name: ${k.error}` };
      key = k.value;
    }
    let value = rawValue;
    if (needsDecode(rawValue)) {
      const v = percentDecode(rawValue);
      if (!v.ok) return { ok: false, error: `query parameter "${key}": ${v.error}` };
      value = v.value;
    }
    out.push([key, value]);
  }
  return { ok: true, value: out };
}

/** `application/x-www-form-urlencoded` bodies decode exactly like query strings. */
export const parseFormBody = parseQueryString;

/** Splits a request target (`/path?query`) into the raw path and the raw query. */
export function splitTarget(target: string): { path: string; rawQuery: string } {
  const i = target.indexOf('?');
  return i < 0 ? { path: target, rawQuery: '' } : { path: target.slice(0, i), rawQuery: target.slice(i + 1) };
}

/** Builds the verifiers' IncomingRequest from a raw request (node's req.method, req.url, req.headers and the body). */
export function toIncoming(
  method: string, target: string, headers: IncomingRequest['headers'], body: string | Uint8Array = '',
): ParseResult<IncomingRequest> {
  const { path, rawQuery } = splitTarget(target);
  const query = parseQueryString(rawQuery);
  if (!query.ok) return query;
  return { ok: true, value: { method: method.toUpperCase(), path, query: query.value, headers, body } };
}

/** Alibaba V1 parameters: the query plus a form-encoded body when the content type says so. */
export function acsV1Params(incoming: IncomingRequest): ParseResult<Array<[string, string]>> {
  const type = (headerValue(incoming.headers, 'content-type') ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') return { ok: true, value: incoming.query };
  const text = typeof incoming.body === 'string' ? incoming.body : Buffer.from(incoming.body).toString('utf8');
  const form = parseFormBody(text);
  if (!form.ok) return { ok: false, error: `form body: ${form.error}` };
  return { ok: true, value: [...incoming.query, ...form.value] };
}

