/**
 * The request half of an interaction (pure): what went on the wire, minus what changes per call
 * (timestamps, nonces, signatures), redacted, with matchers.
 *
 * - Signing artefacts are dropped; the auth header (or V1 Signature parameter) stays as a regex matcher
 *   over a redacted example, so the contract says "authenticated" without holding a credential.
 *   `verikit pact verify` re-signs every request for real (see filter.ts).
 * - Phone numbers, OTP codes and tokens are redacted. Where the original value was valid for its field,
 *   the redacted example gets a provider-state generator (`${Field}`): the verifier's state handler
 *   supplies a real value, so a masked example is never sent to a provider as if it were a number.
 */
import { MatchersV3 } from '@pact-foundation/pact';
import { redactValue } from '../core/redact.ts';
import type { WireRequest } from '../core/types.ts';
import type { JSONSchema, Operation } from '../spec/model.ts';
import { satisfies } from '../cases/validate.ts';
import { propertySchema, template } from './matchers.ts';

export interface RequestPlan {
  method: 'GET' | 'POST';
  path: string;
  query: Record<string, unknown>;
  headers: Record<string, unknown>;
  /** JSON body template (with matchers), when the request has a JSON body. */
  body?: unknown;
}

/** Query parameters the signers add (Alibaba V1); never part of a contract. */
export const SIGNING_QUERY = new Set(['Signature', 'SignatureNonce', 'SignatureMethod', 'SignatureVersion', 'SignatureType', 'Timestamp', 'AccessKeyId', 'SecurityToken', 'Format']);
/** Headers kept exactly as sent. */
const EXACT_HEADERS = new Set(['x-acs-action', 'x-acs-version']);
/** Auth headers: kept as a regex over a redacted example. */
const AUTH_SCHEMES = /^(ACS3-HMAC-SHA256|SDK-HMAC-SHA256|Basic|Bearer)\s/;

export function authHeaderMatcher(value: string): unknown {
  const scheme = AUTH_SCHEMES.exec(value)?.[1];
  return scheme ? MatchersV3.regex(`^${scheme} \\S.*$`, `${scheme} [REDACTED]`) : MatchersV3.regex('^\\S+$', '[REDACTED]');
}

/** Handles a provider state may have to supply (a verification or contact created by an earlier call). */
export const STATE_ID = /[a-z](Id|_id)$/;

/**
 * One request value: injected from the provider state when redaction hid a valid value (or it is an id
 * a state may create), else a schema matcher.
 */
export function requestValue(name: string, value: unknown, schema: JSONSchema | undefined): unknown {
  const redacted = redactValue({ [name]: value }, 'request')[name];
  if (STATE_ID.test(name) && redacted === value && (typeof value === 'string' || typeof value === 'number')) {
    return MatchersV3.fromProviderState(`\${${name}}`, value);
  }
  if (redacted !== value) {
    const valid = schema ? satisfies(schema, value) : true;
    return valid ? MatchersV3.fromProviderState(`\${${name}}`, redacted) : redacted;
  }
  return template(value, schema);
}

function paramSchema(op: Operation, where: 'query' | 'header', name: string): JSONSchema | undefined {
  return op.parameters.find((p) => p.in === where && p.name.toLowerCase() === name.toLowerCase())?.schema;
}

function bodyTemplate(op: Operation, body: unknown): unknown {
  const schema = op.requestBody?.schema;
  if (!body || typeof body !== 'object' || Array.isArray(body)) return template(body, schema);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
    out[k] = v !== null && typeof v === 'object' ? template(redactValue(v), propertySchema(schema, k)) : requestValue(k, v, propertySchema(schema, k));
  }
  return out;
}

function parseJson(text: string | undefined): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function requestPlan(op: Operation, wire: WireRequest): RequestPlan {
  const url = new URL(wire.url);
  const query: Record<string, unknown> = {};
  for (const [name, value] of url.searchParams) {
    if (name === 'Signature' || name === 'AccessKeyId') query[name] = MatchersV3.regex('^\\S+$', '[REDACTED]');
    else if (SIGNING_QUERY.has(name)) continue;
    else {
      const schema = paramSchema(op, 'query', name);
      query[name] = schema ? requestValue(name, value, schema) : value;
    }
  }
  const headers: Record<string, unknown> = {};
  const body = parseJson(wire.body);
  for (const [rawName, value] of Object.entries(wire.headers)) {
    const name = rawName.toLowerCase();
    if (name === 'authorization' || name === 'x-auth-token') headers[rawName] = authHeaderMatcher(value);
    else if (EXACT_HEADERS.has(name)) headers[rawName] = value;
    else if (name === 'content-type' && body !== undefined) headers[rawName] = value;
    else {
      const schema = paramSchema(op, 'header', name);
      if (schema) headers[rawName] = requestValue(rawName, value, schema);
    }
  }
  return { method: wire.method, path: url.pathname, query, headers, ...(body !== undefined ? { body: bodyTemplate(op, body) } : {}) };
}
