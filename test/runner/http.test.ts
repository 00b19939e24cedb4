import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getEventListeners, setMaxListeners } from 'node:events';
import { createServer } from 'node:net';
import { createPools, MAX_BODY_BYTES, send } from '../../src/runner/http.ts';
import { tinyServer, type Handler } from './server.ts';

let srv: Awaited<ReturnType<typeof tinyServer>>;
const pools = createPools(4);
let seen: { method?: string; url?: string; headers?: Record<string, unknown> } = {};
beforeAll(async () => { srv = await tinyServer(() => undefined); });
afterAll(async () => { await pools.close(); await srv.close(); });

const reply = (status: number, headers: Array<[string, string]>, body: string): Handler => (req, res) => {
  seen = { method: req.method, url: req.url, headers: req.headers };
  res.writeHead(status, headers.flat());
  res.end(body);
};

describe('send puts the request on the wire and reads the whole answer', () => {
  const big = 'x'.repeat(MAX_BODY_BYTES + 1000);
  // valid JSON over the limit: cut, and said so (not "not JSON")
  const bigJson = JSON.stringify({ Code: 'OK', pad: 'y'.repeat(MAX_BODY_BYTES) });
  const deep = `${'['.repeat(2000)}${']'.repeat(2000)}`;
  const table: Array<{ given: string; handler: Handler; path: string; want: { status: number; headers?: Record<string, string>; body?: string; json?: unknown; parseError?: RegExp; url?: string; bodyLimit?: unknown } }> = [
    { given: 'a JSON answer', handler: reply(200, [['content-type', 'application/json']], '{"Code":"OK"}'), path: '/?Action=A&B=1', want: { status: 200, headers: { 'content-type': 'application/json' }, json: { Code: 'OK' }, url: '/?Action=A&B=1' } },
    { given: 'a repeated header', handler: reply(400, [['x-a', '1'], ['x-a', '2'], ['Set-Cookie', 'a=1'], ['set-cookie', 'b=2']], '{}'), path: '/', want: { status: 400, headers: { 'x-a': '1, 2', 'set-cookie': 'a=1, b=2' }, json: {} } },
    { given: 'a header named like an object property', handler: reply(200, [['__proto__', 'x'], ['constructor', 'y']], '{}'), path: '/', want: { status: 200, headers: { ['__proto__']: 'x', constructor: 'y' } } },
    { given: 'an empty body', handler: reply(204, [], ''), path: '/', want: { status: 204, body: '', parseError: /empty body/ } },
    { given: 'a body over the limit', handler: reply(200, [['content-type', 'text/plain']], big), path: '/', want: { status: 200, body: big.slice(0, MAX_BODY_BYTES), parseError: /cut at the 65536-byte limit/, bodyLimit: { kind: 'size', received: MAX_BODY_BYTES + 1000, limit: MAX_BODY_BYTES } } },
    { given: 'a JSON body over the limit', handler: reply(200, [['content-type', 'application/json']], bigJson), path: '/', want: { status: 200, body: bigJson.slice(0, MAX_BODY_BYTES), parseError: /cut at the/, bodyLimit: { kind: 'size', received: bigJson.length, limit: MAX_BODY_BYTES } } },
    { given: 'JSON nested 2,000 deep (4 KB)', handler: reply(200, [['content-type', 'application/json']], deep), path: '/', want: { status: 200, body: deep, parseError: /nested more than 64 levels/, bodyLimit: { kind: 'depth', received: 65, limit: 64 } } },
    { given: 'unclosed brackets', handler: reply(200, [['content-type', 'application/json']], '['.repeat(8192)), path: '/', want: { status: 200, parseError: /nested more than 64 levels/, bodyLimit: { kind: 'depth', received: 65, limit: 64 } } },
    { given: 'JSON nested 64 deep (at the limit)', handler: reply(200, [], `${'['.repeat(64)}${']'.repeat(64)}`), path: '/', want: { status: 200, json: JSON.parse(`${'['.repeat(64)}${']'.repeat(64)}`) } },
    { given: 'a __proto__ field', handler: reply(200, [], '{"__proto__":{"x":1},"a":1}'), path: '/', want: { status: 200, json: JSON.parse('{"__proto__":{"x":1},"a":1}') } },
    { given: 'a multi-byte body', handler: reply(200, [['content-type', 'application/json']], '{"m":"短信验证码"}'), path: '/', want: { status: 200, json: { m: '短信验证码' } } },
    { given: 'a query with characters URL encodes', handler: reply(200, [], '{}'), path: '/p?q=a b"<>', want: { status: 200, url: '/p?q=a%20b%22%3C%3E' } },
    { given: 'a fragment before a question mark (the rest is fragment)', handler: reply(200, [], '{}'), path: '/p#frag?q=1', want: { status: 200, url: '/p' } },
    { given: 'a fragment after the query', handler: reply(200, [], '{}'), path: '/p?q=1#frag', want: { status: 200, url: '/p?q=1' } },
  ];
  it.each(table)('$given', async ({ handler, path, want }) => {
    srv.set(handler);
    seen = {};
    const r = await send(pools, { method: 'POST', url: `${srv.url}${path}`, headers: { 'x-sent': 'yes' }, body: 'a=1' }, 2_000);
    expect(r.error).toBeUndefined();
    expect(r.response!.status).toBe(want.status);
    for (const [k, v] of Object.entries(want.headers ?? {})) expect(r.response!.headers[k]).toBe(v);
    if (want.body !== undefined) expect(r.response!.body).toBe(want.body);
    if (want.json !== undefined) expect(r.response!.json).toEqual(want.json);
    if (want.parseError) expect(r.response!.parseError).toMatch(want.parseError);
    else expect(r.response!.parseError).toBeUndefined();
    expect(r.response!.bodyLimit).toEqual(want.bodyLimit);
    if (want.url) expect(seen.url).toBe(want.url);
    expect(seen.method).toBe('POST');
    expect(seen.headers?.['x-sent']).toBe('yes');
    expect(r.response!.durationMs).toBeGreaterThanOrEqual(0);
  });
});

