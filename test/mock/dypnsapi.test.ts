import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DYPNS_RULES } from '../../src/mock/alibaba/dypnsapi.ts';
import { codeOf, Harness } from './helpers.ts';

const P = 'alibaba-dypnsapi-intl' as const;
let h: Harness;
beforeAll(async () => {
  h = await Harness.start([P]);
});
afterAll(() => h.close());
beforeEach(() => h.control.reset(P));

const start = (q: Record<string, string>, authKind?: 'acs3-hmac-sha256' | 'acs-hmac-sha1') => h.call(P, 'StartVerification', { query: q }, { authKind });
const check = (q: Record<string, string>) => h.call(P, 'CheckVerification', { query: q });
const OK_START = { Channel: 'SMS', To: '8613800138000', ServiceSid: 'FA00000000000001' };

describe('StartVerification answers', () => {
  const cases: Array<{ name: string; given: Record<string, string>; want: { status: number; code: string } }> = [
    { name: 'a valid request', given: OK_START, want: { status: 200, code: 'OK' } },
    { name: 'no Channel', given: { To: '8613800138000', ServiceSid: 'FA1' }, want: { status: 400, code: 'MissingParameter' } },
    { name: 'no To', given: { Channel: 'SMS', ServiceSid: 'FA1' }, want: { status: 400, code: 'MissingParameter' } },
    { name: 'no ServiceSid', given: { Channel: 'SMS', To: '8613800138000' }, want: { status: 400, code: 'MissingParameter' } },
    { name: "the SDK models' OwnerId, ResourceOwnerAccount, ResourceOwnerId", given: { ...OK_START, OwnerId: '1', ResourceOwnerAccount: 'x', ResourceOwnerId: '2' }, want: { status: 200, code: 'OK' } },
    { name: 'an OwnerId that is not an integer', given: { ...OK_START, OwnerId: 'abc' }, want: { status: 400, code: 'Invalid.Parameters' } },
    { name: 'an unknown channel', given: { ...OK_START, Channel: 'PIGEON' }, want: { status: 200, code: 'NOT_SUPPORTED_CHANNEL' } },
    { name: 'a channel value that is no channel name', given: { ...OK_START, Channel: 'SMS,VOICE' }, want: { status: 400, code: 'Invalid.Parameters' } },
    { name: 'a channel outside the enum, as a negative case sends it', given: { ...OK_START, Channel: 'VERIKIT_NOT_IN_ENUM' }, want: { status: 400, code: 'Invalid.Parameters' } },
    { name: 'a number with "+"', given: { ...OK_START, To: '+8613800138000' }, want: { status: 200, code: 'MOBILE_NUMBER_ILLEGAL' } },
    { name: "the pages' masked number", given: { ...OK_START, To: '6212345****01' }, want: { status: 200, code: 'OK' } },
    { name: 'a number too short', given: { ...OK_START, To: '621234' }, want: { status: 200, code: 'MOBILE_NUMBER_ILLEGAL' } },
    { name: 'a blacklisted country', given: { ...OK_START, To: '85012345678' }, want: { status: 200, code: 'COUNTRY_BLACKLISTED' } },
    { name: 'a malformed ServiceSid', given: { ...OK_START, ServiceSid: 'no such scheme!' }, want: { status: 200, code: 'isp.VERIFY_SCHEME_NOT_EXIST' } },
  ];
  for (const c of cases) {
    it(`${c.name} -> ${c.want.status} ${c.want.code}`, async () => {
      const r = await start(c.given);
      expect({ status: r.status, code: codeOf(h, P, r) }).toEqual(c.want);
      expect(h.problems(P, 'StartVerification', r)).toEqual([]);
      if (c.want.status === 200 && c.want.code !== 'OK') expect(r.json.Success).toBe(false);
    });
  }
});

