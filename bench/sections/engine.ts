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
import { runDredd } from '../lib/dredd.ts';
import { profileJob, renderProfile } from '../lib/profile.ts';
import { loadBenchOp, answerMeta, answerOf, BENCH_OP, type Answer, type BenchOp } from '../lib/benchop.ts';
import { FOREIGN_MAX_PCT, FOREIGN_RETRIES, leastDisturbed } from '../lib/foreign.ts';
import { pinning, pinTree } from '../lib/affinity.ts';
import { summarize, ratio, fmt } from '../lib/stats.ts';
import type { Ctx } from '../lib/context.ts';
import { PEERS } from '../lib/peers.ts';
import type { Row, Section } from '../lib/types.ts';

const CONCURRENCY = 8;
/** Warm-up = this many times the timed part (engine cases, bare requests). */
const WARMUP_FACTOR = 4;
/** Copies of the benchmark operation in one run (distinct operationIds, same wire and schemas). */
const COPIES = 50;
/** In the "each server in its own process" layout: the server's CPU and the measuring process's (when taskset is there). */
const SERVER_CPU = '1';
const CLIENT_CPU = '0';

type JobResult = Record<string, any>;

const cold = (e: JobResult[]) => summarize(e.map((x) => x.firstPerSec as number));
/** The CPU (% of one) the machine spent on other processes during the timed part, and the jobs repeated for it. */
const foreignExtra = (e: JobResult[]) => {
  const f = e.map((x) => x.foreignCpuPct).filter((x): x is number => typeof x === 'number');
  return { 'foreign CPU %': f.length ? summarize(f) : 'n/a', 'measurements repeated for foreign load': e.reduce((a, x) => a + (x.repeats ?? 0), 0) };
};

function engineRow(name: string, e: JobResult[], rssLabel = 'peak RSS MB'): Row {
  const last = e.at(-1)!;
  return {
    name, unit: 'cases/s', value: summarize(e.map((x) => x.perSec)),
    extra: {
      'first run, cold JIT (cases/s)': cold(e), 'cases per measurement': e[0].cases, 'warm-up cases': e[0].warmupCases,
      'passed/failed/skipped (last run)': `${last.passed}/${last.failed}/${last.skipped}`, [rssLabel]: summarize(e.map((x) => x.maxRssMb)), ...foreignExtra(e),
    },
  };
}

/** The verikit mock's answer to one signed benchmark request (a mock in its own process, started for this). */
async function mockAnswer(root: string, b: BenchOp): Promise<Answer> {
  const { child, url } = await startVerikitMock(root, BENCH_OP.provider);
  try {
    const r = b.request(url);
    const a = await answerOf(r.url, r);
    if (a.status !== 200 || !/"Code":"OK"/.test(a.body)) throw new Error(`the verikit mock did not accept the benchmark request: ${a.status} ${a.body.slice(0, 300)}`);
    return a;
  } finally {
    await child.stop();
  }
}

