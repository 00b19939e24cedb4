import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VerikitError } from '../../src/core/errors.ts';
import { controlGate, isLoopbackHost } from '../../src/mock/control-auth.ts';
import { startMocks, type RunningMocks } from '../../src/mock/index.ts';
import { TEST_CREDENTIALS } from '../../src/signing/credentials.ts';

/** The control plane on a non-loopback host needs a bearer token, or the mock does not start (issue 17, item 9). */
const TOKEN = 'vk-test-control-token-5f1c2a9e7b3d';
const port = (url: string) => new URL(url).port;
const local = (url: string) => `http://127.0.0.1:${port(url)}`;

async function call(url: string, method: 'GET' | 'POST' | 'DELETE', auth?: string, body?: unknown) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (auth !== undefined) headers.authorization = auth;
  const res = await request(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.statusCode, text: await res.body.text(), headers: res.headers };
}

describe('who is on loopback', () => {
  it.each([
    { host: '127.0.0.1', want: true }, { host: '127.9.8.7', want: true }, { host: '::1', want: true }, { host: '[::1]', want: true },
    { host: 'localhost', want: true }, { host: '::ffff:127.0.0.1', want: true },
    { host: '0.0.0.0', want: false }, { host: '::', want: false }, { host: '192.168.1.5', want: false }, { host: 'example.com', want: false },
    { host: '128.0.0.1', want: false }, { host: '127.0.0.1.example.com', want: false },
  ])('$host -> $want', ({ host, want }) => expect(isLoopbackHost(host)).toBe(want));
});

