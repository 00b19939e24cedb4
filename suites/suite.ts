/**
 * Shared body of the thin conformance suites: load the spec, generate the cases, run them against the
 * embedded mocks, and assert per operation that the provider shows no contract findings.
 * Seed: VERIKIT_SEED (default 1).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunSummary } from '../src/core/types.ts';
import { runConformance } from '../src/runner/run.ts';
import { createMockTarget } from '../src/runner/targets/mock.ts';
import type { Target } from '../src/runner/targets/types.ts';
import { loadSpecs } from '../src/spec/load.ts';
import type { ProviderId } from '../src/spec/model.ts';

export async function conformanceSuite(provider: ProviderId): Promise<void> {
  const spec = (await loadSpecs('specs')).find((s) => s.id === provider);
  if (!spec) throw new Error(`no spec for ${provider} in specs/`);
  const seed = Number(process.env.VERIKIT_SEED ?? 1);

  describe(`${provider} conformance (mock target, seed ${seed})`, () => {
    let target: Target | undefined;
    let summary: RunSummary;
    beforeAll(async () => {
      target = await createMockTarget({ providers: [provider] });
      ({ summary } = await runConformance({ specs: [spec], target, seed, costGuard: { enforce: false, allowSend: false, allowNumbers: [], maxSends: 0 } }));
    });
    afterAll(async () => { await target?.close(); });

    for (const op of spec.operations) {
      it(`${op.operationId} honours its spec`, () => {
        const stats = summary.operations.find((o) => o.operationId === op.operationId);
        expect(stats?.cases ?? 0).toBeGreaterThan(0);
        const findings = summary.findings.filter((f) => f.operationId === op.operationId).map((f) => `${f.check} [${f.kind}] ${f.caseId}: ${f.message}`);
        expect(findings).toEqual([]);
      });
    }
    it('runs without tool errors', () => {
      expect(summary.errors).toEqual([]);
    });
  });
}
