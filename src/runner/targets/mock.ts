/** The mock target: the embedded mocks in-process, codes from their outbox, their clock and token minting. */
import { registerSecret } from '../../core/redact.ts';
import type { FlowPhone } from '../../cases/flows/types.ts';
import { startMocks, type RunningMocks } from '../../mock/index.ts';
import { type Credentials, credentialsFromEnv, TEST_CREDENTIALS } from '../../signing/credentials.ts';
import type { ProviderId } from '../../spec/model.ts';
import { sameNumber } from '../cost-guard.ts';
import type { ProviderTarget, Target } from './types.ts';

export interface MockTargetOptions {
  providers: ProviderId[];
  specsDir?: string;
  /** Use mocks that are already running (tests); otherwise they are started and stopped here. */
  running?: RunningMocks;
}

/**
 * The credentials of a mock run: the providers' environment variables where set (so a canary run proves
 * they never leak), else the documented test credentials. Mocks and runner use the same set.
 */
export function mockRunCredentials(env: Record<string, string | undefined> = process.env): Credentials {
  return { ...TEST_CREDENTIALS, ...credentialsFromEnv(env) };
}

export async function createMockTarget(opts: MockTargetOptions): Promise<Target & { mocks: RunningMocks }> {
  const credentials = opts.running ? TEST_CREDENTIALS : mockRunCredentials();
  const mocks = opts.running ?? (await startMocks({ portBase: 0, providers: opts.providers, specsDir: opts.specsDir, credentials }));
  const providers: Partial<Record<ProviderId, ProviderTarget>> = {};
  for (const p of opts.providers) {
    const url = mocks.urls[p];
    providers[p] = url ? { baseUrl: url, credentials } : { baseUrl: '', credentials: {}, skipReason: 'no mock running for this provider' };
  }
  return {
    kind: 'mock',
    mocks,
    providers,
    capabilities: new Set(['read-code', 'advance-clock', 'mint-token', 'set-quota']),
    missing: () => '',
    async readCode(provider: ProviderId, phone: FlowPhone) {
      const all = mocks.control.outbox(provider);
      for (let i = all.length - 1; i >= 0; i--) {
        if (sameNumber(all[i].to, phone.cc + phone.national) || sameNumber(all[i].to, phone.national)) {
          registerSecret(all[i].code, 'code');
          return all[i].code;
        }
      }
      return undefined;
    },
    async advanceClock(provider: ProviderId, ms: number) {
      mocks.control.advanceClock(provider, ms);
    },
    async mintToken(phone: string) {
      const t = mocks.control.mintJVerificationToken(phone);
      registerSecret(t, 'token');
      return t;
    },
    async setQuota(provider, quota) {
      mocks.control.setQuota(provider, quota);
    },
    async armAnswer(provider, operationId, answer, key) {
      mocks.control.armAnswer(provider, { operationId, code: answer.code, status: answer.status, key });
    },
    async close() {
      if (!opts.running) await mocks.close();
    },
  };
}
