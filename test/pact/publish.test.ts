/**
 * Publishing against a local Pact Broker test double (node:http): it serves the HAL index and
 * POST /contracts/publish and records what it received. No real broker runs here.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { VerikitError } from '../../src/core/errors.ts';
import { brokerAuthFromEnv, publishBody, publishPacts, type PublishOptions } from '../../src/pact/publish.ts';

interface Received {
  method: string;
  url: string;
  authorization?: string;
  body?: any;
}

interface Broker {
  url: string;
  received: Received[];
  /** Status for POST /contracts/publish (default 200). */
  publishStatus: number;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of req) text += chunk;
  return text;
}

async function startBroker(opts: { indexStatus?: number } = {}): Promise<Broker> {
  const broker = { received: [] as Received[], publishStatus: 200 } as Broker;
  const server: Server = createServer(async (req, res) => {
    const text = await readBody(req);
    broker.received.push({ method: req.method!, url: req.url!, authorization: req.headers.authorization, body: text ? JSON.parse(text) : undefined });
    res.setHeader('content-type', 'application/hal+json');
    if (req.method === 'GET' && req.url === '/') {
      res.statusCode = opts.indexStatus ?? 200;
      res.end(JSON.stringify({ _links: { 'pb:publish-contracts': { href: `${broker.url}/contracts/publish`, title: 'Publish contracts' } } }));
      return;
    }
    if (req.method === 'POST' && req.url === '/contracts/publish') {
      res.statusCode = broker.publishStatus;
      res.end(JSON.stringify(broker.publishStatus === 200 ? { notices: [{ type: 'success', text: 'Created verikit version abc123' }] } : { error: 'boom' }));
      return;
    }
    res.statusCode = 404;
    res.end('{}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  broker.url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  broker.close = () => new Promise((r) => server.close(() => r()));
  return broker;
}

const PACT = (provider: string) => JSON.stringify({ consumer: { name: 'verikit' }, provider: { name: provider }, interactions: [], metadata: { pactSpecification: { version: '4.0' } } });

let dir: string;
let files: string[];
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vk-publish-'));
  files = [join(dir, 'verikit-huawei-osm.json'), join(dir, 'verikit-jiguang-jverification.json')];
  await writeFile(files[0], PACT('huawei-osm'));
  await writeFile(files[1], PACT('jiguang-jverification'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

function options(brokerUrl: string, over: Partial<PublishOptions> = {}): PublishOptions {
  return {
    brokerUrl,
    pacts: [
      { file: files[0], consumer: 'verikit', provider: 'huawei-osm', content: PACT('huawei-osm') },
      { file: files[1], consumer: 'verikit', provider: 'jiguang-jverification', content: PACT('jiguang-jverification') },
    ],
    consumerVersion: 'abc123',
    branch: 'main',
    tags: ['ci', 'rc'],
    auth: { token: 'broker-token-1234' },
    ...over,
  };
}

describe('publishPacts against the broker test double', () => {
  it('reads the HAL index, then POSTs names, version, branch, tags and base64 pact content', async () => {
    const broker = await startBroker();
    try {
      const out = await publishPacts(options(broker.url));
      expect(out).toEqual([{ consumer: 'verikit', notices: ['Created verikit version abc123'] }]);
      expect(broker.received.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /', 'POST /contracts/publish']);
      const body = broker.received[1].body;
      expect(body).toMatchObject({ pacticipantName: 'verikit', pacticipantVersionNumber: 'abc123', branch: 'main', tags: ['ci', 'rc'] });
      expect(body.contracts.map((c: any) => [c.consumerName, c.providerName, c.specification, c.contentType])).toEqual([
        ['verikit', 'huawei-osm', 'pact', 'application/json'],
        ['verikit', 'jiguang-jverification', 'pact', 'application/json'],
      ]);
      expect(JSON.parse(Buffer.from(body.contracts[0].content, 'base64').toString('utf8'))).toEqual(JSON.parse(PACT('huawei-osm')));
      expect(broker.received.every((r) => r.authorization === 'Bearer broker-token-1234')).toBe(true);
    } finally {
      await broker.close();
    }
  });

  const failures: Array<{ name: string; setup: (b: Broker) => void; indexStatus?: number; code: string; text: RegExp }> = [
    { name: '401 on the index -> auth error', setup: () => {}, indexStatus: 401, code: 'VK_BROKER_AUTH', text: /refused the credentials \(HTTP 401/ },
    { name: '401 on publish -> auth error', setup: (b) => { b.publishStatus = 401; }, code: 'VK_BROKER_AUTH', text: /HTTP 401 from POST/ },
    { name: '503 on publish -> broker error', setup: (b) => { b.publishStatus = 503; }, code: 'VK_BROKER_ERROR', text: /answered HTTP 503 to POST/ },
  ];
  for (const f of failures) {
    it(f.name, async () => {
      const broker = await startBroker({ indexStatus: f.indexStatus });
      f.setup(broker);
      try {
        const err = await publishPacts(options(broker.url)).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(VerikitError);
        expect((err as VerikitError).code).toBe(f.code);
        expect((err as VerikitError).message).toMatch(f.text);
        expect((err as VerikitError).fix.length).toBeGreaterThan(10);
      } finally {
        await broker.close();
      }
    });
  }

  it('an unreachable broker -> a clear error', async () => {
    const broker = await startBroker();
    await broker.close();
    const err = (await publishPacts(options(broker.url)).catch((e: unknown) => e)) as VerikitError;
    expect(err.code).toBe('VK_BROKER_UNREACHABLE');
    expect(err.message).toContain(`cannot be reached (ECONNREFUSED)`);
  });
});

describe('broker credentials and payload (pure)', () => {
  const envs: Array<{ env: Record<string, string>; want: object }> = [
    { env: { PACT_BROKER_TOKEN: 't' }, want: { token: 't' } },
    { env: { PACT_BROKER_USERNAME: 'u', PACT_BROKER_PASSWORD: 'p' }, want: { username: 'u', password: 'p' } },
    { env: {}, want: {} },
  ];
  for (const e of envs) it(`brokerAuthFromEnv(${JSON.stringify(e.env)})`, () => expect(brokerAuthFromEnv(e.env)).toEqual(e.want));

  it('omits branch and tags when not given', () => {
    const body = publishBody(options('http://x', { branch: undefined, tags: [] }), 'verikit');
    expect(Object.keys(body)).toEqual(['pacticipantName', 'pacticipantVersionNumber', 'contracts']);
  });
});

describe('verikit pact publish (CLI)', () => {
  it('publishes with basic auth from the environment and exits 0', async () => {
    const broker = await startBroker();
    vi.stubEnv('PACT_BROKER_TOKEN', '');
    vi.stubEnv('PACT_BROKER_USERNAME', 'ci');
    vi.stubEnv('PACT_BROKER_PASSWORD', 'secret-pw');
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      const code = await main(['pact', 'publish', '--broker-url', broker.url, '--consumer-version', 'v1.2.3', '--branch', 'feat-x', '--tag', 'dev', ...files]);
      expect(code).toBe(0);
      const post = broker.received[1];
      expect(post.authorization).toBe(`Basic ${Buffer.from('ci:secret-pw').toString('base64')}`);
      expect(post.body).toMatchObject({ pacticipantVersionNumber: 'v1.2.3', branch: 'feat-x', tags: ['dev'] });
      expect(log.mock.calls.flat().join('\n')).toContain('published 2 pact(s) for verikit version v1.2.3 (branch feat-x)');
    } finally {
      await broker.close();
    }
  });

  const bad: Array<{ name: string; args: (url: string) => string[]; status?: number; want: RegExp }> = [
    { name: '5xx -> non-zero exit with the broker error', args: (u) => ['--broker-url', u, '--consumer-version', 'v1', ...files], status: 500, want: /error\[VK_BROKER_ERROR\].*HTTP 500/ },
    { name: 'unreachable -> non-zero exit', args: () => ['--broker-url', 'http://127.0.0.1:1', '--consumer-version', 'v1', ...files], want: /error\[VK_BROKER_UNREACHABLE\]/ },
    { name: 'missing --broker-url -> usage error', args: () => [...files], want: /error\[VK_USAGE\]: --broker-url is required/ },
  ];
  for (const b of bad) {
    it(b.name, async () => {
      const broker = await startBroker();
      if (b.status) broker.publishStatus = b.status;
      const err = vi.spyOn(console, 'error').mockImplementation(() => {});
      try {
        const code = await main(['pact', 'publish', ...b.args(broker.url)]);
        expect(code).not.toBe(0);
        expect(err.mock.calls.flat().join('\n')).toMatch(b.want);
      } finally {
        await broker.close();
      }
    });
  }
});
