/**
 * The control plane: under /__verikit/ on every provider port, and in-process through `MockControl`.
 * Never subject to faults, never signed.
 */
import type { ProviderId } from '../spec/model.ts';
import { serverStatuses } from './codes.ts';
import { type AnswerRequest, parseAnswer } from './answers.ts';
import { type Fault, parseFault } from './faults.ts';
import { parseQuota, type Quota } from './quota.ts';
import type { OutboxMessage } from './outbox.ts';
import type { MockResponse, ProviderMock } from './types.ts';

export const CONTROL_PREFIX = '/__verikit/';

export interface MockControl {
  /** Messages (with their codes) the provider "sent", oldest first. */
  outbox(provider: ProviderId): OutboxMessage[];
  /** Moves the mock clock forward; returns the new mock time (ms) of the last provider advanced. */
  advanceClock(provider: ProviderId | 'all', ms: number): number;
  /** Clears state, outbox, faults, armed answers, quotas and clock offset. */
  reset(provider: ProviderId | 'all'): void;
  /** Arms a fault; returns its id. Throws RangeError for an invalid fault. */
  injectFault(provider: ProviderId, fault: Fault): string;
  clearFaults(provider: ProviderId): void;
  /** Arms a documented answer (as POST /__verikit/answers); returns its id. Throws RangeError when refused. */
  armAnswer(provider: ProviderId, answer: AnswerRequest): string;
  clearAnswers(provider: ProviderId): void;
  /** Sets a request-rate quota (as POST /__verikit/quota); null clears every quota. Throws RangeError for an invalid one. */
  setQuota(provider: ProviderId, quota: Partial<Quota> | null): void;
  /** Mints a carrier token bound to `phone` (as the carrier SDK would), valid about a minute on the mock clock. */
  mintJVerificationToken(phone: string): string;
}

export function resetMock(mock: ProviderMock): void {
  mock.resetState();
  mock.outbox.clear();
  mock.faults.clear();
  mock.answers.clear();
  mock.quota.clear();
  mock.clock.reset();
}

function ok(body: unknown, status = 200): MockResponse {
  return { status, body };
}

function bad(message: string, status = 400): MockResponse {
  return { status, body: { error: message } };
}

/**
 * A parsed fault made concrete for one provider: a status5xx fault answers with a status the spec documents
 * for the operations it targets (default 503 when documented, else the first one), so the answer is a
 * documented status and code pair. Returns an error message when it cannot.
 */
export function armFault(mock: ProviderMock, fault: Fault): Fault | string {
  if (fault.operationId && !mock.spec.operations.some((o) => o.operationId === fault.operationId)) return `unknown operationId "${fault.operationId}" for ${mock.id}`;
  if (fault.kind !== 'status5xx') return fault;
  const documented = serverStatuses(mock.spec, fault.operationId);
  const status = fault.status ?? (documented.includes(503) ? 503 : documented[0]);
  if (status === undefined || !documented.includes(status)) {
    const target = fault.operationId ? `${mock.id} ${fault.operationId}` : `every operation of ${mock.id}`;
    return `status ${fault.status} is not documented for ${target}: documented 5xx statuses are ${documented.join(', ') || 'none'}`;
  }
  return { ...fault, status };
}

/** Handles one control-plane request (`route` is the path after the prefix). */
export function handleControl(mock: ProviderMock, route: string, method: string, body: unknown): MockResponse {
  const key = `${method} ${route.replace(/\/+$/, '')}`;
  switch (key) {
    case 'GET health':
      return ok({ provider: mock.id, now: mock.clock.now() });
    case 'GET outbox':
      return ok({ provider: mock.id, messages: mock.outbox.list() });
    case 'POST clock': {
      const ms = (body as { advanceMs?: unknown } | undefined)?.advanceMs;
      if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) return bad('body must be {"advanceMs": <non-negative number>}');
      return ok({ provider: mock.id, now: mock.clock.advance(ms) });
    }
    case 'POST reset':
      resetMock(mock);
      return ok({ provider: mock.id, reset: true });
    case 'GET faults':
      return ok({ provider: mock.id, faults: mock.faults.list() });
    case 'POST faults': {
      const parsed = parseFault(body);
      const fault = typeof parsed === 'string' ? parsed : armFault(mock, parsed);
      if (typeof fault === 'string') return bad(fault);
      return ok({ provider: mock.id, id: mock.faults.add(fault) }, 201);
    }
    case 'DELETE faults':
      return ok({ provider: mock.id, cleared: mock.faults.clear() });
    case 'GET answers':
      return ok({ provider: mock.id, answers: mock.answers.list() });
    case 'POST answers': {
      const answer = parseAnswer(mock.spec, body);
      if ('error' in answer) return bad(answer.error);
      return ok({ provider: mock.id, id: mock.answers.add(answer), operationId: answer.operationId, code: answer.code, status: answer.status, count: answer.remaining }, 201);
    }
    case 'GET quota':
      return ok({ provider: mock.id, quotas: mock.quota.list() });
    case 'POST quota': {
      const quota = parseQuota(body, mock.spec.operations.map((o) => o.operationId));
      if (typeof quota === 'string') return bad(quota);
      mock.quota.set(quota);
      return ok({ provider: mock.id, quota }, 201);
    }
    case 'DELETE quota':
      return ok({ provider: mock.id, cleared: mock.quota.clear() });
    case 'DELETE answers':
      return ok({ provider: mock.id, cleared: mock.answers.clear() });
    default: {
      const extra = mock.control?.(route.replace(/\/+$/, ''), method, body);
      return extra ?? bad(`unknown control route ${method} ${CONTROL_PREFIX}${route}`, 404);
    }
  }
}

/** In-process control over a set of running provider mocks. */
export function createControl(mocks: Map<ProviderId, ProviderMock>): MockControl {
  const get = (id: ProviderId): ProviderMock => {
    const m = mocks.get(id);
    if (!m) throw new RangeError(`mock provider ${id} is not running`);
    return m;
  };
  const each = (id: ProviderId | 'all'): ProviderMock[] => (id === 'all' ? [...mocks.values()] : [get(id)]);
  return {
    outbox: (id) => get(id).outbox.list(),
    advanceClock(id, ms) {
      let now = 0;
      for (const m of each(id)) now = m.clock.advance(ms);
      return now;
    },
    reset(id) {
      for (const m of each(id)) resetMock(m);
    },
    injectFault(id, fault) {
      const parsed = parseFault(fault);
      const armed = typeof parsed === 'string' ? parsed : armFault(get(id), parsed);
      if (typeof armed === 'string') throw new RangeError(armed);
      return get(id).faults.add(armed);
    },
    clearFaults(id) {
      get(id).faults.clear();
    },
    armAnswer(id, answer) {
      const m = get(id);
      const parsed = parseAnswer(m.spec, answer);
      if ('error' in parsed) throw new RangeError(parsed.error);
      return m.answers.add(parsed);
    },
    clearAnswers(id) {
      get(id).answers.clear();
    },
    setQuota(id, quota) {
      const m = get(id);
      if (quota === null) return void m.quota.clear();
      const parsed = parseQuota(quota, m.spec.operations.map((o) => o.operationId));
      if (typeof parsed === 'string') throw new RangeError(parsed);
      m.quota.set(parsed);
    },
    mintJVerificationToken(phone) {
      const res = get('jiguang-jverification').control?.('token', 'POST', { phone });
      const token = (res?.body as { token?: unknown } | undefined)?.token;
      if (res?.status !== 200 || typeof token !== 'string') throw new RangeError(`cannot mint a token: ${JSON.stringify(res?.body)}`);
      return token;
    },
  };
}
