import type { ProviderId, ProviderSpec } from '../spec/model.ts';
import type { MockClock } from './clock.ts';
import type { AnswerStore } from './answers.ts';
import type { FaultStore } from './faults.ts';
import type { QuotaStore } from './quota.ts';
import type { Outbox } from './outbox.ts';

/** An incoming request as the provider handlers see it (already bounded in size). */
export interface MockRequest {
  method: string;
  /** Path as sent (not decoded), without the query string. */
  path: string;
  /** Raw query string without the leading "?". */
  rawQuery: string;
  /** Lower-cased header names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: string;
}

export interface MockResponse {
  status: number;
  /** JSON-serialised unless it is a string and content-type says otherwise. */
  body: unknown;
  headers?: Record<string, string>;
}

/** Failures the server detects before a provider handler runs; each provider answers them in its own format. */
export type ProtocolErrorKind = 'bad-request' | 'too-large' | 'not-found' | 'method' | 'throttled' | 'unavailable' | 'internal';

export interface DriftDefaults {
  field: string;
  codeField: string;
  undocumentedCode: string | number;
}

/** One embedded provider: handlers, state, clock, outbox and faults. */
export interface ProviderMock {
  readonly id: ProviderId;
  readonly spec: ProviderSpec;
  readonly clock: MockClock;
  readonly outbox: Outbox;
  readonly faults: FaultStore;
  /** Armed answers (POST /__verikit/answers). */
  readonly answers: AnswerStore;
  /** Request-rate quotas (POST /__verikit/quota); exceeding one is answered with the provider's throttling code. */
  readonly quota: QuotaStore;
  readonly drift: DriftDefaults;
  /** Cheap classification for fault targeting (no auth): the operationId a request is aimed at. */
  operationOf(req: MockRequest): string | undefined;
  handle(req: MockRequest): Promise<MockResponse> | MockResponse;
  protocolError(kind: ProtocolErrorKind, message: string, status?: number): MockResponse;
  /** Clears business state (not faults or clock; reset() in control does all three). */
  resetState(): void;
  /** Provider-specific control routes, e.g. JVerification's POST token. undefined = no such route. */
  control?(route: string, method: string, body: unknown): MockResponse | undefined;
}

/** What a provider module is built from: its spec, its clock and its outbox. */
export interface MockContext {
  spec: ProviderSpec;
  clock: MockClock;
  outbox: Outbox;
}
