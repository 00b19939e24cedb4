import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OSM_RULES } from '../../src/mock/huawei/osm.ts';
import type { AuthKind } from '../../src/spec/model.ts';
import { codeOf, Harness, send } from './helpers.ts';

const P = 'huawei-osm' as const;
let h: Harness;
beforeAll(async () => {
  h = await Harness.start([P]);
});
afterAll(() => h.close());
beforeEach(() => h.control.reset(P));

const SMS = { contact_value: '13800138000', contact_way: 0, area_code: '86' };
const sendCode = (body: unknown, authKind?: AuthKind) => h.call(P, 'SendVerifyCodes', { body }, { authKind });
const checkCode = (body: unknown, authKind?: AuthKind) => h.call(P, 'CheckVerifyCodes', { body }, { authKind });

describe.each(['huawei-token', 'huawei-sdk-hmac-sha256'] as AuthKind[])('with %s', (authKind) => {
  it('sends a code, checks it once (5-minute validity), rejects a reuse', async () => {
    const s = await sendCode(SMS, authKind);
    expect([s.status, codeOf(h, P, s)]).toEqual([200, '']);
    expect(h.problems(P, 'SendVerifyCodes', s)).toEqual([]);
    const [msg] = h.control.outbox(P);
    expect(msg).toMatchObject({ channel: 'SMS', to: '8613800138000' });
    const ok = await checkCode({ ...SMS, verify_code: msg.code }, authKind);
    expect([ok.status, codeOf(h, P, ok)]).toEqual([200, '']);
    expect(h.problems(P, 'CheckVerifyCodes', ok)).toEqual([]);
    const reuse = await checkCode({ ...SMS, verify_code: msg.code }, authKind);
    expect([reuse.status, codeOf(h, P, reuse)]).toEqual([200, 'OSM.01010010']);
    expect(h.problems(P, 'CheckVerifyCodes', reuse)).toEqual([]);
  });

  it('rejects a wrong secret or token with 401 APIGW.0301', async () => {
    for (const auth of ['wrong-secret', 'tampered', 'none'] as const) {
      const r = await h.call(P, 'SendVerifyCodes', { body: SMS }, { authKind, auth });
      expect([r.status, codeOf(h, P, r)], auth).toEqual([401, 'APIGW.0301']);
      expect(h.problems(P, 'SendVerifyCodes', r)).toEqual([]);
    }
  });
});

