/**
 * 2. Engine throughput: cases/s of the conformance engine (runConformance) against the embedded mocks,
 * beside the limit (a bare undici loop against a bare server, same concurrency, same process layout)
 * and Dredd 14 running the same operation against the same mock. Targets: >= 50% of the bare loop,
 * >= 10x Dredd per case. Every measurement process warms up untimed first; the bare loop sends the engine's
 * own signed request (fixed) and its server answers with the mock's own answer.
 */
import { join } from 'node:path';
import { runJob, startChild } from '../lib/proc.ts';
import { startVerikitMock } from '../lib/servers.ts';
import { profileJob, renderProfile } from '../lib/profile.ts';
import { loadBenchOp, answerMeta, BENCH_OP } from '../lib/benchop.ts';
import { leastDisturbed } from '../lib/foreign.ts';
import { pinning, pinTree } from '../lib/affinity.ts';
import { summarize, ratio, fmt } from '../lib/stats.ts';
import type { Ctx } from '../lib/context.ts';
import type { Section } from '../lib/types.ts';
import { cold, engineMethodNote, engineRow, foreignExtra, measureDredd, mockAnswer, type JobResult } from '../lib/engine-rows.ts';

const CONCURRENCY = 8;
/** Warm-up = this many times the timed part (engine cases, bare requests). */
const WARMUP_FACTOR = 4;
/** Copies of the benchmark operation in one run (distinct operationIds, same wire and schemas). */
const COPIES = 50;
/** In the "each server in its own process" layout: the server's CPU and the measuring process's (when taskset is there). */
const SERVER_CPU = '1';
const CLIENT_CPU = '0';

/** One measured series: a job run once per round, in a fresh process each time. */
interface Series { label: string; job: Record<string, unknown>; cpus?: string; required?: boolean; out: JobResult[]; error?: string }

/**
 * Runs every series once per round, `runs` rounds: the bare loop, the floor and the engine take turns, so a
 * slow spell of this shared host falls on all of them instead of on whichever series it happens to meet.
 * A failed series stops (its error is kept); a failed required one fails the section.
 */
async function interleaved(ctx: Ctx, series: Series[]): Promise<void> {
  const { runs } = ctx.sizes;
  for (let r = 0; r < runs; r++) {
    for (const x of series) {
      if (x.error !== undefined) continue;
      ctx.log(`engine round ${r + 1}/${runs}: ${x.label}`);
      try {
        x.out.push(await leastDisturbed(() => runJob(ctx.root, x.job, undefined, [], x.cpus), 'measurement', ctx.log));
      } catch (err) {
        if (x.required) throw err;
        x.error = (err as Error).message;
      }
    }
  }
}

