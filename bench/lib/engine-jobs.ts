/**
 * The measurements that run inside bench/servers/engine-run.ts (one per process): the conformance engine
 * against the embedded mocks, and the engine on a synthetic spec (the request loops are in loops.ts).
 */
import { join } from 'node:path';
import { request } from 'undici';
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
