import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ProviderId } from '../../src/spec/model.ts';
import { loadSpecs } from '../../src/spec/load.ts';
import { codeOf, Harness } from './helpers.ts';

const SPECS = await loadSpecs('specs');

const DYP = 'alibaba-dypnsapi-intl' as const;
let h: Harness;
beforeAll(async () => {
  h = await Harness.start();
});
afterAll(() => h.close());
beforeEach(() => h.control.reset('all'));

const ctl: Harness['ctl'] = (...args) => h.ctl(...args);

const START = { query: { Channel: 'SMS', To: '8613800138000', ServiceSid: 'FA00000000000001' } };
let n = 0;
/** A fresh number each time, so the resend interval never interferes. */
const start = () => h.call(DYP, 'StartVerification', { query: { ...START.query, To: `86138001${String(++n).padStart(5, '0')}` } });

describe('HTTP control plane', () => {
  it('outbox, clock, reset and health', async () => {
    await start();
    const box = await ctl(DYP, 'GET', 'outbox');
    expect(box.status).toBe(200);
    expect(box.json.messages).toHaveLength(1);
    const before = (await ctl(DYP, 'GET', 'health')).json.now;
    const adv = await ctl(DYP, 'POST', 'clock', { advanceMs: 3_600_000 });
    expect(adv.json.now - before).toBeGreaterThanOrEqual(3_600_000);
    expect((await ctl(DYP, 'POST', 'clock', { advanceMs: -1 })).status).toBe(400);
    expect((await ctl(DYP, 'POST', 'reset')).json.reset).toBe(true);
    expect((await ctl(DYP, 'GET', 'outbox')).json.messages).toEqual([]);
    expect((await ctl(DYP, 'GET', 'health')).json.now - before).toBeLessThan(3_600_000);
  });

  it('rejects bad fault descriptions and unknown routes', async () => {
    const table: Array<[unknown, RegExp]> = [
      [{ kind: 'meteor' }, /kind must be one of/],
      [{ kind: 'drift', mode: 'melt' }, /drift mode/],
      [{ kind: 'status5xx', count: 0 }, /count/],
      [{ kind: 'status5xx', operationId: 'NoSuchOp' }, /unknown operationId/],
      [[1, 2], /JSON object/],
    ];
    for (const [body, msg] of table) {
      const r = await ctl(DYP, 'POST', 'faults', body);
      expect(r.status).toBe(400);
      expect(r.json.error).toMatch(msg);
    }
    expect((await ctl(DYP, 'GET', 'nothing-here')).status).toBe(404);
    expect((await ctl(DYP, 'POST', 'token', { phone: '13800138000' })).status).toBe(404);
  });

  it('mints JVerification tokens over HTTP and validates the phone', async () => {
    const ok = await ctl('jiguang-jverification', 'POST', 'token', { phone: '13800138000' });
    expect(ok.json.token).toMatch(/^STsid/);
    expect((await ctl('jiguang-jverification', 'POST', 'token', { phone: 13800138000 })).status).toBe(400);
  });
});

/** A request of each operation that the mock answers normally (the fault decides the answer). */
const INPUT: Record<string, { query?: Record<string, unknown>; body?: unknown }> = {
  StartVerification: START,
  CheckVerification: { query: { VerificationId: 'x', Code: '1' } },
  SearchVerification: { query: {} },
  AddMessageContact: { query: { Name: 'tom', EmailAddress: 'tom@example.com', Title: 'CEO', MessageTypes: ['AccountExpenses'] } },
  SendPhoneVerificationForMessageContact: { query: { ContactId: 'c-1', PhoneNumber: '86-13800138000' } },
  SendVerifyCodes: { body: { contact_value: '13800138000', contact_way: 0 } },
  CheckVerifyCodes: { body: { contact_value: '13800138000', contact_way: 0, verify_code: '123456' } },
  Verify: { body: { token: 'STsid00000000000000000000', phone: '13800138000' } },
  VerifyH5: { body: { token: 'STsid00000000000000000000', phone: '13800138000' } },
};

