/**
 * The measurements that run inside bench/servers/engine-run.ts (one per process): a bare undici loop,
 * the conformance engine against the embedded mocks, and the engine on a synthetic spec.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Pool, request } from 'undici';
import type { CaseResult } from '../../src/core/types.ts';
import type { ProviderId, ProviderSpec } from '../../src/spec/model.ts';
import { urlTarget } from './target.ts';
import { startProfiling } from './inspector.ts';
import { foreignCpu } from './affinity.ts';

export type Job =
  | {
    mode: 'bare'; requests: number; concurrency: number;
    /** What the in-process server answers: this body, with this status (default 200) and these headers (default application/json). */
    body: string; status?: number; headers?: Record<string, string>;
    /** The one request sent every time (no signing per request); a host header in it is set to the server's. Default: an unsigned POST. */
    request?: { method: string; path: string; headers: Record<string, string>; body?: string };
    /** Untimed requests sent first (default: as many as `requests`). */
    warmup?: number;
    /** an external server instead of one in this process */ url?: string;
    /** that server's pid: its CPU is not counted as foreign load */ serverPid?: number;
  }
  | {
    mode: 'engine'; root: string; providers?: ProviderId[]; operationId?: string; copies?: number; minCases: number; concurrency: number;
    /** Untimed runs first, until at least this many cases ran (default 0). */
    warmupCases?: number;
    /** a verikit mock in another process (one provider) instead of the embedded ones */ mockUrl?: string;
    /** that mock's pid: its CPU is not counted as foreign load */ serverPid?: number;
    /** CPU-profile the measured runs only, into this directory */ profileDir?: string;
  }
  | {
    /** The bare loop with the protocol's own work: each request freshly signed, answered by the verikit mock in this process. */
    mode: 'floor'; root: string; requests: number; warmup: number; concurrency: number;
  }
  | { mode: 'scale'; root: string; specFile: string; baseUrl: string; concurrency: number; reportDir?: string; memory?: boolean; profileDir?: string }
  | { mode: 'generate'; root: string; specFile: string; outDir: string }
  | { mode: 'load'; root: string; specFile: string };

const NO_GUARD = { enforce: false, allowSend: true, allowNumbers: [] as string[], maxSends: 0 };

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

/** runConformance against the embedded mocks (as `verikit run` does), repeated with new seeds until minCases ran. */
export async function runEngineOnMocks(job: Extract<Job, { mode: 'engine' }>): Promise<Record<string, unknown>> {
  const { loadSpecs } = await import(`${job.root}/src/spec/load.ts`);
  const { runConformance } = await import(`${job.root}/src/runner/run.ts`);
  const { createMockTarget } = await import(`${job.root}/src/runner/targets/mock.ts`);
  const { clearRegisteredSecrets } = await import(`${job.root}/src/core/redact.ts`);
  let specs = (await loadSpecs(join(job.root, 'specs'))) as ProviderSpec[];
  if (job.providers) specs = specs.filter((s) => job.providers!.includes(s.id));
  if (job.operationId) {
    // One operation, `copies` times under distinct operationIds (same wire binding and schemas), so one
    // runConformance call holds many cases of it instead of paying the per-run set-up for a dozen.
    const copies = job.copies ?? 1;
    specs = specs.map((s) => ({
      ...s,
      operations: s.operations.filter((o) => o.operationId === job.operationId)
        .flatMap((o) => (copies === 1 ? [o] : Array.from({ length: copies }, (_, i) => ({ ...o, operationId: `${o.operationId}_${i + 1}` })))),
    })).filter((s) => s.operations.length);
  }
  const providers = specs.map((s) => s.id);
  const { TEST_CREDENTIALS } = await import(`${job.root}/src/signing/credentials.ts`);
  const target = job.mockUrl ? urlTarget(providers[0], job.mockUrl, TEST_CREDENTIALS) : await createMockTarget({ providers, specsDir: join(job.root, 'specs') });
  const reset = async () => {
    if (!job.mockUrl) return (target as { mocks: { control: { reset(p: 'all'): void } } }).mocks.control.reset('all');
    const r = await request(`${job.mockUrl}/__verikit/reset`, { method: 'POST' });
    await r.body.dump();
  };
  let statuses = { passed: 0, failed: 0, skipped: 0 };
  const onResult = (r: CaseResult) => { statuses[r.status]++; };
  let seed = 1;
  /** The first runConformance of the process (cold JIT), in cases/s. */
  let firstPerSec: number | null = null;
  const once = async () => {
    // Each repetition stands for a separate `verikit run`: fresh mock state, and the redaction registry
    // emptied (one process per run would start empty; the next run registers its own values again).
    await reset();
    clearRegisteredSecrets();
    const t0 = performance.now();
    const { summary } = await runConformance({ specs, providers, target, seed: seed++, concurrency: job.concurrency, costGuard: NO_GUARD, onResult });
    const ms = performance.now() - t0;
    firstPerSec ??= summary.totals.cases / (ms / 1000);
    return { cases: summary.totals.cases as number, ms };
  };
  // Warm-up: untimed runs until warmupCases ran (the JIT compiles the hot paths, pools and caches fill).
  let warmupCases = 0;
  let warmupRuns = 0;
  while (warmupCases < (job.warmupCases ?? 0)) {
    warmupCases += (await once()).cases;
    warmupRuns++;
  }
  statuses = { passed: 0, failed: 0, skipped: 0 };
  let cases = 0;
  let ms = 0;
  let runs = 0;
  const profiling = job.profileDir ? await startProfiling(job.profileDir, 'engine') : undefined;
  const foreign = foreignCpu([job.serverPid]);
  while (cases < job.minCases) {
    const r = await once();
    cases += r.cases;
    ms += r.ms;
    runs++;
  }
  const foreignCpuPct = foreign.stop();
  await profiling?.stop();
  await target.close();
  return { cases, ms, perSec: cases / (ms / 1000), runs, warmupCases, warmupRuns, firstPerSec, foreignCpuPct, ...statuses };
}

