/** `pact compare`: hand-made consumer pacts checked strictly against the real specs. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { comparePact, type CompareKind } from '../../src/pact/compare.ts';
import { parsePact } from '../../src/pact/pactfile.ts';
import { loadSpecs } from '../../src/spec/load.ts';
import type { ProviderSpec } from '../../src/spec/model.ts';

type Json = Record<string, any>;

/** A clean consumer interaction for StartVerification (V3 signature, business params in the query). */
function startVerification(over: { query?: Json; headers?: Json; status?: number; body?: Json; method?: string } = {}): Json {
  return {
    type: 'Synchronous/HTTP',
    description: 'start a verification',
    providerStates: [{ name: 'the provider is available' }],
    request: {
      method: over.method ?? 'POST',
      path: '/',
      query: over.query ?? { Channel: ['SMS'], To: ['8613800****23'], ServiceSid: ['FA00000000000001'] },
      headers: over.headers ?? { authorization: ['ACS3-HMAC-SHA256 [REDACTED]'], 'x-acs-action': ['StartVerification'], 'x-acs-version': ['2017-07-25'] },
    },
    response: {
      status: over.status ?? 200,
      headers: { 'Content-Type': ['application/json'] },
      body: { contentType: 'application/json', encoded: false, content: over.body ?? { RequestId: 'R1', Code: 'OK', Message: 'OK', Success: true, Model: { verifyCode: '', verificationId: 'v1', status: 'pending' } } },
    },
  };
}

function osmCheck(body: Json, headers: Json = { 'Content-Type': ['application/json'], 'X-Auth-Token': ['[REDACTED]'] }): Json {
  return {
    type: 'Synchronous/HTTP',
    description: 'check a code',
    request: { method: 'POST', path: '/v2/servicerequest/verifycodes', headers, body: { contentType: 'application/json', encoded: false, content: body } },
    response: { status: 200, body: { contentType: 'application/json', encoded: false, content: { error_code: '', error_msg: '' } } },
  };
}

function pact(provider: string, ...interactions: Json[]): Json {
  return { consumer: { name: 'shop-app' }, provider: { name: provider }, interactions, metadata: { pactSpecification: { version: '4.0' } } };
}