describe('controlGate', () => {
  it('is open on loopback without a token', () => expect(controlGate('127.0.0.1', undefined)).toBeUndefined());
  it.each(['0.0.0.0', '::', '10.0.0.1'])('refuses %s without a token, with a named error', (host) => {
    let err: unknown;
    try { controlGate(host, undefined); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(VerikitError);
    expect((err as VerikitError).code).toBe('VK_MOCK_CONTROL_TOKEN');
    expect((err as VerikitError).fix).toMatch(/VERIKIT_CONTROL_TOKEN.*--control-token.*Authorization: Bearer/);
  });
  it('refuses a short token', () => expect(() => controlGate('0.0.0.0', 'short')).toThrow(/too short/));
  it.each([
    { auth: `Bearer ${TOKEN}`, want: true },
    { auth: `bearer ${TOKEN}`, want: true },
    { auth: `Bearer  ${TOKEN} `, want: true },
    { auth: undefined, want: false },
    { auth: '', want: false },
    { auth: TOKEN, want: false },
    { auth: `Basic ${TOKEN}`, want: false },
    { auth: `Bearer ${TOKEN}x`, want: false },
    { auth: `Bearer ${TOKEN.slice(0, -1)}`, want: false },
    { auth: `Bearer ${TOKEN} ${TOKEN}`, want: false },
  ])('token gate: $auth -> $want', ({ auth, want }) => expect(controlGate('0.0.0.0', TOKEN)!(auth)).toBe(want));
});

describe('startMocks on 0.0.0.0', () => {
  it('without a token it refuses to start (VK_MOCK_CONTROL_TOKEN)', async () => {
    const err = await startMocks({ host: '0.0.0.0', portBase: 0, providers: ['huawei-osm'], credentials: TEST_CREDENTIALS }).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(VerikitError);
    expect((err as VerikitError).code).toBe('VK_MOCK_CONTROL_TOKEN');
  });

  describe('with a token', () => {
    let mocks: RunningMocks;
    beforeAll(async () => {
      mocks = await startMocks({ host: '0.0.0.0', portBase: 0, providers: ['huawei-osm', 'jiguang-jverification'], credentials: TEST_CREDENTIALS, controlToken: TOKEN });
    });
    afterAll(() => mocks.close());

    // every verb, including a route the mock does not have (new verbs are covered at the same entry)
    const verbs = [
      { method: 'GET' as const, route: 'outbox' }, { method: 'GET' as const, route: 'health' }, { method: 'GET' as const, route: 'faults' },
      { method: 'POST' as const, route: 'reset' }, { method: 'POST' as const, route: 'clock', body: { advanceMs: 1000 } },
      { method: 'POST' as const, route: 'faults', body: { kind: 'drop' } }, { method: 'DELETE' as const, route: 'faults' },
      { method: 'POST' as const, route: 'token', body: { phone: '13800138000' }, provider: 'jiguang-jverification' as const },
      { method: 'POST' as const, route: 'answers', body: {} }, { method: 'GET' as const, route: 'no-such-route' },
    ];
    it.each(verbs)('$method /__verikit/$route: 401 without the token or with a wrong one', async ({ method, route, body, provider }) => {
      const url = `${local(mocks.urls[provider ?? 'huawei-osm'])}/__verikit/${route}`;
      for (const auth of [undefined, 'Bearer wrong-token-0000000000000', `Basic ${Buffer.from(`x:${TOKEN}`).toString('base64')}`]) {
        const r = await call(url, method, auth, body);
        expect(r.status, `${auth}`).toBe(401);
        expect(r.headers['www-authenticate']).toMatch(/^Bearer /);
        expect(r.text).not.toContain(TOKEN);
      }
    });

    it('with the token every verb works as on loopback', async () => {
      const url = local(mocks.urls['huawei-osm']);
      const auth = `Bearer ${TOKEN}`;
      expect((await call(`${url}/__verikit/outbox`, 'GET', auth)).status).toBe(200);
      expect((await call(`${url}/__verikit/faults`, 'POST', auth, { kind: 'latency', latencyMs: 1 })).status).toBe(201);
      expect((await call(`${url}/__verikit/faults`, 'DELETE', auth)).status).toBe(200);
      expect((await call(`${url}/__verikit/reset`, 'POST', auth)).status).toBe(200);
      expect((await call(`${local(mocks.urls['jiguang-jverification'])}/__verikit/token`, 'POST', auth, { phone: '13800138000' })).status).toBe(200);
    });

    it('the provider API itself is not behind the token (it has its own signatures)', async () => {
      const r = await call(`${local(mocks.urls['huawei-osm'])}/v2/servicerequest/verifycodes/send`, 'POST', undefined, { contact_value: '13800138000', contact_way: 0 });
      expect(r.status).toBe(401);
      expect(r.text).toContain('APIGW.0301');
    });
  });

  it('on loopback without a token the control plane stays open', async () => {
    const mocks = await startMocks({ portBase: 0, providers: ['huawei-osm'], credentials: TEST_CREDENTIALS });
    try {
      expect((await call(`${mocks.urls['huawei-osm']}/__verikit/outbox`, 'GET')).status).toBe(200);
    } finally {
      await mocks.close();
    }
  });
});

describe('verikit mock --host 0.0.0.0 (CLI)', () => {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k, v]) => v !== undefined && k !== 'VERIKIT_CONTROL_TOKEN')) as Record<string, string>;
  function run(args: string[], extra: Record<string, string> = {}) {
    const child = spawn(process.execPath, ['bin/verikit.js', 'mock', ...args], { env: { ...env, ...extra }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    return { child, exited, stderr: () => stderr };
  }

  it('refuses to start without a token: exit 2, named error', async () => {
    const { exited, stderr } = run(['--host', '0.0.0.0', '--port-base', '0', '--provider', 'huawei-osm']);
    expect(await exited).toBe(2);
    expect(stderr()).toMatch(/^error\[VK_MOCK_CONTROL_TOKEN\]: --host "0\.0\.0\.0" is reachable from other machines/);
  }, 60_000);

  it.each([
    { given: 'VERIKIT_CONTROL_TOKEN', args: [] as string[], extra: { VERIKIT_CONTROL_TOKEN: TOKEN } as Record<string, string> },
    { given: '--control-token', args: ['--control-token', TOKEN], extra: {} as Record<string, string> },
  ])('starts with $given; the control plane needs the bearer token; the token is never printed', async ({ args, extra }) => {
    const { child, exited, stderr } = run(['--host', '0.0.0.0', '--port-base', '0', '--provider', 'huawei-osm', ...args], extra);
    const rl = createInterface({ input: child.stdout! });
    let stdout = '';
    const line = await new Promise<string>((resolve, reject) => {
      rl.on('line', (l) => { stdout += l; resolve(l); });
      child.on('exit', () => reject(new Error(`exited: ${stderr()}`)));
    });
    const { url } = JSON.parse(line) as { url: string };
    expect((await call(`${local(url)}/__verikit/outbox`, 'GET')).status).toBe(401);
    expect((await call(`${local(url)}/__verikit/outbox`, 'GET', `Bearer ${TOKEN}`)).status).toBe(200);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stdout + stderr()).not.toContain(TOKEN);
  }, 60_000);
});
