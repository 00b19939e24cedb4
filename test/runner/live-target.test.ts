import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMocks, type RunningMocks } from '../../src/mock/index.ts';
import { runConformance } from '../../src/runner/run.ts';
import { createLiveTarget } from '../../src/runner/targets/live.ts';
import { TEST_CREDENTIALS } from '../../src/signing/credentials.ts';
import { loadSpecs } from '../../src/spec/load.ts';
import type { ProviderSpec } from '../../src/spec/model.ts';

const env = {
  HUAWEICLOUD_SDK_AK: TEST_CREDENTIALS.huawei.ak, HUAWEICLOUD_SDK_SK: TEST_CREDENTIALS.huawei.sk, HUAWEICLOUD_SDK_TOKEN: TEST_CREDENTIALS.huawei.token,
};

describe('live target flows', () => {
  let mocks: RunningMocks;
  let specs: ProviderSpec[];
  beforeAll(async () => {
    specs = (await loadSpecs('specs')).filter((s) => s.id === 'huawei-osm');
    mocks = await startMocks({ portBase: 0, providers: ['huawei-osm'], credentials: TEST_CREDENTIALS });
  });
  afterAll(() => mocks.close());

  const guard = { enforce: true, allowSend: true, allowNumbers: ['86-13800138301'], maxSends: 10 };

  it('asks for the OTP, masks the number in the question, and finishes the send -> check flow; clock flows are skipped with a reason', async () => {
    mocks.control.reset('all');
    const questions: string[] = [];
    const target = createLiveTarget({
      specs, providers: ['huawei-osm'], baseUrls: { 'huawei-osm': mocks.urls['huawei-osm'] }, env,
      prompt: async (q) => {
        questions.push(q);
        const sent = mocks.control.outbox('huawei-osm');
        return sent[sent.length - 1].code;
      },
    });
    const results: Array<{ caseId: string; status: string; skipReason?: string }> = [];
    const flowsOnly = { cases: [], flows: (await import('../../src/cases/index.ts')).generateCases(specs, { seed: 1 }).flows, counts: [] };
    await runConformance({ specs, target, seed: 1, costGuard: guard, generated: flowsOnly, ratePerSecond: 1000, onResult: (r) => results.push(r) });
    const byId = Object.fromEntries(results.map((r) => [r.caseId.split('/').pop(), r]));
    expect(byId['send-read-check'].status).toBe('passed');
    expect(byId['check-after-expiry']).toMatchObject({ status: 'skipped', skipReason: expect.stringMatching(/controllable clock/) });
    expect(questions.length).toBeGreaterThan(0);
    expect(questions.join('\n')).not.toContain('13800138301');
    for (const m of mocks.control.outbox('huawei-osm')) expect(m.to).toContain('13800138301');
  });

  it('without a way to ask, flows that need a code are skipped with a reason', async () => {
    const target = createLiveTarget({ specs, providers: ['huawei-osm'], baseUrls: { 'huawei-osm': mocks.urls['huawei-osm'] }, env, interactive: false });
    const flows = (await import('../../src/cases/index.ts')).generateCases(specs, { seed: 1 }).flows.filter((f) => f.requires.includes('read-code'));
    const results: Array<{ status: string; skipReason?: string }> = [];
    await runConformance({ specs, target, seed: 1, costGuard: guard, generated: { cases: [], flows, counts: [] }, onResult: (r) => results.push(r) });
    expect(results.length).toBe(flows.length);
    for (const r of results) expect(r).toMatchObject({ status: 'skipped', skipReason: expect.stringMatching(/no TTY/) });
  });
});
