/**
 * Every request a seed page shows, sent verbatim to the mock: it is well-formed, so the answer is about the
 * mock's state (a code was sent, no code or contact exists, the token is unknown), never a validation error,
 * and it is valid against the spec.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HAVE_SEEDS, SEED_PAGES } from '../spec/seed-samples.ts';
import { codeOf, Harness } from './helpers.ts';

let h: Harness;
beforeAll(async () => {
  h = await Harness.start();
});
afterAll(() => h.close());
beforeEach(() => h.control.reset('all'));

/** The state answer each page's request gets from a fresh mock, and why it is one. */
const WANT: Record<string, { status: number; code: string; state: string; message?: RegExp }> = {
  StartVerification: { status: 200, code: 'OK', state: 'the code is sent (to the masked number, as the page gives it)' },
  CheckVerification: { status: 200, code: 'INVALID_PARAMETERS', state: 'no verification has that VerificationId', message: /no verification matches/ },
  SendPhoneVerificationForMessageContact: { status: 404, code: 'EntityNotExists.Contact', state: 'no contact has that ContactId' },
  CheckVerifyCodes: { status: 200, code: 'OSM.01010010', state: 'no code was sent to that contact' },
  Verify: { status: 200, code: '9003', state: 'the carrier never issued that token' },
};

describe.skipIf(!HAVE_SEEDS)('the seed pages\' requests against a fresh mock', () => {
  it.each(SEED_PAGES)('$seed -> a state answer', async (page) => {
    const want = WANT[page.operationId];
    const r = await h.call(page.provider, page.operationId, page.request);
    expect({ status: r.status, code: codeOf(h, page.provider, r) }, want.state).toEqual({ status: want.status, code: want.code });
    if (want.message) expect(r.json.Message).toMatch(want.message);
    expect(h.problems(page.provider, page.operationId, r)).toEqual([]);
  });

  it('StartVerification with the page\'s values sends a code to the page\'s number', async () => {
    const page = SEED_PAGES.find((p) => p.operationId === 'StartVerification')!;
    await h.call(page.provider, page.operationId, page.request);
    expect(h.control.outbox(page.provider).map((m) => [m.channel, m.to])).toEqual([['SMS', page.request.query!.To]]);
  });

  it('VerifyH5 gets the same state answer for the page\'s body', async () => {
    const page = SEED_PAGES.find((p) => p.operationId === 'Verify')!;
    const r = await h.call(page.provider, 'VerifyH5', page.request);
    expect([r.status, r.json.code]).toEqual([200, 9003]);
  });
});