describe('the verification state machine', () => {
  it('sends a code (outbox), approves it once, then rejects a second check', async () => {
    const r = await start(OK_START);
    expect(r.json.Success).toBe(true);
    const id = r.json.Model.verificationId;
    const [msg] = h.control.outbox(P);
    expect(msg).toMatchObject({ to: OK_START.To, channel: 'SMS', ref: id });
    expect(msg.code).toMatch(/^\d{6}$/);
    const ok = await check({ VerificationId: id, Code: msg.code });
    expect({ status: ok.status, code: ok.json.Code, success: ok.json.Success, state: ok.json.Model.status }).toEqual({ status: 200, code: 'OK', success: 'true', state: 'approved' });
    expect(h.problems(P, 'CheckVerification', ok)).toEqual([]);
    const again = await check({ VerificationId: id, Code: msg.code });
    expect({ code: again.json.Code, success: again.json.Success }).toEqual({ code: 'INVALID_PARAMETERS', success: 'false' });
    expect(h.problems(P, 'CheckVerification', again)).toEqual([]);
  });

  it('rejects a wrong code, then locks the verification after the attempt limit', async () => {
    const r = await start(OK_START);
    const id = r.json.Model.verificationId;
    const code = h.control.outbox(P)[0].code;
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 1; i <= DYPNS_RULES.maxCheckAttempts; i++) {
      const bad = await check({ VerificationId: id, Code: wrong });
      expect({ code: bad.json.Code, success: bad.json.Success }).toEqual({ code: 'INVALID_PARAMETERS', success: 'false' });
    }
    const locked = await check({ VerificationId: id, Code: code });
    expect({ code: locked.json.Code, state: locked.json.Model.status }).toEqual({ code: 'SECURITY_INTERCEPTED', state: 'canceled' });
    expect(h.problems(P, 'CheckVerification', locked)).toEqual([]);
  });

  it('expires a code on the mock clock', async () => {
    const r = await start(OK_START);
    const code = h.control.outbox(P)[0].code;
    h.control.advanceClock(P, DYPNS_RULES.codeTtlMs + 1);
    const late = await check({ VerificationId: r.json.Model.verificationId, Code: code });
    expect({ code: late.json.Code, state: late.json.Model.status }).toEqual({ code: 'INVALID_PARAMETERS', state: 'expired' });
  });

  it('enforces the resend interval per number, lifted by advancing the clock', async () => {
    expect(codeOf(h, P, await start(OK_START))).toBe('OK');
    const soon = await start(OK_START);
    expect(codeOf(h, P, soon)).toBe('SENTINEL_BLOCK_EXCEPTION');
    expect(h.problems(P, 'StartVerification', soon)).toEqual([]);
    expect(codeOf(h, P, await start({ ...OK_START, To: '8613800138001' }))).toBe('OK');
    h.control.advanceClock(P, DYPNS_RULES.resendIntervalMs);
    expect(codeOf(h, P, await start(OK_START))).toBe('OK');
    // That send starts a new interval.
    expect(codeOf(h, P, await start(OK_START))).toBe('SENTINEL_BLOCK_EXCEPTION');
    h.control.advanceClock(P, DYPNS_RULES.resendIntervalMs - 5_000);
    expect(codeOf(h, P, await start(OK_START))).toBe('SENTINEL_BLOCK_EXCEPTION');
  });

  it('rejects unknown ids and mismatched numbers; requires Code and VerificationId', async () => {
    const r = await start(OK_START);
    const id = r.json.Model.verificationId;
    const table: Array<[Record<string, string>, number, string]> = [
      [{ VerificationId: 'nope', Code: '123456' }, 200, 'INVALID_PARAMETERS'],
      [{ VerificationId: id, Code: '123456', To: '8613800138999' }, 200, 'INVALID_PARAMETERS'],
      [{ VerificationId: id }, 400, 'MissingParameter'],
      [{ Code: '123456' }, 400, 'MissingParameter'],
    ];
    for (const [given, status, code] of table) {
      const res = await check(given);
      expect({ status: res.status, code: codeOf(h, P, res) }).toEqual({ status, code });
      expect(h.problems(P, 'CheckVerification', res)).toEqual([]);
    }
  });

  it('SearchVerification lists records with paging and validates paging parameters', async () => {
    await start(OK_START);
    await start({ ...OK_START, To: '8613800138001' });
    const all = await h.call(P, 'SearchVerification', { query: { ServiceSid: OK_START.ServiceSid, PageSize: 1, CurrentPage: 2 } });
    expect(all.json.Model).toMatchObject({ pageSize: 1, pageNo: 2, totalPage: 2, totalCount: 2 });
    expect(all.json.Model.records).toHaveLength(1);
    expect(typeof all.json.Model.records[0].sendDate).toBe('number');
    const today = await h.call(P, 'SearchVerification', { query: { SendDate: all.json.Model.records[0].sendDate } });
    expect(today.json.Model.totalCount).toBe(2);
    const dayBefore = await h.call(P, 'SearchVerification', { query: { SendDate: all.json.Model.records[0].sendDate - 86_400_000 } });
    expect(dayBefore.json.Model.totalCount).toBe(0);
    expect(h.problems(P, 'SearchVerification', all)).toEqual([]);
    const one = await h.call(P, 'SearchVerification', { query: { To: OK_START.To } });
    expect(one.json.Model.records.map((x: { to: string }) => x.to)).toEqual([OK_START.To]);
    const bad = await h.call(P, 'SearchVerification', { query: { PageSize: 0 } });
    expect({ status: bad.status, code: codeOf(h, P, bad) }).toEqual({ status: 400, code: 'Invalid.Parameters' });
    expect(h.problems(P, 'SearchVerification', bad)).toEqual([]);
  });

  it('reset clears verifications and the outbox', async () => {
    const r = await start(OK_START);
    h.control.reset(P);
    expect(h.control.outbox(P)).toEqual([]);
    const res = await check({ VerificationId: r.json.Model.verificationId, Code: '123456' });
    expect(codeOf(h, P, res)).toBe('INVALID_PARAMETERS');
  });
});