export async function engineSection(ctx: Ctx): Promise<Section> {
  const s: Section = { id: 'engine', title: '2. Engine throughput (cases/s)', status: 'ran', rows: [], targets: [], notes: [] };
  const { runs, engineCases } = ctx.sizes;
  const root = ctx.root;
  const pin = pinning();
  const pinned = pin.taskset !== null;
  const collect = async (label: string, job: Record<string, unknown>, cpus?: string) => {
    const out: JobResult[] = [];
    for (let r = 0; r < runs; r++) {
      ctx.log(`engine run ${r + 1}/${runs}: ${label}`);
      out.push(await leastDisturbed(() => runJob(root, job, undefined, [], cpus), 'measurement', ctx.log));
    }
    return out;
  };
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
  const bare = await collect('bare undici loop', bareJob());
  s.rows.push({ name: `bare loop: undici Pool, ${CONCURRENCY} in flight, the engine's signed request against a bare node:http server in the same process answering the mock's answer (the limit)`, unit: 'req/s', value: summarize(bare.map((x) => x.perSec)), extra: bareExtra(bare, 'peak RSS MB') });
  // The protocol floor: the bare loop with the protocol's own work and the mock's, none of the engine's.
  try {
    const floor = await collect('protocol floor (fresh signature per request, verikit mock in the same process)', { mode: 'floor', root, requests: bareRequests, warmup: bareWarmup, concurrency: CONCURRENCY });
    s.rows.push({
      name: `protocol floor (information): the bare loop, but every request freshly built and ACS3-signed by the engine's builder and answered by the verikit mock in the same process (signature verified, nonce and resend guards, state) — no cases, checks or results`,
      unit: 'req/s', value: summarize(floor.map((x) => x.perSec)), extra: bareExtra(floor, 'peak RSS MB'),
    });
  } catch (err) {
    s.status = 'partial';
    s.notes.push(`protocol floor: ${(err as Error).message}`);
  }
  const engineRows: Array<[string, Record<string, unknown>]> = [
    [`verikit engine, ${BENCH_OP.provider} ${BENCH_OP.operationId} cases only (the operation ${COPIES} times per run)`, { mode: 'engine', root, providers: [BENCH_OP.provider], operationId: BENCH_OP.operationId, copies: COPIES, minCases: engineCases, warmupCases: engineWarmup, concurrency: CONCURRENCY }],
    ['verikit engine, every case and flow of the 4 providers', { mode: 'engine', root, minCases: engineCases, warmupCases: engineWarmup, concurrency: CONCURRENCY }],
  ];
  for (const [label, job] of engineRows) {
    try {
      const e = await collect(label, job);
      s.rows.push(engineRow(`${label} (runConformance, embedded mocks in the same process, concurrency ${CONCURRENCY})`, e));
    } catch (err) {
      s.status = 'partial';
      s.notes.push(`${label}: ${(err as Error).message}`);
    }
  }
  // The same pair with the server in its own process (the engine no longer shares its core with the mock);
  // with taskset, the server on CPU 1 and the measuring process on CPU 0.
  const pinNote = pinned ? `, server on CPU ${SERVER_CPU}, client on CPU ${CLIENT_CPU}` : '';
  const clientCpu = pinned ? CLIENT_CPU : undefined;
  const bareChild = await startChild(process.execPath, [join(root, 'bench/servers/bare.js'), answer.body, JSON.stringify(answerMeta(answer))], { cwd: root, waitFor: 'json' });
  try {
    if (pinned) pinTree(bareChild.proc.pid!, SERVER_CPU);
    const b2 = await collect('bare undici loop, server in its own process', { ...bareJob(bareChild.info.url as string), serverPid: bareChild.proc.pid }, clientCpu);
    s.rows.push({ name: `bare loop against bare node:http in its own process${pinNote} (the limit for this layout)`, unit: 'req/s', value: summarize(b2.map((x) => x.perSec)), extra: bareExtra(b2, 'peak RSS MB (client)') });
  } finally {
    await bareChild.stop();
  }
  const own = await startVerikitMock(root, BENCH_OP.provider);
  try {
    if (pinned) pinTree(own.child.proc.pid!, SERVER_CPU);
    const label = `verikit engine, ${BENCH_OP.operationId} cases only (${COPIES} times per run), verikit mock in its own process${pinNote}`;
    const e = await collect(label, { ...engineRows[0][1], mockUrl: own.url, serverPid: own.child.proc.pid }, clientCpu);
    s.rows.push(engineRow(label, e, 'peak RSS MB (engine)'));
  } catch (err) {
    s.status = 'partial';
    s.notes.push(`engine against a mock in its own process: ${(err as Error).message}`);
  } finally {
    await own.child.stop();
  }
  const dredd = ctx.peers.dredd;
  let dreddPerSec: number | null = null;
  if (!dredd || dredd.error) {
    s.notes.push(`Dredd unavailable: ${dredd?.error ?? 'not checked'}`);
  } else {
    const { child: vk, url } = await startVerikitMock(root, BENCH_OP.provider);
    try {
      const k = ctx.sizes.dreddTransactions;
      const d = [];
      for (let r = 0; r < runs; r++) {
        ctx.log(`engine run ${r + 1}/${runs}: Dredd, ${k} transactions`);
        const one = await runDredd(root, dredd.bin!, b.op, url, k, ctx.opts.workDir);
        if (one.total !== k || one.testsMs === null) throw new Error(`Dredd ran ${one.total} of ${k} transactions (exit ${one.code}):\n${one.tail}`);
        d.push(one);
      }
      const perSec = summarize(d.map((x) => x.total / (x.testsMs! / 1000)));
      dreddPerSec = perSec.median;
      s.rows.push({
        name: `Dredd ${PEERS.dredd.version}, ${k} transactions of ${BENCH_OP.operationId} against the verikit mock (separate process), signed by a hook`, unit: 'cases/s', value: perSec,
        extra: { 'passing (last run)': `${d.at(-1)!.passing}/${k}`, 'cases/s incl. Dredd start-up': summarize(d.map((x) => x.total / (x.wallMs / 1000))) },
      });
    } catch (err) {
      s.status = 'partial';
      s.notes.push(`Dredd failed: ${(err as Error).message}`);
    } finally {
      await vk.stop();
    }
  }
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
    const prof = await profileJob(root, engineRows[0][1], join(ctx.opts.workDir, 'prof-engine'));
    s.notes.push(renderProfile(`the single-operation engine job (at least ${engineCases} cases after the untimed warm-up; its in-process mock included)`, prof));
  }
  const answerHeaders = Object.keys(answerMeta(answer).headers).join(', ');
  s.notes.push(`Method: each engine / bare measurement runs in a fresh process (${runs} runs). Warm-up inside each process, untimed, before anything is timed: the engine repeats runConformance (seeds 1, 2, …) until at least ${engineWarmup} cases ran, then times the next runs (seeds continuing) until at least ${engineCases} more ran; the bare loop (and the protocol floor) sends an untimed batch of ${bareWarmup} requests, then times the next ${bareRequests}; both warm-ups reach the plateau (measured: the engine's time per case stops falling after about 12,000 cases, the bare loop's after about 40,000 requests). The first runConformance of each process (cold JIT) and the bare loop's first batch are reported as "first run/batch, cold JIT" so nothing is hidden; the ratios use the warm medians. Between engine runs the mocks and the redaction registry are reset (each run stands for a separate \`verikit run\`); only runConformance is timed; for the single-operation row the spec holds ${BENCH_OP.operationId} ${COPIES} times under distinct operationIds, so a run is not a dozen cases dwarfed by its set-up. A case is one signed request, its response and every check. The bare loop sends the same bytes the engine sends and gets the same bytes back, with no work on either side: one ${wire.method} ${BENCH_OP.operationId} request built and ACS3-signed once, up front, by the engine's own request builder (path and query ${JSON.stringify(wire.path)}, its ${Object.keys(wire.headers).length} headers ${Object.keys(wire.headers).join(', ')}; the host header set to the bare server's), sent unchanged every time; its server answers each with the verikit mock's own answer to that request, probed from a mock before the runs (HTTP ${answer.status}, ${answerHeaders}, the ${Buffer.byteLength(answer.body)}-byte body). CPU layout: nothing is pinned when the engine and its mocks share a process (\`verikit run\`'s layout); in the "own process" rows ${pinned ? `the server process is pinned to CPU ${SERVER_CPU} and the measuring process to CPU ${CLIENT_CPU} (taskset; ${pin.why})` : `nothing is pinned either (${pin.why})`}. "foreign CPU %": the CPU time the whole machine spent busy during the timed part (/proc/stat) minus the measuring process's and, in the own-process rows, the server's, as % of one CPU (other processes on this shared machine, a hypervisor's steal); a measurement with more than ${FOREIGN_MAX_PCT}% is repeated in a new process, at most ${FOREIGN_RETRIES} times, keeping the least disturbed. Dredd's cases/s uses its own "Tests took" time (start-up excluded, in its favour); the ratio uses that.`);
  if (!same) s.status = 'partial';
  return s;
}
