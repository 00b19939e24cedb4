import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthMode } from '../../src/core/types.ts';
import type { AuthKind } from '../../src/spec/model.ts';
import { codeOf, Harness, send } from './helpers.ts';

const DYP = 'alibaba-dypnsapi-intl' as const;
const RDM = 'alibaba-resourcedirectorymaster' as const;
let h: Harness;
beforeAll(async () => {
  h = await Harness.start([DYP, RDM]);
});
afterAll(() => h.close());

const START = { query: { Channel: 'SMS', To: '8613800138000', ServiceSid: 'FA00000000000001' } };
const SEND = { query: { ContactId: 'c-0000000000000000', PhoneNumber: '86-13800138000' } };
const targets = [
  { provider: DYP, op: 'StartVerification', input: START, badRequest: 'Invalid.Parameters' },
  { provider: RDM, op: 'SendPhoneVerificationForMessageContact', input: SEND, badRequest: 'MissingParameter' },
] as const;
const kinds: AuthKind[] = ['acs3-hmac-sha256', 'acs-hmac-sha1'];

describe.each(targets)('$provider signature checks', ({ provider, op, input, badRequest }) => {
  describe.each(kinds)('%s', (authKind) => {
    const table: Array<{ name: string; auth?: AuthMode; now?: Date; foreignKey?: boolean; want: [number, string] }> = [
      { name: 'wrong secret', auth: 'wrong-secret', want: [400, 'SignatureDoesNotMatch'] },
      { name: 'signature altered after signing', auth: 'tampered', want: [400, 'SignatureDoesNotMatch'] },
      { name: 'no signature at all', auth: 'none', want: [400, 'IncompleteSignature'] },
      { name: 'unknown AccessKeyId', foreignKey: true, want: [404, 'InvalidAccessKeyId.NotFound'] },
      { name: 'stale timestamp', now: new Date(Date.now() - 20 * 60_000), want: [400, 'InvalidTimeStamp.Expired'] },
    ];
    for (const c of table) {
      it(`${c.name} -> ${c.want.join(' ')}`, async () => {
        const credentials = c.foreignKey ? { alibaba: { accessKeyId: 'LTAI5tSomebodyElse0001', accessKeySecret: 'x'.repeat(30) } } : undefined;
        const r = await h.call(provider, op, input, { authKind, auth: c.auth, now: c.now, credentials });
        expect([r.status, codeOf(h, provider, r)]).toEqual(c.want);
        expect(Object.keys(r.json).sort()).toEqual(['Code', 'HostId', 'Message', 'Recommend', 'RequestId']);
        expect(h.problems(provider, op, r)).toEqual([]);
      });
    }

    it('a reused nonce -> 400 SignatureNonceUsed', async () => {
      const nonce = `nonce-${authKind}-${provider}`;
      const first = await h.call(provider, op, input, { authKind, nonce });
      expect(codeOf(h, provider, first)).not.toBe('SignatureNonceUsed');
      const again = await h.call(provider, op, input, { authKind, nonce });
      expect([again.status, codeOf(h, provider, again)]).toEqual([400, 'SignatureNonceUsed']);
      expect(h.problems(provider, op, again)).toEqual([]);
    });
  });

  it('an unknown Action, a wrong Version, another path or method -> 404 InvalidAction.NotFound', async () => {
    const base = h.wire(provider, op, input, { authKind: 'acs-hmac-sha1' });
    const variants = [
      { ...base, url: base.url.replace(/Action=[^&]+/, 'Action=NoSuchAction') },
      { ...base, url: base.url.replace(/Version=[^&]+/, 'Version=1999-01-01') },
      { ...base, url: base.url.replace(/\/\?/, '/other?') },
      { ...base, method: 'PUT' as 'POST' },
    ];
    for (const w of variants) {
      const r = await send(w);
      expect([r.status, codeOf(h, provider, r)]).toEqual([404, 'InvalidAction.NotFound']);
    }
  });

  it(`malformed input -> 400 ${badRequest}`, async () => {
    const base = h.wire(provider, op, input, { authKind: 'acs-hmac-sha1' });
    const variants = [
      { ...base, url: `${base.url}&Bad=%E0%A4%A` },
      { ...base, url: `${base.url}&Bad=%FF` },
      { ...base, headers: { ...base.headers, 'content-type': 'application/json' }, body: '{"To":"1"}' },
    ];
    for (const w of variants) {
      const r = await send(w);
      expect([r.status, codeOf(h, provider, r)]).toEqual([400, badRequest]);
      expect(r.json.Message).toMatch(/malformed|must be application\/x-www-form-urlencoded/);
    }
  });
});

it('accepts V1 parameters in a form-encoded POST body (as pop-core sends them)', async () => {
  h.control.reset(DYP);
  const w = h.wire(DYP, 'StartVerification', START, { authKind: 'acs-hmac-sha1' });
  const [url, query] = w.url.split('?');
  const r = await send({ ...w, url, body: query, headers: { ...w.headers, 'content-type': 'application/x-www-form-urlencoded' } });
  expect([r.status, codeOf(h, DYP, r)]).toEqual([200, 'OK']);
  expect(h.problems(DYP, 'StartVerification', r)).toEqual([]);
});
