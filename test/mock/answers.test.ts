/**
 * POST /__verikit/answers: every documented code of every operation of every spec can be armed and comes
 * back on the wire with its documented status, its code and a body valid against the spec. The table is
 * the specs themselves, so a code added to a spec without a way to answer it fails here.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { operationCases } from '../../src/cases/index.ts';
import type { CaseInput } from '../../src/core/types.ts';
import { ANSWER_HEADER, operationCodes } from '../../src/mock/answers.ts';
import type { ProviderId } from '../../src/spec/model.ts';
import { codeOf, Harness } from './helpers.ts';

let h: Harness;
beforeAll(async () => {
  h = await Harness.start();
});
afterAll(() => h.close());
beforeEach(() => h.control.reset('all'));

const ctl: Harness['ctl'] = (...args) => h.ctl(...args);

/** A well-formed request of the operation: its first example case. */
function exampleInput(provider: ProviderId, operationId: string): CaseInput {
  const spec = h.spec(provider);
  const tc = operationCases(spec, h.op(provider, operationId), 1).cases.find((c) => c.kind === 'example');
  if (!tc) throw new Error(`no example case for ${provider}/${operationId}`);
  return tc.input;
}

describe('POST /__verikit/answers: every documented code of every operation, from the specs', () => {
  it('arms each code and gets exactly its status, code and a valid body on the wire', async () => {
    let armed = 0;
    for (const spec of h.specs) {
      const numeric = spec.id === 'jiguang-jverification';
      for (const op of spec.operations) {
        const input = exampleInput(spec.id, op.operationId);
        for (const entry of operationCodes(op)) {
          // the same code may be documented with two statuses (dypnsapi InternalError 200 and 500): status picks one
          const twice = op.codes.filter((c) => c.code === entry.code).length > 1;
          const code = numeric && armed % 2 === 0 ? Number(entry.code) : entry.code;
          const res = await ctl(spec.id, 'POST', 'answers', { operationId: op.operationId, code, ...(twice ? { status: entry.status } : {}) });
          expect(res.status, `${spec.id} ${op.operationId} ${entry.code}: ${JSON.stringify(res.json)}`).toBe(201);
          const reply = await h.call(spec.id, op.operationId, input);
          const where = `${spec.id} ${op.operationId} ${JSON.stringify(entry.code)} (${entry.status})`;
          expect(reply.status, where).toBe(entry.status);
          expect(codeOf(h, spec.id, reply), where).toBe(entry.code);
          expect(h.problems(spec.id, op.operationId, reply), where).toEqual([]);
          if (spec.id.startsWith('alibaba-')) expect(reply.headers['x-acs-request-id'], where).toBe(reply.json.RequestId);
          if (spec.id === 'huawei-osm') expect(reply.headers['x-request-id'], where).toMatch(/^[0-9a-f]{32}$/);
          armed++;
        }
        // used up: the next answer is the mock's own again (no armed answer left behind)
        expect((await ctl(spec.id, 'GET', 'answers')).json.answers).toEqual([]);
      }
    }
    expect(armed).toBeGreaterThan(100);
  });
});

