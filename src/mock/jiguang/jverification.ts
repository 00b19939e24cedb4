/**
 * jiguang-jverification: Basic auth (9010 / 9011 with 401), codes in the body. Carrier tokens are minted
 * by the mock-only control route (as the carrier SDK would), bound to one phone, single use, about a minute
 * of life on the mock clock.
 */
import { randomBytes } from 'node:crypto';
import type { JPushCredentials } from '../../signing/credentials.ts';
import { verifyBasic } from '../../signing/jpush.ts';
import { AnswerStore } from '../answers.ts';
import { QuotaStore } from '../quota.ts';
import { findCode } from '../codes.ts';
import { FaultStore } from '../faults.ts';
import { BoundedMap } from '../lru.ts';
import type { MockContext, MockRequest, MockResponse, ProtocolErrorKind, ProviderMock } from '../types.ts';

/** Mock conventions (documented in src/mock/README.md). */
export const JV_RULES = {
  tokenTtlMs: 60_000,
  /** Minimum interval between two verifications of the same number (9005). */
  minIntervalMs: 1_000,
  /** Verifications per number per day (9006). */
  perNumberDaily: 50,
  /** Verifications per appKey per day (9007). */
  perAppKeyDaily: 10_000,
  maxTokens: 10_000,
};

const ROUTES: Record<string, string> = { '/v1/web/verify': 'Verify', '/v1/web/h5/verify': 'VerifyH5' };
const PHONE = /^1\d{10}$/;
const TOKEN = /^STsid[0-9A-Za-z]{20,200}$/;

const PROTOCOL: Record<ProtocolErrorKind, [number, number]> = {
  'bad-request': [9012, 200],
  'too-large': [9012, 200],
  'not-found': [1801, 404],
  method: [9013, 200],
  throttled: [1804, 200],
  // The spec's statuses for the server errors (JPush REST API status-code rules).
  unavailable: [2000, 503],
  internal: [9099, 500],
};

/**
 * The phone as text: the table's string form, or the page's curl form, a JSON number (15813554612);
 * both are accepted (the spec records the disagreement). undefined when it is neither.
 */
function phoneOf(v: unknown): string | undefined {
  if (typeof v === 'string') return PHONE.test(v) ? v : undefined;
  if (typeof v === 'number' && Number.isSafeInteger(v)) return PHONE.test(String(v)) ? String(v) : undefined;
  return undefined;
}

interface Token {
  phone: string;
  mintedAt: number;
  used: boolean;
  /** 'unknown': the carrier cannot tell (9002). */
  outcome: 'match' | 'unknown';
}

export function createJVerificationMock(ctx: MockContext, credentials: JPushCredentials[]): ProviderMock {
  const { spec, clock } = ctx;
  const quota = new QuotaStore();
  const tokens = new BoundedMap<string, Token>(JV_RULES.maxTokens);
  const lastVerify = new BoundedMap<string, number>(JV_RULES.maxTokens);
  const daily = new BoundedMap<string, number>(JV_RULES.maxTokens);
  let seq = 0;
  const secretFor = (appKey: string) => credentials.find((c) => c.appKey === appKey)?.masterSecret;

  const result = (code: number, status = findCode(spec, 'Verify', code)?.status ?? 200, extra: Record<string, unknown> = {}, detail?: string): MockResponse => ({
    status,
    body: { ...extra, code, content: detail ?? findCode(spec, 'Verify', code)?.message ?? 'error' },
  });
  const protocolError = (kind: ProtocolErrorKind, message: string, status?: number) => {
    const [code, fallback] = PROTOCOL[kind];
    return result(code, status ?? fallback, {}, kind === 'not-found' ? `invalid parameters: ${message}` : undefined);
  };
  const bump = (key: string) => {
    const n = (daily.get(key) ?? 0) + 1;
    daily.set(key, n);
    return n;
  };

  function verify(appKey: string, b: Record<string, unknown>): MockResponse {
    const phone = phoneOf(b.phone);
    if (typeof b.token !== 'string' || !b.token || phone === undefined) return result(9012);
    if (b.exID !== undefined && typeof b.exID !== 'string') return result(9012);
    if (!TOKEN.test(b.token)) return result(9020);
    const t = tokens.get(b.token);
    const now = clock.now();
    if (!t || now - t.mintedAt > JV_RULES.tokenTtlMs) return result(9003);
    if (t.used) return result(9021);
    const last = lastVerify.get(phone);
    if (last !== undefined && now - last < JV_RULES.minIntervalMs) return result(9005);
    const day = clock.day();
    if ((daily.peek(`a\n${appKey}\n${day}`) ?? 0) >= JV_RULES.perAppKeyDaily) return result(9007);
    if ((daily.peek(`p\n${phone}\n${day}`) ?? 0) >= JV_RULES.perNumberDaily) return result(9006);
    bump(`a\n${appKey}\n${day}`);
    bump(`p\n${phone}\n${day}`);
    lastVerify.set(phone, now);
    t.used = true;
    const code = t.outcome === 'unknown' ? 9002 : t.phone === phone ? 9000 : 9001;
    const id = Math.floor(now / 1000) * 1_000_000 + (++seq % 1_000_000);
    return result(code, 200, { id, exID: typeof b.exID === 'string' ? b.exID : '' });
  }

  function handle(req: MockRequest): MockResponse {
    const operationId = ROUTES[req.path];
    if (!operationId) return protocolError('not-found', 'unknown API path');
    const auth = verifyBasic(req.headers.authorization, secretFor);
    if (!auth.ok) return result(Number(auth.code), auth.status);
    if (quota.size > 0 && quota.exceeded(operationId, auth.accessKeyId, clock.now())) return protocolError('throttled', 'qps limit');
    if (req.method !== 'POST') return result(9013);
    const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (type !== 'application/json') return result(9015);
    let body: unknown;
    try {
      body = JSON.parse(req.body);
    } catch {
      return result(9012);
    }
    if (!body || typeof body !== 'object' || Array.isArray(body)) return result(9012);
    return verify(auth.accessKeyId, body as Record<string, unknown>);
  }

  function mint(body: unknown): MockResponse {
    const b = (body ?? {}) as { phone?: unknown; outcome?: unknown };
    if (typeof b.phone !== 'string' || !PHONE.test(b.phone)) return { status: 400, body: { error: 'body must be {"phone": "1xxxxxxxxxx"} (11 digits, string)' } };
    if (b.outcome !== undefined && b.outcome !== 'match' && b.outcome !== 'unknown') return { status: 400, body: { error: 'outcome must be "match" or "unknown"' } };
    const token = `STsid${randomBytes(30).toString('base64').replace(/[^0-9A-Za-z]/g, '').padEnd(36, '0')}`;
    const now = clock.now();
    tokens.set(token, { phone: b.phone, mintedAt: now, used: false, outcome: b.outcome === 'unknown' ? 'unknown' : 'match' });
    return { status: 200, body: { token, expiresAt: now + JV_RULES.tokenTtlMs } };
  }

  return {
    id: 'jiguang-jverification',
    spec,
    clock,
    outbox: ctx.outbox,
    faults: new FaultStore(),
    answers: new AnswerStore('jiguang-jverification'),
    quota,
    drift: { field: 'content', codeField: spec.codeField || 'code', undocumentedCode: 9999 },
    operationOf: (req) => ROUTES[req.path],
    handle,
    protocolError,
    resetState() {
      tokens.clear();
      lastVerify.clear();
      daily.clear();
    },
    control: (route, method, body) => (route === 'token' && method === 'POST' ? mint(body) : undefined),
  };
}