export async function engineSection(ctx: Ctx): Promise<Section> {
  const s: Section = { id: 'engine', title: '2. Engine throughput (cases/s)', status: 'ran', rows: [], targets: [], notes: [] };
  const { runs, engineCases } = ctx.sizes;
  const root = ctx.root;
  const pin = pinning();
  const pinned = pin.taskset !== null;
  // The bare loop puts the engine's own wire traffic on the wire: one request signed once, up front, as the
  // engine signs its StartVerification (POST, business parameters in the query string, the x-acs-* headers
  // and authorization), sent unchanged every time; the bare server answers with the mock's own answer.
  const b = await loadBenchOp(root);
  const answer = await mockAnswer(root, b);
  const signed = b.request('http://127.0.0.1:1');
  const signedUrl = new URL(signed.url);
  const wire = { method: signed.method, path: `${signedUrl.pathname}${signedUrl.search}`, headers: signed.headers, ...(signed.body === undefined ? {} : { body: signed.body }) };
  const bareRequests = engineCases * 5;
  // Long enough to reach the plateau: the engine needs about 12,000 cases before its time per case stops
  // falling (JIT tiers), the bare loop about 40,000 requests.
  const bareWarmup = bareRequests * WARMUP_FACTOR;
  const engineWarmup = engineCases * WARMUP_FACTOR;
  const bareJob = (url?: string) => ({ mode: 'bare', requests: bareRequests, warmup: bareWarmup, concurrency: CONCURRENCY, body: answer.body, ...answerMeta(answer), request: wire, ...(url ? { url } : {}) });
  const bareExtra = (e: JobResult[], rssLabel: string) => ({ 'first batch, cold JIT (req/s)': cold(e), 'requests per measurement': bareRequests, 'warm-up requests': bareWarmup, [rssLabel]: summarize(e.map((x) => x.maxRssMb)), ...foreignExtra(e) });
  const floorRowName = `protocol floor (information): the bare loop, but every request freshly built and ACS3-signed by the engine's builder and answered by the verikit mock in the same process (signature verified, nonce and resend guards, state) — no cases, checks or results`;
  const single = { mode: 'engine', root, providers: [BENCH_OP.provider], operationId: BENCH_OP.operationId, copies: COPIES, minCases: engineCases, warmupCases: engineWarmup, concurrency: CONCURRENCY };
  const singleLabel = `verikit engine, ${BENCH_OP.provider} ${BENCH_OP.operationId} cases only (the operation ${COPIES} times per run)`;
  const allLabel = 'verikit engine, every case and flow of the 4 providers';
  // The "each server in its own process" layout (the engine no longer shares its core with the mock): both
  // servers stay up through the rounds; with taskset, on CPU 1, and the measuring process on CPU 0.
  const pinNote = pinned ? `, server on CPU ${SERVER_CPU}, client on CPU ${CLIENT_CPU}` : '';
  const clientCpu = pinned ? CLIENT_CPU : undefined;
  const bareChild = await startChild(process.execPath, [join(root, 'bench/servers/bare.js'), answer.body, JSON.stringify(answerMeta(answer))], { cwd: root, waitFor: 'json' });
  let own: Awaited<ReturnType<typeof startVerikitMock>> | undefined;
  const series: Series[] = [];
  try {
    own = await startVerikitMock(root, BENCH_OP.provider);
    if (pinned) for (const pid of [bareChild.proc.pid!, own.child.proc.pid!]) pinTree(pid, SERVER_CPU);
    const ownLabel = `verikit engine, ${BENCH_OP.operationId} cases only (${COPIES} times per run), verikit mock in its own process${pinNote}`;
    series.push(
      { label: 'bare undici loop', job: bareJob(), required: true, out: [] },
      { label: 'protocol floor (fresh signature per request, verikit mock in the same process)', job: { mode: 'floor', root, requests: bareRequests, warmup: bareWarmup, concurrency: CONCURRENCY }, out: [] },
      { label: singleLabel, job: single, out: [] },
      { label: allLabel, job: { mode: 'engine', root, minCases: engineCases, warmupCases: engineWarmup, concurrency: CONCURRENCY }, out: [] },
      { label: 'bare undici loop, server in its own process', job: { ...bareJob(bareChild.info.url as string), serverPid: bareChild.proc.pid }, cpus: clientCpu, out: [] },
      { label: ownLabel, job: { ...single, mockUrl: own.url, serverPid: own.child.proc.pid }, cpus: clientCpu, out: [] },
    );
    await interleaved(ctx, series);
  } finally {
    await bareChild.stop();
    await own?.child.stop();
  }
  const [bare, floor, one, all, bareOwn, engineOwn] = series;
  s.rows.push({ name: `bare loop: undici Pool, ${CONCURRENCY} in flight, the engine's signed request against a bare node:http server in the same process answering the mock's answer (the limit)`, unit: 'req/s', value: summarize(bare.out.map((x) => x.perSec)), extra: bareExtra(bare.out, 'peak RSS MB') });
  if (floor.error === undefined) s.rows.push({ name: floorRowName, unit: 'req/s', value: summarize(floor.out.map((x) => x.perSec)), extra: bareExtra(floor.out, 'peak RSS MB') });
  for (const x of [one, all]) if (x.error === undefined) s.rows.push(engineRow(`${x.label} (runConformance, embedded mocks in the same process, concurrency ${CONCURRENCY})`, x.out));
  if (bareOwn.error === undefined) s.rows.push({ name: `bare loop against bare node:http in its own process${pinNote} (the limit for this layout)`, unit: 'req/s', value: summarize(bareOwn.out.map((x) => x.perSec)), extra: bareExtra(bareOwn.out, 'peak RSS MB (client)') });
  if (engineOwn.error === undefined) s.rows.push(engineRow(engineOwn.label, engineOwn.out, 'peak RSS MB (engine)'));
  for (const x of series) {
    if (x.error === undefined) continue;
    s.status = 'partial';
    s.notes.push(`${x.label}: ${x.error}`);
  }
  const dreddPerSec = await measureDredd(ctx, b, s);
  const bareMed = s.rows[0].value.median;
  const same = s.rows.find((r) => r.name.includes(`${BENCH_OP.operationId} cases only`));
  const vsBare = ratio(same?.value.median, bareMed);
  const vsDredd = ratio(same?.value.median, dreddPerSec);
  s.targets.push({ name: `engine (${BENCH_OP.operationId} cases) vs bare undici loop`, want: '>= 50%', got: vsBare === null ? 'not measured' : `${(vsBare * 100).toFixed(0)}%`, met: vsBare === null ? null : vsBare >= 0.5 });
  const ownBare = s.rows.find((r) => r.name.startsWith('bare loop against bare node:http in its own process'));
  const ownEngine = s.rows.find((r) => r.name.includes('verikit mock in its own process'));
  const vsOwn = ratio(ownEngine?.value.median, ownBare?.value.median);
  s.targets.push({ name: `the same with each server in its own process (information: not how \`verikit run\` runs)`, want: '>= 50%', got: vsOwn === null ? 'not measured' : `${(vsOwn * 100).toFixed(0)}%`, met: vsOwn === null ? null : vsOwn >= 0.5 });
  const floorRow = s.rows.find((r) => r.name.startsWith('protocol floor'));
  const vsFloor = ratio(same?.value.median, floorRow?.value.median);
  const floorVsBare = ratio(floorRow?.value.median, bareMed);
  s.targets.push({ name: `protocol floor vs bare undici loop (information: what signing each request and the mock's verification and state leave of the limit, before the engine does anything)`, want: '>= 50%', got: floorVsBare === null ? 'not measured' : `${(floorVsBare * 100).toFixed(0)}%`, met: floorVsBare === null ? null : floorVsBare >= 0.5 });
  s.targets.push({ name: `engine vs protocol floor (information: the engine's own share — cases, checks, results — per case)`, want: '—', got: vsFloor === null ? 'not measured' : `${(vsFloor * 100).toFixed(0)}%`, met: null });
  s.targets.push({ name: `engine vs Dredd, per case (same operation, same mock)`, want: '>= 10x', got: vsDredd === null ? 'not measured' : `${fmt(vsDredd)}x`, met: vsDredd === null ? null : vsDredd >= 10 });
  if (ctx.opts.diagnose && vsBare !== null && vsBare < 0.5) {
    ctx.log('engine: target missed, profiling the engine');
    const prof = await profileJob(root, single, join(ctx.opts.workDir, 'prof-engine'));
    s.notes.push(renderProfile(`the single-operation engine job (at least ${engineCases} cases after the untimed warm-up; its in-process mock included)`, prof));
  }
  s.notes.push(engineMethodNote({ runs, engineCases, engineWarmup, bareRequests, bareWarmup, copies: COPIES, wire, answer, pinned, serverCpu: SERVER_CPU, clientCpu: CLIENT_CPU, pinWhy: pin.why }));
  if (!same) s.status = 'partial';
  return s;
}