let specs: ProviderSpec[];
let dir: string;
beforeAll(async () => {
  specs = await loadSpecs('specs');
  dir = await mkdtemp(join(tmpdir(), 'vk-compare-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const DYPNS = 'alibaba-dypnsapi-intl';
const OSM_BODY = { verify_code: '******', contact_value: '138****8000', contact_way: 0, area_code: '86' };

describe('comparePact', () => {
  const cases: Array<{ name: string; pact: Json; want: Array<[CompareKind, string?]> }> = [
    { name: 'clean RPC interaction', pact: pact(DYPNS, startVerification()), want: [] },
    { name: 'clean REST interaction with token auth', pact: pact('huawei-osm', osmCheck(OSM_BODY)), want: [] },
    {
      name: 'a documented error may be provoked with a missing parameter',
      pact: pact(DYPNS, startVerification({ query: { Channel: ['SMS'], ServiceSid: ['FA00000000000001'] }, status: 400, body: { RequestId: 'R', HostId: 'h', Code: 'MissingParameter', Message: 'm', Recommend: 'r' } })),
      want: [],
    },
    {
      name: 'undocumented response field',
      pact: pact(DYPNS, startVerification({ body: { RequestId: 'R1', Code: 'OK', Message: 'OK', Success: true, Model: { verifyCode: '', verificationId: 'v1', status: 'pending', expiresIn: 300 } } })),
      want: [['undocumented-field', '$.Model.expiresIn']],
    },
    { name: 'undocumented status', pact: pact(DYPNS, startVerification({ status: 418 })), want: [['undocumented-status', 'status']] },
    {
      name: 'undocumented error code',
      pact: pact(DYPNS, startVerification({ body: { RequestId: 'R1', Code: 'QUOTA_GONE', Message: 'no', Success: false } })),
      want: [['undocumented-code', '$.Code']],
    },
    {
      name: 'string Success where the spec documents a boolean',
      pact: pact(DYPNS, startVerification({ body: { RequestId: 'R1', Code: 'OK', Message: 'OK', Success: 'true' } })),
      want: [['response-schema', '$.Success']],
    },
    {
      name: 'no credentials',
      pact: pact(DYPNS, startVerification({ headers: { 'x-acs-action': ['StartVerification'], 'x-acs-version': ['2017-07-25'] } })),
      want: [['auth']],
    },
    {
      name: 'undocumented query parameter and a wrong API version',
      pact: pact(DYPNS, startVerification({ query: { Channel: ['SMS'], To: ['8613800****23'], ServiceSid: ['FA00000000000001'], Lang: ['en'] }, headers: { authorization: ['ACS3-HMAC-SHA256 x'], 'x-acs-action': ['StartVerification'], 'x-acs-version': ['2017-05-25'] } })),
      want: [['request-param', 'Lang'], ['request-param', 'Version']],
    },
    {
      name: 'invalid value on a success path',
      pact: pact(DYPNS, startVerification({ query: { Channel: ['FAX'], To: ['8613800****23'], ServiceSid: ['FA00000000000001'] } })),
      want: [['request-param', 'Channel']],
    },
    {
      name: 'unknown action',
      pact: pact(DYPNS, startVerification({ headers: { authorization: ['ACS3-HMAC-SHA256 x'], 'x-acs-action': ['DeleteEverything'], 'x-acs-version': ['2017-07-25'] } })),
      want: [['undocumented-operation']],
    },
    {
      name: 'REST body: wrong content type and an undocumented field',
      pact: pact('huawei-osm', osmCheck({ ...OSM_BODY, remember_me: true }, { 'Content-Type': ['text/plain'], 'X-Auth-Token': ['[REDACTED]'] })),
      want: [['content-type'], ['request-body', '$.remember_me']],
    },
    { name: 'unknown provider', pact: pact('acme-sms', startVerification()), want: [['unknown-provider']] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const findings = comparePact(parsePact(c.pact), specs);
      expect(findings.map((f) => (f.path === undefined || c.want.every((w) => w.length === 1) ? [f.kind] : [f.kind, f.path]))).toEqual(c.want);
      for (const f of findings) expect(f.message.length).toBeGreaterThan(10);
    });
  }
});

describe('verikit pact compare (CLI)', () => {
  async function run(args: string[]): Promise<{ code: number; out: string }> {
    const lines: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => { lines.push(a.join(' ')); });
    const err = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => { lines.push(a.join(' ')); });
    try {
      return { code: await main(['pact', 'compare', ...args]), out: lines.join('\n') };
    } finally {
      log.mockRestore();
      err.mockRestore();
    }
  }

  it('clean pact -> exit 0', async () => {
    const file = join(dir, 'clean.json');
    await writeFile(file, JSON.stringify(pact(DYPNS, startVerification())));
    const { code, out } = await run([file]);
    expect(code).toBe(0);
    expect(out).toContain('shop-app -> alibaba-dypnsapi-intl: 1 interaction(s), 0 finding(s)');
  });

  it('findings -> exit 1, as text and as JSON', async () => {
    const file = join(dir, 'drifty.json');
    await writeFile(file, JSON.stringify(pact(DYPNS, startVerification({ status: 418 }), startVerification({ body: { RequestId: 'R1', Code: 'OK', Message: 'OK', Success: true, Extra: 1 } }))));
    const text = await run([file]);
    expect(text.code).toBe(1);
    expect(text.out).toContain('[undocumented-status] start a verification: expects HTTP 418');
    expect(text.out).toContain('[undocumented-field] start a verification: relies on $.Extra');
    const json = await run(['--json', file]);
    expect(json.code).toBe(1);
    const parsed = JSON.parse(json.out);
    expect(parsed[0].findings.map((f: Json) => f.kind)).toEqual(['undocumented-status', 'undocumented-field']);
  });

  it('not a pact -> exit 2 with a named error', async () => {
    const file = join(dir, 'nope.json');
    await writeFile(file, '{"hello": 1}');
    const { code, out } = await run([file]);
    expect(code).toBe(2);
    expect(out).toMatch(/error\[VK_PACT_INVALID\]/);
  });
});