describe('send never throws: failures become transport errors', () => {
  it('no answer in time -> VK_TIMEOUT, and the pool still works after', async () => {
    srv.set(() => undefined);
    const r = await send(pools, { method: 'GET', url: `${srv.url}/hang`, headers: {} }, 150);
    expect(r.response).toBeUndefined();
    expect(r.error?.code).toBe('VK_TIMEOUT');
    srv.set(reply(200, [], '{"ok":true}'));
    const again = await send(pools, { method: 'GET', url: `${srv.url}/`, headers: {} }, 2_000);
    expect(again.response?.json).toEqual({ ok: true });
  });

  it('a reset connection -> VK_CONN_RESET', async () => {
    srv.set((req) => req.socket.destroy());
    const r = await send(pools, { method: 'GET', url: `${srv.url}/`, headers: {} }, 2_000);
    expect(r.error?.code).toBe('VK_CONN_RESET');
  });

  it('nothing listening -> VK_CONN_REFUSED', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer();
      s.listen(0, '127.0.0.1', () => { const p = (s.address() as { port: number }).port; s.close(() => resolve(p)); });
    });
    const r = await send(pools, { method: 'GET', url: `http://127.0.0.1:${port}/`, headers: {} }, 2_000);
    expect(r.error?.code).toBe('VK_CONN_REFUSED');
  });

  it('an invalid URL -> VK_TOOL', async () => {
    const r = await send(pools, { method: 'GET', url: 'not a url', headers: {} }, 2_000);
    expect(r.error).toEqual({ code: 'VK_TOOL', message: 'invalid request URL' });
  });

  it('the run signal aborts a request in flight, and one aborted before it starts', async () => {
    srv.set(() => undefined);
    const ctl = new AbortController();
    const pending = send(pools, { method: 'GET', url: `${srv.url}/slow`, headers: {} }, 5_000, ctl.signal);
    setTimeout(() => ctl.abort(), 50);
    const t0 = Date.now();
    const r = await pending;
    expect(Date.now() - t0).toBeLessThan(2_000);
    expect(r.error?.code).toBe('VK_NETWORK');
    expect(r.error?.message).toMatch(/abort/i);
    const before = await send(pools, { method: 'GET', url: `${srv.url}/`, headers: {} }, 5_000, ctl.signal);
    expect(before.error?.message).toMatch(/abort/i);
  });

  it("a request lets go of the run's signal when it ends: answered, timed out or failed", async () => {
    const ctl = new AbortController();
    setMaxListeners(30, ctl.signal); // 20 in flight below (runConformance raises it the same way)
    srv.set((_req, res) => res.end('{}'));
    const answered = await Promise.all(Array.from({ length: 20 }, () => send(pools, { method: 'GET', url: `${srv.url}/`, headers: {} }, 5_000, ctl.signal)));
    expect(answered.map((r) => r.response?.status)).toEqual(Array(20).fill(200));
    srv.set(() => undefined);
    const late = await send(pools, { method: 'GET', url: `${srv.url}/slow`, headers: {} }, 100, ctl.signal);
    expect(late.error?.code).toBe('VK_TIMEOUT');
    const invalid = await send(pools, { method: 'GET', url: 'not a url', headers: {} }, 100, ctl.signal);
    expect(invalid.error?.code).toBe('VK_TOOL');
    expect(getEventListeners(ctl.signal, 'abort')).toHaveLength(0);
    // and the signal still reaches a request in flight afterwards
    const pending = send(pools, { method: 'GET', url: `${srv.url}/slow`, headers: {} }, 5_000, ctl.signal);
    setTimeout(() => ctl.abort(new Error('run interrupted')), 20);
    expect((await pending).error?.message).toMatch(/run interrupted/);
  });
});
