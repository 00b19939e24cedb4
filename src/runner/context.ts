import type { Check, ResponseValidator } from '../checks/types.ts';
import type { FlowPhone } from '../cases/flows/types.ts';
import type { Credentials } from '../signing/credentials.ts';
import type { AuthKind, Operation, ProviderId, ProviderSpec } from '../spec/model.ts';
import type { CostGuard } from './cost-guard.ts';
import type { PoolSet } from './http.ts';
import type { RateLimiter } from './rate-limit.ts';
import type { RetryPolicy } from './retry.ts';
import type { Target } from './targets/types.ts';

/** Everything executing one case needs; built once per run. */
export interface ExecContext {
  specs: Map<ProviderId, ProviderSpec>;
  target: Target;
  pools: PoolSet;
  validator(op: Operation): ResponseValidator;
  limiter(provider: ProviderId): RateLimiter;
  guard: CostGuard;
  timeoutMs: number;
  /** Bytes of a response body kept. */
  maxBodyBytes: number;
  latencyBudgetMs: number;
  retry: RetryPolicy;
  signal?: AbortSignal;
  /** Live runs: the allow-listed numbers that replace verikit's test numbers in billed requests (in turn). */
  liveNumbers: FlowPhone[];
  /** Picks the next live number `provider` can take (round robin); `{ skip }` when it can take none; undefined when there are none. */
  nextLiveNumber(provider: ProviderId): FlowPhone | { skip: string } | undefined;
  now?: () => Date;
  /** The checks to run (default all, src/checks/index.ts); flowStepOutcome false: flows skip flow-step-outcome. */
  checks?: readonly Check[];
  flowStepOutcome?: boolean;
}

/** The auth scheme to sign with: the operation's first one the credentials can produce. */
export function chooseAuthKind(op: Operation, c: Credentials): AuthKind | undefined {
  for (const k of op.auth) {
    if (k === 'huawei-sdk-hmac-sha256' && !c.huawei?.ak) continue;
    if (k === 'huawei-token' && !c.huawei?.token) continue;
    return k;
  }
  return op.auth[0];
}
