import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { LIMITS } from '../../src/mock/http.ts';
import type { ProviderId } from '../../src/spec/model.ts';
import { codeOf, Harness, send } from './helpers.ts';

let h: Harness;
beforeAll(async () => {
  h = await Harness.start();
});
afterAll(() => h.close());

const SAMPLE: Record<ProviderId, { op: string; input: { query?: Record<string, string>; body?: unknown } }> = {
  'alibaba-dypnsapi-intl': { op: 'StartVerification', input: { query: { Channel: 'SMS', To: '8613800138000', ServiceSid: 'FA1' } } },
  'alibaba-resourcedirectorymaster': { op: 'AddMessageContact', input: { query: { Name: 'a' } } },
  'huawei-osm': { op: 'SendVerifyCodes', input: { body: { contact_value: '13800138000', contact_way: 0 } } },
  'jiguang-jverification': { op: 'Verify', input: { body: { phone: '13800138000', token: 'STsid00000000000000000000' } } },
};

describe.each([
  ['alibaba-dypnsapi-intl', 400, 'Invalid.Parameters', 503, 'ServiceUnavailable'],
  ['alibaba-resourcedirectorymaster', 400, 'MissingParameter', 503, 'ServiceUnavailable'],
  ['huawei-osm', 400, 'OSM.0001', 500, 'OSM.0004'],
  ['jiguang-jverification', 200, '9012', 503, '2000'],
] as const)('%s limits', (provider, bigStatus, bigCode, failStatus, failCode) => {
  const { op, input } = SAMPLE[provider];

  it(`a body over ${LIMITS.maxBodyBytes} bytes -> ${bigStatus} ${bigCode}`, async () => {
    const w = h.wire(provider, op, input);
    const body = 'x'.repeat(LIMITS.maxBodyBytes + 1);
    const r = await send({ ...w, body, headers: { ...w.headers, 'content-type': 'application/json' } });
    expect([r.status, codeOf(h, provider, r)]).toEqual([bigStatus, bigCode]);
    expect(h.problems(provider, op, r)).toEqual([]);
  });

  it(`an injected ${failStatus} -> the provider's ${failCode}`, async () => {
    h.control.injectFault(provider, { kind: 'status5xx', status: failStatus, count: 1 });
    const r = await h.call(provider, op, input);
    expect([r.status, codeOf(h, provider, r)]).toEqual([failStatus, failCode]);
    expect(h.problems(provider, op, r)).toEqual([]);
  });
});

it('a header flood past the limit gets 431 and a closed connection', async () => {
  const { hostname, port } = new URL(h.mocks.urls['huawei-osm']);
  const reply = await new Promise<string>((resolve) => {
    let data = '';
    const s = connect({ host: hostname, port: Number(port) }, () => {
      s.write(`GET / HTTP/1.1\r\nHost: x\r\n${Array.from({ length: 400 }, (_, i) => `X-H${i}: ${'v'.repeat(60)}\r\n`).join('')}\r\n`);
    });
    s.on('data', (d) => (data += d));
    s.on('error', () => undefined);
    s.on('close', () => resolve(data));
  });
  expect(reply).toMatch(/^HTTP\/1\.1 431 /);
});

it('JVerification answers an unknown path with a clean 404', async () => {
  const res = await request(`${h.mocks.urls['jiguang-jverification']}/v2/nothing`, { method: 'POST' });
  expect(res.statusCode).toBe(404);
  expect(await res.body.json()).toMatchObject({ code: 1801 });
});
