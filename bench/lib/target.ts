/** A runner Target for one provider at a base URL (the bench's generic mock), without flow capabilities. */
import type { ProviderId } from '../../src/spec/model.ts';
import type { Credentials } from '../../src/signing/credentials.ts';
import type { Target } from '../../src/runner/targets/types.ts';

export function urlTarget(provider: ProviderId, baseUrl: string, credentials: Credentials): Target {
  return {
    kind: 'mock',
    providers: { [provider]: { baseUrl, credentials } },
    capabilities: new Set(),
    missing: () => 'needs the embedded mocks (the bench generic mock has no control plane)',
    readCode: async () => undefined,
    advanceClock: async () => {},
    mintToken: async () => { throw new Error('the bench generic mock cannot mint tokens'); },
    close: async () => {},
  };
}
