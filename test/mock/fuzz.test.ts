/**
 * Robustness: >= 10,000 generated malformed requests against all four mocks. Every request must be
 * answered or its connection closed, no handler may fail (500), the process stays up and memory bounded.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, request } from 'undici';
import { createRng } from '../../src/cases/prng.ts';
import { type RunningMocks, startMocks } from '../../src/mock/index.ts';
import { TEST_CREDENTIALS } from '../../src/signing/credentials.ts';
import { PROVIDER_IDS, type ProviderId } from '../../src/spec/model.ts';
import { httpCase, rawCase } from './fuzz-gen.ts';

/** Each provider's own paths, so most malformed requests reach its handlers rather than its 404. */
const OWN_PATHS: Record<ProviderId, string[]> = {
  'alibaba-dypnsapi-intl': ['/'],
  'alibaba-resourcedirectorymaster': ['/'],
  'huawei-osm': ['/v2/servicerequest/verifycodes', '/v2/servicerequest/verifycodes/send'],
  'jiguang-jverification': ['/v1/web/verify', '/v1/web/h5/verify'],
};

const HTTP_CASES = 8_000;
const RAW_CASES = 2_500;
const CONCURRENCY = 24;

let mocks: RunningMocks;
let urls: string[];
const agent = new Agent({ connections: CONCURRENCY, pipelining: 1, headersTimeout: 20_000, bodyTimeout: 20_000 });
beforeAll(async () => {
  mocks = await startMocks({ portBase: 0, credentials: TEST_CREDENTIALS });
  urls = Object.values(mocks.urls);
});
afterAll(async () => {
  await agent.close();
  await mocks.close();
});

async function pool<T>(n: number, work: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(n);
  let next = 0;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < n) {
      const i = next++;
      out[i] = await work(i);
    }
  }));
  return out;
}

type RawOutcome = 'answered' | 'closed' | 'hung';

function rawExchange(url: string, payload: string): Promise<RawOutcome> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    let answered = false;
    const socket = connect({ host: hostname, port: Number(port) });
    const timer = setTimeout(() => {
      socket.destroy();
      resolve('hung');
    }, 15_000);
    socket.on('data', () => {
      answered = true;
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(answered ? 'answered' : 'closed');
    });
    socket.write(payload, () => socket.end());
  });
}

describe('fuzz', () => {
  it(`survives ${HTTP_CASES + RAW_CASES} malformed requests with bounded memory`, async () => {
    const rng = createRng(20261121);
    const heapBefore = process.memoryUsage().heapUsed;

    const statuses = await pool(HTTP_CASES, async (i) => {
      const provider = PROVIDER_IDS[i % PROVIDER_IDS.length];
      const c = httpCase(rng, OWN_PATHS[provider]);
      try {
        const res = await request(mocks.urls[provider] + c.path, { method: c.method as 'GET', headers: c.headers, body: c.body, dispatcher: agent });
        await res.body.dump();
        return res.statusCode;
      } catch (e) {
        return `closed:${(e as Error).name}`;
      }
    });
    const raw = await pool(RAW_CASES, (i) => rawExchange(urls[i % urls.length], rawCase(rng)));

    const counts: Record<string, number> = {};
    for (const s of statuses) counts[String(s)] = (counts[String(s)] ?? 0) + 1;
    // Every HTTP request got an HTTP answer; none came from a failing handler.
    expect(statuses.filter((s) => typeof s !== 'number'), JSON.stringify(counts)).toEqual([]);
    expect(statuses.filter((s) => s === 500), JSON.stringify(counts)).toEqual([]);
    expect(statuses.every((s) => (s as number) >= 200 && (s as number) < 600)).toBe(true);
    // Broken HTTP is answered (400/431/413...) or closed, never left hanging.
    expect(raw.filter((r) => r === 'hung')).toEqual([]);
    expect(raw.filter((r) => r === 'answered').length).toBeGreaterThan(RAW_CASES / 2);

    // Still alive and serving.
    const health = await request(`${mocks.urls['huawei-osm']}/__verikit/health`, { dispatcher: agent });
    expect(health.statusCode).toBe(200);
    await health.body.dump();
    const heapGrowthMb = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
    expect(heapGrowthMb).toBeLessThan(128);
  }, 120_000);
});
