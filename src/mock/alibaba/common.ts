/**
 * What both Alibaba RPC products share: `/` with POST and GET, parameters in the query (or a form body),
 * signature V3 (Authorization header) or V1 (query Signature), nonce replay protection, the common
 * error body {RequestId, HostId, Code, Message, Recommend}.
 */
import type { AlibabaCredentials } from '../../signing/credentials.ts';
import { verifyAcs3 } from '../../signing/alibaba-v3.ts';
import { verifyAcsV1 } from '../../signing/alibaba-v1.ts';
import type { Operation, ProviderId } from '../../spec/model.ts';
import { AnswerStore } from '../answers.ts';
import { QuotaStore } from '../quota.ts';
import { findCode } from '../codes.ts';
import { FaultStore } from '../faults.ts';
import { BoundedMap } from '../lru.ts';
import { randomRequestId } from '../random.ts';
import type { MockContext, MockRequest, MockResponse, ProtocolErrorKind, ProviderMock } from '../types.ts';
import { parseFormBody, parseQueryString } from '../../transport/parse.ts';
import { businessParams, first, type Pairs } from './params.ts';

export interface AlibabaCall {
  params: Record<string, string>;
  accessKeyId: string;
}

export type AlibabaResult =
  | { ok: true; body: Record<string, unknown> }
  | { ok: false; code: string; message: string; status?: number };

export type AlibabaHandler = (call: AlibabaCall) => AlibabaResult;

export interface AlibabaProduct {
  id: ProviderId;
  /** Product name as in the Recommend link, e.g. Dypnsapi-intl. */
  product: string;
  hostId: string;
  /** Code for malformed input that is not about one parameter (bad encoding, wrong content type). */
  badRequestCode: string;
  driftField: string;
  /** Handlers by operationId. */
  handlers: Record<string, AlibabaHandler>;
  resetState(): void;
}

/** Signature timestamps further than this from real time are stale (Alibaba: 15 minutes). */
export const MAX_SKEW_MS = 15 * 60_000;
const NONCE_TTL_MS = MAX_SKEW_MS;

/** Codes for failures found before a handler runs, all documented common codes (statuses from the spec). */
const PROTOCOL: Record<Exclude<ProtocolErrorKind, 'bad-request' | 'too-large'>, [string, number]> = {
  'not-found': ['InvalidAction.NotFound', 404],
  method: ['InvalidAction.NotFound', 404],
  throttled: ['Throttling.User', 400],
  unavailable: ['ServiceUnavailable', 503],
  internal: ['InternalError', 500],
};

/** Signature failures the verifiers name but the spec does not document are answered as IncompleteSignature. */
const SIGNATURE_FALLBACK = 'IncompleteSignature';

export function ok(body: Record<string, unknown>): AlibabaResult {
  return { ok: true, body };
}

export function err(code: string, message: string, status?: number): AlibabaResult {
  return { ok: false, code, message, status };
}