describe('OSM business rules', () => {
  it('rejects a stale X-Sdk-Date (AK/SK) with 401 APIGW.0301', async () => {
    const r = await h.call(P, 'SendVerifyCodes', { body: SMS }, { authKind: 'huawei-sdk-hmac-sha256', now: new Date(Date.now() - 20 * 60_000) });
    expect([r.status, codeOf(h, P, r)]).toEqual([401, 'APIGW.0301']);
    expect(r.json.error_msg).toMatch(/expired/);
  });

  it('sends at most once a minute per contact and expires codes after 5 minutes', async () => {
    await sendCode(SMS);
    const soon = await sendCode(SMS);
    expect([soon.status, codeOf(h, P, soon)]).toEqual([200, 'OSM.01010024']);
    expect(soon.json.error_msg.length).toBeLessThanOrEqual(32);
    expect(h.problems(P, 'SendVerifyCodes', soon)).toEqual([]);
    h.control.advanceClock(P, OSM_RULES.resendIntervalMs);
    expect(codeOf(h, P, await sendCode(SMS))).toBe('');
    const code = h.control.outbox(P).at(-1)!.code;
    h.control.advanceClock(P, OSM_RULES.codeTtlMs + 1);
    expect(codeOf(h, P, await checkCode({ ...SMS, verify_code: code }))).toBe('OSM.01010010');
  });

  it('a wrong code is rejected and the code dies after the attempt limit', async () => {
    await sendCode(SMS);
    const code = h.control.outbox(P)[0].code;
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < OSM_RULES.maxCheckAttempts; i++) expect(codeOf(h, P, await checkCode({ ...SMS, verify_code: wrong }))).toBe('OSM.01010010');
    expect(codeOf(h, P, await checkCode({ ...SMS, verify_code: code }))).toBe('OSM.01010010');
  });

  const table: Array<{ name: string; op: 'SendVerifyCodes' | 'CheckVerifyCodes'; headers?: Record<string, string>; body: unknown; want: string }> = [
    { name: 'contact_way 2', op: 'SendVerifyCodes', body: { ...SMS, contact_way: 2 }, want: 'OSM.01010012' },
    { name: 'contact_way "0"', op: 'SendVerifyCodes', body: { ...SMS, contact_way: '0' }, want: 'OSM.01010001' },
    { name: 'no contact_value', op: 'SendVerifyCodes', body: { contact_way: 0 }, want: 'OSM.01010001' },
    { name: 'an email value of any shape (the page checks "123456" by email)', op: 'SendVerifyCodes', body: { contact_way: 1, contact_value: 'nobody' }, want: '' },
    { name: "the page's masked SMS number", op: 'SendVerifyCodes', body: { contact_way: 0, contact_value: '139****1234', area_code: '86' }, want: '' },
    { name: 'X-Site 2', op: 'SendVerifyCodes', headers: { 'X-Site': '2' }, body: SMS, want: 'OSM.01010001' },
    { name: 'an empty X-Language', op: 'SendVerifyCodes', headers: { 'X-Language': '' }, body: SMS, want: 'OSM.01010001' },
    { name: 'a 33-character X-Time-Zone', op: 'SendVerifyCodes', headers: { 'X-Time-Zone': 'x'.repeat(33) }, body: SMS, want: 'OSM.01010001' },
    { name: 'X-Site 1', op: 'SendVerifyCodes', headers: { 'X-Site': '1' }, body: SMS, want: '' },
    { name: 'a 65-character contact', op: 'SendVerifyCodes', body: { contact_way: 1, contact_value: `${'a'.repeat(53)}@example.com` }, want: 'OSM.01010001' },
    { name: 'a 5-digit code', op: 'CheckVerifyCodes', body: { ...SMS, verify_code: '12345' }, want: 'OSM.01010001' },
    { name: 'contact_way -1 on check', op: 'CheckVerifyCodes', body: { ...SMS, contact_way: -1, verify_code: '123456' }, want: 'OSM.01010012' },
    { name: 'an email code never sent', op: 'CheckVerifyCodes', body: { contact_way: 1, contact_value: 'a@example.com', verify_code: '123456' }, want: 'OSM.01010010' },
  ];
  for (const c of table) {
    it(`${c.op} with ${c.name} -> 200 ${c.want}`, async () => {
      const r = await h.call(P, c.op, { body: c.body, ...(c.headers ? { header: c.headers } : {}) });
      expect([r.status, codeOf(h, P, r)]).toEqual([200, c.want]);
      expect(h.problems(P, c.op, r)).toEqual([]);
    });
  }

  it('malformed requests get 400 OSM.0001; unknown APIs 404 APIGW.0101', async () => {
    const base = h.wire(P, 'SendVerifyCodes', { body: SMS }, { authKind: 'huawei-token' });
    const bad = [
      { ...base, body: '{"contact_way":' },
      { ...base, body: '[1,2]' },
      { ...base, headers: { ...base.headers, 'Content-Type': 'text/plain' } },
      { ...base, url: `${base.url}?x=%ZZ` },
    ];
    for (const w of bad) {
      const r = await send(w);
      expect([r.status, codeOf(h, P, r)]).toEqual([400, 'OSM.0001']);
      expect(h.problems(P, 'SendVerifyCodes', r)).toEqual([]);
    }
    for (const w of [{ ...base, url: base.url.replace('/send', '/nope') }, { ...base, method: 'GET' as const, body: undefined }]) {
      const r = await send(w);
      expect([r.status, codeOf(h, P, r)]).toEqual([404, 'APIGW.0101']);
      expect(h.problems(P, 'SendVerifyCodes', r)).toEqual([]);
    }
  });
});
