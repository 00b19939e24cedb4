import type { FlowCapability, FlowPhone } from '../../cases/flows/types.ts';
import type { DocumentedAnswer } from '../../core/types.ts';
import type { Credentials } from '../../signing/credentials.ts';
import type { ProviderId } from '../../spec/model.ts';

export interface ProviderTarget {
  baseUrl: string;
  credentials: Credentials;
  /** Set when the provider cannot be run (e.g. no credentials on a live target). */
  skipReason?: string;
}

/** Where cases go: the embedded mocks or real (or --base-url) endpoints. */
export interface Target {
  kind: 'mock' | 'live';
  providers: Partial<Record<ProviderId, ProviderTarget>>;
  /** What flows may use; a flow needing anything else is skipped with a reason. */
  capabilities: ReadonlySet<FlowCapability>;
  /** Why a capability is missing, for skip reasons. */
  missing(capability: FlowCapability): string;
  /** The OTP just sent to `phone` (outbox on mocks, a prompt on a TTY for live); undefined when none. */
  readCode(provider: ProviderId, phone: FlowPhone, label: string): Promise<string | undefined>;
  advanceClock(provider: ProviderId, ms: number): Promise<void>;
  mintToken(phone: string): Promise<string>;
  /**
   * Mock target only: arms a documented answer for the one request that will carry
   * `x-verikit-answer: <key>` (per-request, so concurrent cases never take each other's answer).
   */
  armAnswer?(provider: ProviderId, operationId: string, answer: DocumentedAnswer, key: string): Promise<void>;
  /** Mock target only: sets a request-rate quota (null clears them). */
  setQuota?(provider: ProviderId, quota: { operationId: string; limit: number; windowMs: number; scope?: 'user' | 'api' } | null): Promise<void>;
  close(): Promise<void>;
}