describe('status5xx faults answer a status and code pair the spec documents', () => {
  // every documented 5xx of every operation: the fault's answer carries it, with a code documented at that status
  const rows = serverErrorRows();
  it.each(rows)('%s %s: status5xx %i', async (provider, operationId, status) => {
    h.control.injectFault(provider, { kind: 'status5xx', operationId, status, count: 1 });
    const r = await h.call(provider, operationId, INPUT[operationId]);
    const code = codeOf(h, provider, r);
    expect(r.status).toBe(status);
    expect(h.spec(provider).operations.find((o) => o.operationId === operationId)!.codes.filter((c) => c.status === status).map((c) => c.code)).toContain(code);
    expect(h.problems(provider, operationId, r)).toEqual([]);
  });

  it('the default status is a documented one of the provider (503 where documented, else the first)', async () => {
    const table: Array<[ProviderId, string, number]> = [
      [DYP, 'StartVerification', 503],
      ['huawei-osm', 'SendVerifyCodes', 500],
      ['jiguang-jverification', 'Verify', 503],
    ];
    for (const [provider, operationId, status] of table) {
      expect((await ctl(provider, 'POST', 'faults', { kind: 'status5xx', operationId, count: 1 })).status).toBe(201);
      expect((await h.call(provider, operationId, INPUT[operationId])).status).toBe(status);
    }
  });

  it('a status the spec does not document for the operations targeted is refused, naming the documented ones', async () => {
    const table: Array<[ProviderId, Record<string, unknown>, RegExp]> = [
      ['huawei-osm', { kind: 'status5xx', status: 503 }, /status 503 is not documented for every operation of huawei-osm: documented 5xx statuses are 500/],
      [DYP, { kind: 'status5xx', status: 502, operationId: 'StartVerification' }, /status 502 is not documented for alibaba-dypnsapi-intl StartVerification: documented 5xx statuses are 500, 503/],
      ['jiguang-jverification', { kind: 'status5xx', status: 504 }, /documented 5xx statuses are 500, 503/],
    ];
    for (const [provider, fault, msg] of table) {
      const r = await ctl(provider, 'POST', 'faults', fault);
      expect(r.status).toBe(400);
      expect(r.json.error).toMatch(msg);
      expect(() => h.control.injectFault(provider, fault as never)).toThrow(msg);
    }
    expect((await ctl('huawei-osm', 'GET', 'faults')).json.faults).toEqual([]);
  });
});

