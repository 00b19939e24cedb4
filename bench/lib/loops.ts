/**
 * The request loops of the engine section (inside bench/servers/engine-run.ts): the bare undici loop (the
 * limit) and the protocol floor (a fresh signature per request, answered by the verikit mock).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Pool } from 'undici';
import { foreignCpu } from './affinity.ts';
import type { Job } from './engine-jobs.ts';

/** `requests` calls of `one`, `concurrency` at a time, timed; throws unless every call got the expected answer. */
async function timedLoop(requests: number, concurrency: number, failure: string, one: () => Promise<boolean>): Promise<{ ms: number; perSec: number }> {
  let next = 0;
  let ok = 0;
  const worker = async () => {
    while (next++ < requests) if (await one()) ok++;
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const ms = performance.now() - t0;
  if (ok !== requests) throw new Error(`${requests - ok} of ${requests} requests ${failure}`);
  return { ms, perSec: requests / (ms / 1000) };
}

/**
 * The limit: `requests` undici requests, `concurrency` in flight, against a bare server in this process (or
 * at `url`), after an untimed warm-up batch. Every request is the same fixed one (`job.request`), and the
 * server answers every one with the same fixed answer: the wire traffic of a run, with no work on either side.
 */
export async function runBareLoop(job: Extract<Job, { mode: 'bare' }>): Promise<Record<string, unknown>> {
  const body = Buffer.from(job.body);
  const status = job.status ?? 200;
  const answerHeaders = { 'content-type': 'application/json', ...job.headers, 'content-length': String(body.length) };
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(status, answerHeaders);
      res.end(body);
    });
  });
  if (!job.url) await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const origin = job.url ?? `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const rq = job.request ?? { method: 'POST', path: '/?Action=StartVerification', headers: { 'content-type': 'application/json' }, body: '' };
  const headers = 'host' in rq.headers ? { ...rq.headers, host: new URL(origin).host } : rq.headers;
  const method = rq.method as 'POST';
  const pool = new Pool(origin, { connections: job.concurrency, pipelining: 1 });
  const batch = (requests: number) => timedLoop(requests, job.concurrency, `did not get the expected answer (HTTP ${status} with a body)`, async () => {
    const r = await pool.request({ method, path: rq.path, headers, body: rq.body });
    return (await r.body.text()).length > 0 && r.statusCode === status;
  });
  const warmup = job.warmup ?? job.requests;
  const cold = warmup > 0 ? await batch(warmup) : null;
  const foreign = foreignCpu([job.serverPid]);
  const { ms, perSec } = await batch(job.requests);
  const foreignCpuPct = foreign.stop();
  await pool.close();
  if (!job.url) server.close();
  return { requests: job.requests, ok: job.requests, ms, perSec, warmupRequests: warmup, firstPerSec: cold?.perSec ?? null, foreignCpuPct };
}

/**
 * The protocol floor: the bare loop's undici Pool and body read, but every request freshly built and signed
 * by the engine's request builder (new nonce, date and phone number) and answered by the verikit mock in
 * this process (signature verified, nonce and resend guards, a verification stored). What any client of this
 * mock pays per request before a conformance tool does anything of its own: no cases, checks or results.
 */
export async function runFloor(job: Extract<Job, { mode: 'floor' }>): Promise<Record<string, unknown>> {
  const { startMocks } = await import(`${job.root}/src/mock/index.ts`);
  const { TEST_CREDENTIALS } = await import(`${job.root}/src/signing/credentials.ts`);
  const { loadBenchOp, BENCH_OP } = await import('./benchop.ts');
  const b = await loadBenchOp(job.root);
  const mocks = await startMocks({ portBase: 0, providers: [BENCH_OP.provider], specsDir: join(job.root, 'specs'), credentials: TEST_CREDENTIALS });
  const origin = mocks.urls[BENCH_OP.provider] as string;
  const pool = new Pool(origin, { connections: job.concurrency, pipelining: 1 });
  const batch = (requests: number) => timedLoop(requests, job.concurrency, 'were not accepted by the mock (protocol floor)', async () => {
    const w = b.request(origin);
    const u = new URL(w.url);
    const r = await pool.request({ method: w.method as 'POST', path: u.pathname + u.search, headers: w.headers, body: w.body });
    return (await r.body.text()).includes('"Code":"OK"') && r.statusCode === 200;
  });
  const cold = job.warmup > 0 ? await batch(job.warmup) : null;
  const foreign = foreignCpu([]);
  const { ms, perSec } = await batch(job.requests);
  const foreignCpuPct = foreign.stop();
  await pool.close();
  await mocks.close();
  return { requests: job.requests, ms, perSec, warmupRequests: job.warmup, firstPerSec: cold?.perSec ?? null, foreignCpuPct };
}