describe('POST /__verikit/answers: validation and semantics', () => {
  const DYP = 'alibaba-dypnsapi-intl' as const;
  const SEARCH = { query: { ServiceSid: 'FA00000000000001' } };

  it('refuses an undocumented code with 400 and the list of valid codes', async () => {
    const r = await ctl(DYP, 'POST', 'answers', { operationId: 'SearchVerification', code: 'NO_SUCH_CODE' });
    expect(r.status).toBe(400);
    expect(r.json.error).toMatch(/not documented for alibaba-dypnsapi-intl SearchVerification; valid codes: .*"OK".*"Invalid.Parameters".*"Throttling.User"/);
    const table: Array<[unknown, RegExp]> = [
      [{ operationId: 'SearchVerification', code: 'OK', counts: 2 }, /unknown key "counts"/],
      [{ operationId: 'SearchVerification', code: 'OK', kind: 'drift' }, /unknown key "kind"/],
      [{ operationId: 'NoSuchOp', code: 'OK' }, /unknown operationId "NoSuchOp"/],
      [{ code: 'OK' }, /operationId must be/],
      [{ operationId: 'SearchVerification', code: 200 }, /code must be a string/],
      [{ operationId: 'SearchVerification', code: 'OK', count: 0 }, /count must be/],
      [{ operationId: 'SearchVerification', code: 'OK', status: 404 }, /with status 404 is not documented/],
      [{ operationId: 'SearchVerification', code: 'OK', key: 'a b' }, /key must be/],
      [[1], /JSON object/],
    ];
    for (const [body, msg] of table) {
      const res = await ctl(DYP, 'POST', 'answers', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.error).toMatch(msg);
    }
    // JVerification codes also as numbers, but only documented ones
    expect((await ctl('jiguang-jverification', 'POST', 'answers', { operationId: 'Verify', code: 9018 })).status).toBe(201);
    expect((await ctl('jiguang-jverification', 'POST', 'answers', { operationId: 'Verify', code: 9999 })).status).toBe(400);
    expect((await ctl(DYP, 'GET', 'answers')).json.answers).toEqual([]);
  });

  it('answers the next count requests of that operation only, then the mock answers again', async () => {
    expect((await ctl(DYP, 'POST', 'answers', { operationId: 'SearchVerification', code: 'RESOURCE_NOT_ENOUGH', count: 2 })).status).toBe(201);
    // another operation is not affected
    const start = await h.call(DYP, 'StartVerification', { query: { Channel: 'SMS', To: '8613800138000', ServiceSid: 'FA00000000000001' } });
    expect(codeOf(h, DYP, start)).toBe('OK');
    expect((await ctl(DYP, 'GET', 'answers')).json.answers).toMatchObject([{ operationId: 'SearchVerification', code: 'RESOURCE_NOT_ENOUGH', status: 200, remaining: 2 }]);
    const codes = [];
    for (let i = 0; i < 3; i++) codes.push(codeOf(h, DYP, await h.call(DYP, 'SearchVerification', SEARCH)));
    expect(codes).toEqual(['RESOURCE_NOT_ENOUGH', 'RESOURCE_NOT_ENOUGH', 'OK']);
  });

  it('keeps a keyed answer for the request that carries its key', async () => {
    expect((await ctl(DYP, 'POST', 'answers', { operationId: 'SearchVerification', code: 'BIZ_NOT_OPEN_STATUS', key: 'case-1' })).status).toBe(201);
    // a request without the key (another case in flight) gets the normal answer
    expect(codeOf(h, DYP, await h.call(DYP, 'SearchVerification', SEARCH))).toBe('OK');
    expect(codeOf(h, DYP, await h.call(DYP, 'SearchVerification', { ...SEARCH, header: { [ANSWER_HEADER]: 'case-2' } }))).toBe('OK');
    expect(codeOf(h, DYP, await h.call(DYP, 'SearchVerification', { ...SEARCH, header: { [ANSWER_HEADER]: 'case-1' } }))).toBe('BIZ_NOT_OPEN_STATUS');
    expect(codeOf(h, DYP, await h.call(DYP, 'SearchVerification', { ...SEARCH, header: { [ANSWER_HEADER]: 'case-1' } }))).toBe('OK');
  });

  it('is cleared by DELETE and by reset, and works in-process', async () => {
    h.control.armAnswer(DYP, { operationId: 'SearchVerification', code: 'Throttling.Api', count: 5 });
    expect((await h.call(DYP, 'SearchVerification', SEARCH)).status).toBe(400);
    expect((await ctl(DYP, 'DELETE', 'answers')).json.cleared).toBe(1);
    expect((await h.call(DYP, 'SearchVerification', SEARCH)).status).toBe(200);
    h.control.armAnswer(DYP, { operationId: 'SearchVerification', code: 'ServiceUnavailable' });
    h.control.reset(DYP);
    expect((await h.call(DYP, 'SearchVerification', SEARCH)).status).toBe(200);
    expect(() => h.control.armAnswer(DYP, { operationId: 'SearchVerification', code: 'MissingParameter.To' })).toThrow(/valid codes/);
  });
});
