/** POST /__verikit/quota: beyond the quota, each provider answers its own throttling code (a natural trigger). */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CaseInput } from '../../src/core/types.ts';
import type { ProviderId } from '../../src/spec/model.ts';
import { codeOf, Harness } from './helpers.ts';

let h: Harness;
beforeAll(async () => {
  h = await Harness.start();
});
afterAll(() => h.close());
beforeEach(() => h.control.reset('all'));

const ctl: Harness['ctl'] = (...args) => h.ctl(...args);

const table: Array<{ provider: ProviderId; op: string; input: CaseInput; scope?: 'user' | 'api'; want: [number, string] }> = [
  { provider: 'alibaba-dypnsapi-intl', op: 'SearchVerification', input: { query: {} }, want: [400, 'Throttling.User'] },
  { provider: 'alibaba-dypnsapi-intl', op: 'SearchVerification', input: { query: {} }, scope: 'api', want: [400, 'Throttling.Api'] },
  { provider: 'alibaba-resourcedirectorymaster', op: 'AddMessageContact', input: { query: { Name: 'a', EmailAddress: 'a@example.com', Title: 'CEO', MessageTypes: ['AccountExpenses'] } }, want: [400, 'Throttling.User'] },
  { provider: 'huawei-osm', op: 'CheckVerifyCodes', input: { body: { verify_code: '123456', contact_value: 'a@example.com', contact_way: 1 } }, want: [429, 'APIGW.0308'] },
  { provider: 'jiguang-jverification', op: 'Verify', input: { body: { token: 'STsid0000001542695429579Ob28vB7b0cYTI9w0GGZrv8ujUu05qZvw', phone: '15813554612' } }, want: [200, '1804'] },
];

describe('request-rate quotas', () => {
  it.each(table)('$provider $op beyond a quota of 2 ($scope) -> $want', async ({ provider, op, input, scope, want }) => {
    expect((await ctl(provider, 'POST', 'quota', { operationId: op, limit: 2, windowMs: 60_000, ...(scope ? { scope } : {}) })).status).toBe(201);
    const got: Array<[number, string]> = [];
    for (let i = 0; i < 3; i++) {
      const r = await h.call(provider, op, input);
      got.push([r.status, codeOf(h, provider, r)]);
      expect(h.problems(provider, op, r)).toEqual([]);
    }
    expect(got[0][1]).not.toBe(want[1]);
    expect(got[1][1]).not.toBe(want[1]);
    expect(got[2]).toEqual(want);
    // the window moves on the mock clock
    h.control.advanceClock(provider, 60_000);
    expect(codeOf(h, provider, await h.call(provider, op, input))).not.toBe(want[1]);
  });

  it('counts only requests that passed authentication, per operation, and is cleared by DELETE and reset', async () => {
    const P = 'alibaba-dypnsapi-intl' as const;
    h.control.setQuota(P, { operationId: 'SearchVerification', limit: 1, windowMs: 60_000 });
    await h.call(P, 'SearchVerification', { query: {} }, { auth: 'wrong-secret' });
    expect(codeOf(h, P, await h.call(P, 'SearchVerification', { query: {} }))).toBe('OK');
    expect(codeOf(h, P, await h.call(P, 'StartVerification', { query: { Channel: 'SMS', To: '8613800138000', ServiceSid: 'FA1' } }))).toBe('OK');
    expect(codeOf(h, P, await h.call(P, 'SearchVerification', { query: {} }))).toBe('Throttling.User');
    expect((await ctl(P, 'GET', 'quota')).json.quotas).toEqual([{ operationId: 'SearchVerification', limit: 1, windowMs: 60_000, scope: 'user' }]);
    expect((await ctl(P, 'DELETE', 'quota')).json.cleared).toBe(1);
    expect(codeOf(h, P, await h.call(P, 'SearchVerification', { query: {} }))).toBe('OK');
    h.control.setQuota(P, { limit: 1, windowMs: 60_000 });
    h.control.reset(P);
    expect((await ctl(P, 'GET', 'quota')).json.quotas).toEqual([]);
  });

  it.each([
    [{ limit: 0 }, /limit must be/],
    [{ limit: 1, per: 's' }, /unknown key "per"/],
    [{ limit: 1, operationId: 'Nope' }, /operationId must be one of/],
    [{ limit: 1, scope: 'world' }, /scope must be/],
    [{ limit: 1, windowMs: 0 }, /windowMs must be/],
  ])('refuses %j', async (body, msg) => {
    const r = await ctl('huawei-osm', 'POST', 'quota', body);
    expect(r.status).toBe(400);
    expect(r.json.error).toMatch(msg);
  });
});