/** Only loads the spec (YAML parse, deref, model): its share of a big run's peak RSS. */
export async function runLoad(job: Extract<Job, { mode: 'load' }>): Promise<Record<string, unknown>> {
  const { loadSpec } = await import(`${job.root}/src/spec/load.ts`);
  const t0 = performance.now();
  const spec = (await loadSpec(job.specFile)) as ProviderSpec;
  const loadMs = performance.now() - t0;
  global.gc?.();
  return { operations: spec.operations.length, loadMs, liveHeapMb: global.gc ? mb(process.memoryUsage().heapUsed) : null };
}

/** `verikit generate`'s pipeline (src/generate, pure) on one spec, files written under outDir. */
export async function runGenerate(job: Extract<Job, { mode: 'generate' }>): Promise<Record<string, unknown>> {
  const { loadSpec } = await import(`${job.root}/src/spec/load.ts`);
  const { generateAll } = await import('./generator.ts');
  const spec = (await loadSpec(job.specFile)) as ProviderSpec;
  const t0 = performance.now();
  const files = await generateAll(job.root, [spec], job.outDir);
  return { operations: spec.operations.length, files, generateMs: performance.now() - t0 };
}

/** The engine on a synthetic spec against the bench generic mock, optionally streaming reports to disk. */
export async function runScale(job: Extract<Job, { mode: 'scale' }>): Promise<Record<string, unknown>> {
  const { loadSpec } = await import(`${job.root}/src/spec/load.ts`);
  const { runConformance } = await import(`${job.root}/src/runner/run.ts`);
  const { TEST_CREDENTIALS } = await import(`${job.root}/src/signing/credentials.ts`);
  const t0 = performance.now();
  const spec = (await loadSpec(job.specFile)) as ProviderSpec;
  const loadMs = performance.now() - t0;
  const memory = job.memory ? await memoryPhases(job.root, spec) : undefined;
  const writer = job.reportDir ? await (await import(`${job.root}/src/reports/index.ts`)).openReportWriter(job.reportDir, { specs: [spec] }) : undefined;
  const statuses = { passed: 0, failed: 0, skipped: 0 };
  let done = 0;
  const profiling = job.profileDir ? await startProfiling(job.profileDir, 'scale') : undefined;
  const r0 = performance.now();
  const { summary } = await runConformance({
    specs: [spec], target: urlTarget(spec.id, job.baseUrl, TEST_CREDENTIALS), seed: 1, concurrency: job.concurrency, costGuard: NO_GUARD,
    onResult: (r: CaseResult) => {
      statuses[r.status]++;
      writer?.add(r);
      if (memory && ++done % 5000 === 0) memory.during.push({ results: done, rssMb: mb(process.memoryUsage().rss), heapUsedMb: mb(process.memoryUsage().heapUsed) });
    },
  });
  const runMs = performance.now() - r0;
  await profiling?.stop();
  let reportMs: number | null = null;
  if (writer) {
    const w0 = performance.now();
    await writer.finish(summary);
    reportMs = performance.now() - w0;
  }
  if (memory) {
    global.gc?.();
    memory.afterRunHeapMb = mb(process.memoryUsage().heapUsed);
  }
  return { operations: spec.operations.length, cases: summary.totals.cases, loadMs, runMs, reportMs, errors: summary.errors.length, ...statuses, ...(memory ? { memory } : {}) };
}

const mb = (bytes: number) => Math.round(bytes / 1048576);

interface MemoryPhases {
  /** Live heap after loading the spec (after a full GC). */
  afterLoadHeapMb: number;
  /** Live heap while every case of the run is held, as runConformance holds them (generateCases, after a full GC). */
  allCasesHeapMb: number;
  cases: number;
  during: Array<{ results: number; rssMb: number; heapUsedMb: number }>;
  afterRunHeapMb?: number;
}

/** Where the memory of a big run goes (needs node --expose-gc): the spec, then all generated cases. */
async function memoryPhases(root: string, spec: ProviderSpec): Promise<MemoryPhases> {
  const gc = global.gc;
  if (!gc) throw new Error('memory phases need node --expose-gc');
  const { generateCases } = await import(`${root}/src/cases/index.ts`);
  gc();
  const afterLoadHeapMb = mb(process.memoryUsage().heapUsed);
  let g: { cases: unknown[] } | undefined = generateCases([spec], { seed: 1 });
  const cases = g!.cases.length;
  gc();
  const allCasesHeapMb = mb(process.memoryUsage().heapUsed);
  g = undefined;
  gc();
  return { afterLoadHeapMb, allCasesHeapMb, cases, during: [] };
}
