import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { JV_RULES } from '../../src/mock/jiguang/jverification.ts';
import { codeOf, Harness, send } from './helpers.ts';

const P = 'jiguang-jverification' as const;
let h: Harness;
beforeAll(async () => {
  h = await Harness.start([P]);
});
afterAll(() => h.close());
beforeEach(() => h.control.reset(P));

const PHONE = '13800138000';
const verify = (body: unknown, op: 'Verify' | 'VerifyH5' = 'Verify') => h.call(P, op, { body });

describe('JVerification verify', () => {
  it.each(['Verify', 'VerifyH5'] as const)('%s: a minted token for the same phone -> 9000 with id and exID', async (op) => {
    const token = h.control.mintJVerificationToken(PHONE);
    const r = await verify({ token, phone: PHONE, exID: 'abc' }, op);
    expect([r.status, r.json.code, r.json.exID]).toEqual([200, 9000, 'abc']);
    expect(Number.isSafeInteger(r.json.id)).toBe(true);
    expect(h.problems(P, op, r)).toEqual([]);
  });

  it("the page's curl form (phone as a JSON number) verifies like the table's string form", async () => {
    const r = await verify({ token: h.control.mintJVerificationToken(PHONE), phone: Number(PHONE) });
    expect([r.status, r.json.code]).toEqual([200, 9000]);
    expect(h.problems(P, 'Verify', r)).toEqual([]);
  });

  it('answers the documented codes for token, phone and limits', async () => {
    const t1 = h.control.mintJVerificationToken(PHONE);
    const other = await verify({ token: t1, phone: '13800138001' });
    expect(other.json.code).toBe(9001);
    const reused = await verify({ token: t1, phone: '13800138001' });
    expect(reused.json.code).toBe(9021);
    const unknown = await verify({ token: `STsid${'0'.repeat(40)}`, phone: PHONE });
    expect(unknown.json.code).toBe(9003);
    const garbage = await verify({ token: 'not-a-carrier-token', phone: PHONE });
    expect(garbage.json.code).toBe(9020);
    const t2 = h.control.mintJVerificationToken(PHONE);
    h.control.advanceClock(P, JV_RULES.tokenTtlMs + 1);
    expect((await verify({ token: t2, phone: PHONE })).json.code).toBe(9003);
    for (const r of [other, reused, unknown, garbage]) expect(h.problems(P, 'Verify', r)).toEqual([]);
  });

  it('9005 for the same number again too soon, 9006 past the per-number daily limit', async () => {
    expect((await verify({ token: h.control.mintJVerificationToken(PHONE), phone: PHONE })).json.code).toBe(9000);
    const soon = await verify({ token: h.control.mintJVerificationToken(PHONE), phone: PHONE });
    expect(soon.json.code).toBe(9005);
    for (let i = 1; i < JV_RULES.perNumberDaily; i++) {
      h.control.advanceClock(P, JV_RULES.minIntervalMs);
      expect((await verify({ token: h.control.mintJVerificationToken(PHONE), phone: PHONE })).json.code).toBe(9000);
    }
    h.control.advanceClock(P, JV_RULES.minIntervalMs);
    const over = await verify({ token: h.control.mintJVerificationToken(PHONE), phone: PHONE });
    expect(over.json.code).toBe(9006);
    expect(h.problems(P, 'Verify', over)).toEqual([]);
  });

  it('9007 past the per-appKey daily limit, lifted the next (mock) day', async () => {
    const saved = JV_RULES.perAppKeyDaily;
    JV_RULES.perAppKeyDaily = 2;
    try {
      for (const phone of ['13800138001', '13800138002']) expect((await verify({ token: h.control.mintJVerificationToken(phone), phone })).json.code).toBe(9000);
      const over = await verify({ token: h.control.mintJVerificationToken('13800138003'), phone: '13800138003' });
      expect(over.json.code).toBe(9007);
      expect(h.problems(P, 'Verify', over)).toEqual([]);
      h.control.advanceClock(P, 86_400_000);
      expect((await verify({ token: h.control.mintJVerificationToken('13800138003'), phone: '13800138003' })).json.code).toBe(9000);
    } finally {
      JV_RULES.perAppKeyDaily = saved;
    }
  });

  it('9002 for a token minted with an unknown carrier outcome (control plane)', async () => {
    const res = await request(`${h.mocks.urls[P]}/__verikit/token`, { method: 'POST', body: JSON.stringify({ phone: PHONE, outcome: 'unknown' }) });
    const { token } = (await res.body.json()) as { token: string };
    expect((await verify({ token, phone: PHONE })).json.code).toBe(9002);
  });

  const table: Array<{ name: string; given: unknown; want: number }> = [
    { name: "phone as a number (the page's curl form), unknown token", given: { token: 'STsid00000000000000000000', phone: 13800138000 }, want: 9003 },
    { name: 'phone as a 10-digit number', given: { token: 'STsid00000000000000000000', phone: 1380013800 }, want: 9012 },
    { name: 'phone as a fraction', given: { token: 'STsid00000000000000000000', phone: 13800138000.5 }, want: 9012 },
    { name: 'no token', given: { phone: PHONE }, want: 9012 },
    { name: 'a 10-digit phone', given: { token: 'STsid00000000000000000000', phone: '1380013800' }, want: 9012 },
    { name: 'exID as a number', given: { token: 'STsid00000000000000000000', phone: PHONE, exID: 1 }, want: 9012 },
    { name: 'an array body', given: [1], want: 9012 },
  ];
  for (const c of table) {
    it(`${c.name} -> 200 ${c.want}`, async () => {
      const r = await verify(c.given);
      expect([r.status, r.json.code]).toEqual([200, c.want]);
      expect(h.problems(P, 'Verify', r)).toEqual([]);
    });
  }

  it('auth, method, media type and JSON errors', async () => {
    const base = h.wire(P, 'Verify', { body: { token: 'STsid00000000000000000000', phone: PHONE } });
    const table: Array<[typeof base, number, number]> = [
      [h.wire(P, 'Verify', { body: { phone: PHONE } }, { auth: 'none' }), 401, 9010],
      [h.wire(P, 'Verify', { body: { phone: PHONE } }, { auth: 'wrong-secret' }), 401, 9011],
      [{ ...base, method: 'GET', body: undefined }, 200, 9013],
      [{ ...base, headers: { ...base.headers, 'Content-Type': 'text/plain' } }, 200, 9015],
      [{ ...base, body: '{"token":' }, 200, 9012],
    ];
    for (const [w, status, code] of table) {
      const r = await send(w);
      expect([r.status, codeOf(h, P, r)]).toEqual([status, String(code)]);
      expect(h.problems(P, 'Verify', r)).toEqual([]);
    }
  });
});