describe('faults', () => {
  it('status5xx for one request of one operation, then normal again', async () => {
    await ctl(DYP, 'POST', 'faults', { kind: 'status5xx', operationId: 'StartVerification', count: 1 });
    const other = await h.call(DYP, 'CheckVerification', { query: { VerificationId: 'x', Code: '1' } });
    expect(other.status).toBe(200);
    const failed = await start();
    expect([failed.status, codeOf(h, DYP, failed)]).toEqual([503, 'ServiceUnavailable']);
    expect(h.problems(DYP, 'StartVerification', failed)).toEqual([]);
    expect((await start()).status).toBe(200);
  });

  it('status 500 answers InternalError; faults stay until cleared without count', async () => {
    h.control.injectFault(DYP, { kind: 'status5xx', status: 500 });
    for (let i = 0; i < 3; i++) expect(codeOf(h, DYP, await start())).toBe('InternalError');
    expect((await ctl(DYP, 'DELETE', 'faults')).json.cleared).toBe(1);
    expect((await start()).status).toBe(200);
  });

  it('html answers a non-JSON body', async () => {
    h.control.injectFault(DYP, { kind: 'html', count: 1 });
    const r = await start();
    expect(r.status).toBe(502);
    expect(r.headers['content-type']).toMatch(/text\/html/);
    expect(r.json).toBeUndefined();
  });

  it('drop closes the connection without an answer', async () => {
    h.control.injectFault(DYP, { kind: 'drop', count: 1 });
    await expect(start()).rejects.toThrow();
    expect((await start()).status).toBe(200);
  });

  it('latency delays but still answers correctly, and is used up', async () => {
    h.control.injectFault(DYP, { kind: 'latency', latencyMs: 30, count: 1 });
    expect((await ctl(DYP, 'GET', 'faults')).json.faults).toHaveLength(1);
    const r = await start();
    expect(codeOf(h, DYP, r)).toBe('OK');
    expect((await ctl(DYP, 'GET', 'faults')).json.faults).toEqual([]);
  });

  it.each([
    ['alibaba-dypnsapi-intl', 'StartVerification', 400, 'Throttling.User'],
    ['huawei-osm', 'SendVerifyCodes', 429, 'APIGW.0308'],
    ['jiguang-jverification', 'Verify', 200, '1804'],
    ['alibaba-resourcedirectorymaster', 'AddMessageContact', 400, 'Throttling.User'],
  ] as const)('throttle on %s answers %i %s (documented)', async (provider, op, status, code) => {
    h.control.injectFault(provider, { kind: 'throttle', operationId: op, count: 1 });
    const input = { query: { Name: 'a' }, body: { contact_value: '13800138000', contact_way: 0, phone: '13800138000', token: 'STsid00000000000000000000' } };
    const r = await h.call(provider, op, provider.startsWith('alibaba') ? { query: input.query } : { body: input.body });
    expect([r.status, codeOf(h, provider, r)]).toEqual([status, code]);
    expect(h.problems(provider, op, r)).toEqual([]);
  });

  describe('schema drift', () => {
    const table: Array<{ name: string; fault: Record<string, unknown>; want: (body: any) => void; invalid: boolean }> = [
      { name: 'remove-field (default Success)', fault: { mode: 'remove-field' }, want: (b) => expect(b).not.toHaveProperty('Success'), invalid: true },
      { name: 'rename-field Success -> success', fault: { mode: 'rename-field', field: 'Success' }, want: (b) => expect(b.success).toBe(true), invalid: true },
      { name: 'retype-field Success -> "true"', fault: { mode: 'retype-field', field: 'Success' }, want: (b) => expect(b.Success).toBe('true'), invalid: true },
      { name: 'add-field', fault: { mode: 'add-field', field: 'Extra', to: 42 }, want: (b) => expect(b.Extra).toBe(42), invalid: false },
      { name: 'undocumented-code', fault: { mode: 'undocumented-code' }, want: (b) => expect(b.Code).toBe('Verikit.UndocumentedCode'), invalid: true },
    ];
    for (const c of table) {
      it(c.name, async () => {
        const set = await ctl(DYP, 'POST', 'faults', { kind: 'drift', operationId: 'StartVerification', count: 1, ...c.fault });
        expect(set.status).toBe(201);
        const r = await start();
        c.want(r.json);
        expect(h.problems(DYP, 'StartVerification', r).length > 0).toBe(c.invalid);
        expect(h.problems(DYP, 'StartVerification', await start())).toEqual([]);
      });
    }
  });

  it('faults never touch the control plane', async () => {
    h.control.injectFault(DYP, { kind: 'drop' });
    expect((await ctl(DYP, 'GET', 'outbox')).status).toBe(200);
    h.control.clearFaults(DYP);
  });
});

/** [provider, operationId, status] for every 5xx status documented on an operation (read from the specs, so a new one is tested too). */
function serverErrorRows(): Array<[ProviderId, string, number]> {
  const out: Array<[ProviderId, string, number]> = [];
  for (const spec of SPECS) {
    for (const op of spec.operations) {
      for (const status of new Set(op.codes.filter((c) => c.status >= 500).map((c) => c.status))) out.push([spec.id, op.operationId, status]);
    }
  }
  return out;
}