export function createAlibabaMock(ctx: MockContext, product: AlibabaProduct, credentials: AlibabaCredentials[]): ProviderMock {
  const { spec } = ctx;
  const nonces = new BoundedMap<string, number>(50_000);
  const secretFor = (id: string) => credentials.find((c) => c.accessKeyId === id)?.accessKeySecret;
  // Resolved once: the operation each Action names (the first one, as operationByAction would find it).
  const byAction = new Map<string, Operation>();
  for (const o of spec.operations) if (o.wire.rpc && !byAction.has(o.wire.rpc.action)) byAction.set(o.wire.rpc.action, o);
  const operationFor = (action: string) => byAction.get(action);
  const quota = new QuotaStore();

  const respond = (operationId: string | undefined, code: string, message: string, fallbackStatus: number): MockResponse => {
    const requestId = randomRequestId();
    const status = findCode(spec, operationId, code)?.status ?? fallbackStatus;
    return {
      status,
      headers: { 'x-acs-request-id': requestId },
      body: {
        RequestId: requestId,
        HostId: product.hostId,
        Code: code,
        Message: message,
        Recommend: `https://api.alibabacloud.com/troubleshoot?q=${encodeURIComponent(code)}&product=${product.product}&requestId=${requestId}`,
      },
    };
  };

  const protocolError = (kind: ProtocolErrorKind, message: string, status?: number): MockResponse => {
    const [code, fallback] = kind === 'bad-request' || kind === 'too-large' ? [product.badRequestCode, 400] : PROTOCOL[kind];
    const res = respond(undefined, code, message, fallback);
    return status ? { ...res, status } : res;
  };

  /** Cheap action lookup for fault targeting: the V1 Action parameter when present (as handle() decides), else x-acs-action. */
  const actionOf = (req: MockRequest): string | undefined => {
    const m = /(?:^|&)Action=([^&]*)/.exec(req.rawQuery) ?? /(?:^|&)Action=([^&]*)/.exec(req.body);
    return m?.[1] ?? req.headers['x-acs-action'];
  };

  function handle(req: MockRequest): MockResponse {
    if (req.method !== 'GET' && req.method !== 'POST') return protocolError('method', `Specified api is not found, please check your url and method (${req.method.slice(0, 16)} is not supported; use POST or GET).`);
    if (req.path !== '/') return protocolError('not-found', 'Specified api is not found, please check your url and method.');
    const parsedQuery = parseQueryString(req.rawQuery);
    if (!parsedQuery.ok) return protocolError('bad-request', `The request is malformed: ${parsedQuery.error}.`);
    const query = parsedQuery.value;
    let form: Pairs = [];
    if (req.body.length > 0) {
      const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
      if (type !== 'application/x-www-form-urlencoded') {
        return protocolError('bad-request', `The request body must be application/x-www-form-urlencoded (got "${type.slice(0, 64) || 'none'}").`);
      }
      const parsed = parseFormBody(req.body);
      if (!parsed.ok) return protocolError('bad-request', `The request body is malformed: ${parsed.error}.`);
      form = parsed.value;
    }
    const all = form.length > 0 ? [...query, ...form] : query;
    // V3 names the action in x-acs-action and signs in Authorization; V1 (pop-core also sends x-acs-action) has Action in the parameters.
    const v3 = req.headers.authorization !== undefined || (req.headers['x-acs-action'] !== undefined && first(all, 'Action') === undefined);
    const action = v3 ? req.headers['x-acs-action'] : first(all, 'Action');
    const version = v3 ? req.headers['x-acs-version'] : first(all, 'Version');
    const op = action ? operationFor(action) : undefined;
    if (!op) return respond(undefined, 'InvalidAction.NotFound', 'Specified api is not found, please check your url and method.', 404);
    if (version !== op.wire.rpc?.version) {
      return respond(op.operationId, 'InvalidAction.NotFound', `Specified api is not found, please check your url and method (Version must be ${op.wire.rpc?.version}).`, 404);
    }
    const verdict = v3
      ? verifyAcs3({ method: req.method, path: req.path, query, headers: req.headers, body: req.body }, secretFor, { now: new Date(), maxSkewMs: MAX_SKEW_MS })
      : verifyAcsV1(req.method, all, secretFor, { now: new Date(), maxSkewMs: MAX_SKEW_MS });
    if (!verdict.ok) {
      const code = findCode(spec, op.operationId, verdict.code) ? verdict.code : SIGNATURE_FALLBACK;
      return respond(op.operationId, code, verdict.message, verdict.status);
    }
    if (verdict.nonce) {
      // One accepted key: the verified key id is always that one, so the nonce alone is the key.
      const key = credentials.length === 1 ? verdict.nonce : `${verdict.accessKeyId}\n${verdict.nonce}`;
      const now = Date.now();
      // A new nonce (the usual case) is remembered in the same look-up that finds it unseen.
      const seen = nonces.peekOrSet(key, now);
      if (seen !== undefined) {
        if (now - seen < NONCE_TTL_MS) return respond(op.operationId, 'SignatureNonceUsed', 'Specified signature nonce was used already.', 400);
        nonces.set(key, now);
      }
    }
    if (quota.size > 0) {
      const over = quota.exceeded(op.operationId, verdict.accessKeyId, ctx.clock.now());
      if (over === 'user') return respond(op.operationId, 'Throttling.User', 'Request was denied due to user flow control.', 400);
      if (over === 'api') return respond(op.operationId, 'Throttling.Api', 'Request was denied due to api flow control.', 400);
    }
    const handler = product.handlers[op.operationId];
    if (!handler) return respond(op.operationId, 'InvalidAction.NotFound', `The mock does not implement ${op.operationId}.`, 404);
    const result = handler({ params: businessParams(all), accessKeyId: verdict.accessKeyId });
    if (!result.ok) return respond(op.operationId, result.code, result.message, result.status ?? 400);
    const requestId = randomRequestId();
    return { status: 200, headers: { 'x-acs-request-id': requestId }, body: { RequestId: requestId, ...result.body } };
  }

  return {
    id: product.id,
    spec,
    clock: ctx.clock,
    outbox: ctx.outbox,
    faults: new FaultStore(),
    answers: new AnswerStore(product.id),
    quota,
    drift: { field: product.driftField, codeField: spec.codeField || 'Code', undocumentedCode: 'Verikit.UndocumentedCode' },
    operationOf: (req) => {
      const action = actionOf(req);
      return action ? operationFor(action)?.operationId : undefined;
    },
    handle,
    protocolError,
    resetState() {
      nonces.clear();
      product.resetState();
    },
  };
}

