/**
 * huawei-osm: SendVerifyCodes then CheckVerifyCodes, a code valid 5 minutes and sent at most once a minute.
 * Authentication by X-Auth-Token or AK/SK SDK-HMAC-SHA256 (the gateway answers 401 APIGW.0301);
 * business errors are HTTP 200 with OSM.0101xxxx codes and the spec's (<= 32 character) messages.
 */
import { randomBytes, randomInt } from 'node:crypto';
import type { HuaweiCredentials } from '../../signing/credentials.ts';
import { verifyHuaweiAuth } from '../../signing/huawei.ts';
import { percentDecode } from '../../signing/percent.ts';
import { parseQueryString } from '../../transport/parse.ts';
import { AnswerStore } from '../answers.ts';
import { QuotaStore } from '../quota.ts';
import { findCode } from '../codes.ts';
import { FaultStore } from '../faults.ts';
import { BoundedMap } from '../lru.ts';
import type { MockContext, MockRequest, MockResponse, ProtocolErrorKind, ProviderMock } from '../types.ts';

/** Mock conventions (documented in src/mock/README.md). */
export const OSM_RULES = {
  codeTtlMs: 5 * 60_000,
  resendIntervalMs: 60_000,
  maxCheckAttempts: 5,
  maxEntries: 10_000,
  maxSkewMs: 15 * 60_000,
};

const ROUTES: Record<string, string> = {
  '/v2/servicerequest/verifycodes': 'CheckVerifyCodes',
  '/v2/servicerequest/verifycodes/send': 'SendVerifyCodes',
};

const PROTOCOL: Record<ProtocolErrorKind, [string, number]> = {
  'bad-request': ['OSM.0001', 400],
  'too-large': ['OSM.0001', 400],
  'not-found': ['APIGW.0101', 404],
  method: ['APIGW.0101', 404],
  throttled: ['APIGW.0308', 429],
  // OSM documents one server error, OSM.0004 with 500: no other 5xx is answered.
  unavailable: ['OSM.0004', 500],
  internal: ['OSM.0004', 500],
};

interface Pending {
  code: string;
  sentAt: number;
  attempts: number;
}

type Body = Record<string, unknown>;

const isStr = (v: unknown, min: number, max: number) => typeof v === 'string' && v.length >= min && v.length <= max;

export function createOsmMock(ctx: MockContext, credentials: HuaweiCredentials[]): ProviderMock {
  const { spec, clock, outbox } = ctx;
  const quota = new QuotaStore();
  const pending = new BoundedMap<string, Pending>(OSM_RULES.maxEntries);
  const lastSend = new BoundedMap<string, number>(OSM_RULES.maxEntries);
  const secretFor = (ak: string) => credentials.find((c) => c.ak && c.ak === ak)?.sk;
  const principalFor = (token: string) => {
    const c = credentials.find((x) => x.token && x.token === token);
    return c ? c.projectId || c.ak || 'customer' : undefined;
  };

  const gateway = (code: string, message: string, status: number): MockResponse => {
    const requestId = randomBytes(16).toString('hex');
    return { status, headers: { 'x-request-id': requestId }, body: { error_code: code, error_msg: message, request_id: requestId } };
  };
  /** A 200 business result with the spec's message for the code (the 200 body caps messages at 32 characters). */
  const business = (operationId: string, code: string): MockResponse => ({
    status: 200,
    headers: { 'x-request-id': randomBytes(16).toString('hex') },
    body: { error_code: code, error_msg: findCode(spec, operationId, code)?.message.slice(0, 32) ?? '' },
  });
  const protocolError = (kind: ProtocolErrorKind, message: string, status?: number) => {
    const [code, fallback] = PROTOCOL[kind];
    return gateway(code, message, status ?? fallback);
  };

  /**
   * OSM.01010001 when a field breaks the spec (types, lengths; the optional headers' values), OSM.01010012
   * for a contact_way other than 0 or 1; undefined when valid. The contact value's shape is not checked:
   * the page bounds only its length (its own example checks an email contact whose value is "123456").
   */
  function validate(b: Body, check: boolean, headers: Record<string, string>): string | undefined {
    const site = headers['x-site'];
    if (site !== undefined && site !== '0' && site !== '1') return 'OSM.01010001';
    for (const h of ['x-language', 'x-time-zone']) if (headers[h] !== undefined && !isStr(headers[h], 1, 32)) return 'OSM.01010001';
    if (check && !isStr(b.verify_code, 6, 6)) return 'OSM.01010001';
    if (!isStr(b.contact_value, 0, 64)) return 'OSM.01010001';
    if (!Number.isInteger(b.contact_way)) return 'OSM.01010001';
    if (b.contact_way !== 0 && b.contact_way !== 1) return 'OSM.01010012';
    for (const [k, max] of [['area_code', 16], ['x_customer_id', 64], ['customer_id', 64]] as const) {
      if (b[k] !== undefined && !isStr(b[k], 0, max)) return 'OSM.01010001';
    }
    return undefined;
  }

  const keyOf = (customer: string, b: Body) => [customer, b.contact_way, b.area_code ?? '', b.contact_value].join('\n');

  function send(b: Body, customer: string, headers: Record<string, string>): MockResponse {
    const bad = validate(b, false, headers);
    if (bad) return business('SendVerifyCodes', bad);
    const key = keyOf(customer, b);
    const now = clock.now();
    const last = lastSend.get(key);
    if (last !== undefined && now - last < OSM_RULES.resendIntervalMs) return business('SendVerifyCodes', 'OSM.01010024');
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    pending.set(key, { code, sentAt: now, attempts: 0 });
    lastSend.set(key, now);
    const to = b.contact_way === 0 && b.area_code ? `${b.area_code as string}${b.contact_value as string}` : (b.contact_value as string);
    outbox.push({ provider: 'huawei-osm', operationId: 'SendVerifyCodes', channel: b.contact_way === 0 ? 'SMS' : 'EMAIL', to, code, sentAt: now });
    return { status: 200, body: { error_code: '', error_msg: '' } };
  }

  function check(b: Body, customer: string, headers: Record<string, string>): MockResponse {
    const bad = validate(b, true, headers);
    if (bad) return business('CheckVerifyCodes', bad);
    const key = keyOf(customer, b);
    const p = pending.get(key);
    if (!p || clock.now() - p.sentAt > OSM_RULES.codeTtlMs) return business('CheckVerifyCodes', 'OSM.01010010');
    if (p.code !== b.verify_code) {
      if (++p.attempts >= OSM_RULES.maxCheckAttempts) pending.delete(key);
      return business('CheckVerifyCodes', 'OSM.01010010');
    }
    pending.delete(key);
    return { status: 200, body: { error_code: '', error_msg: '' } };
  }

  function handle(req: MockRequest): MockResponse {
    const path = percentDecode(req.path, false);
    const operationId = path.ok ? ROUTES[path.value.replace(/\/+$/, '')] : undefined;
    if (!operationId || req.method !== 'POST') return protocolError('not-found', 'The API does not exist or has not been published in the environment');
    const query = parseQueryString(req.rawQuery);
    if (!query.ok) return protocolError('bad-request', `Invalid request parameters: ${query.error}.`);
    const verdict = verifyHuaweiAuth(
      { method: req.method, path: req.path, query: query.value, headers: req.headers, body: req.body },
      { secretFor, principalFor },
      { now: new Date(), maxSkewMs: OSM_RULES.maxSkewMs },
    );
    if (!verdict.ok) return gateway(verdict.code, verdict.message, verdict.status);
    if (quota.size > 0 && quota.exceeded(operationId, verdict.accessKeyId, clock.now())) return protocolError('throttled', 'The throttling threshold has been reached');
    const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (type !== 'application/json') return protocolError('bad-request', `Invalid request parameters: Content-Type must be application/json (got "${type.slice(0, 64)}").`);
    let body: unknown;
    try {
      body = JSON.parse(req.body);
    } catch {
      return protocolError('bad-request', 'Invalid request parameters: the body is not valid JSON.');
    }
    if (!body || typeof body !== 'object' || Array.isArray(body)) return protocolError('bad-request', 'Invalid request parameters: the body must be a JSON object.');
    return operationId === 'SendVerifyCodes' ? send(body as Body, verdict.accessKeyId, req.headers) : check(body as Body, verdict.accessKeyId, req.headers);
  }

  return {
    id: 'huawei-osm',
    spec,
    clock,
    outbox,
    faults: new FaultStore(),
    answers: new AnswerStore('huawei-osm'),
    quota,
    drift: { field: 'error_code', codeField: spec.codeField || 'error_code', undocumentedCode: 'OSM.99999999' },
    operationOf: (req) => ROUTES[req.path.replace(/\/+$/, '')],
    handle,
    protocolError,
    resetState() {
      pending.clear();
      lastSend.clear();
    },
  };
}
