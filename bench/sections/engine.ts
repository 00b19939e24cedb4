/**
 * 2. Engine throughput: cases/s of the conformance engine (runConformance) against the embedded mocks,
 * beside the limit (a bare undici loop against a bare server, same concurrency, same process layout)
 * and Dredd 14 running the same operation against the same mock. Targets: >= 50% of the bare loop,
 * >= 10x Dredd per case.
 */
import { join } from 'node:path';
import { runJob, startChild } from '../lib/proc.ts';
import { startVerikitMock } from '../lib/servers.ts';
import { runDredd } from '../lib/dredd.ts';
import { profileJob, renderProfile } from '../lib/profile.ts';
import { loadBenchOp, BENCH_OP } from '../lib/benchop.ts';
import { summarize, ratio, fmt } from '../lib/stats.ts';
import type { Ctx } from '../lib/context.ts';
import { PEERS } from '../lib/peers.ts';
import type { Row, Section } from '../lib/types.ts';

const CONCURRENCY = 8;
/** Copies of the benchmark operation in one run (distinct operationIds, same wire and schemas). */
const COPIES = 50;
/** What the bare server answers: the size of the mock's StartVerification answer. */
const BARE_BODY = '{"RequestId":"HF14955E","Message":"OK","Model":{"verifyCode":"","verificationId":"x","status":"pending"},"Code":"OK","Success":true}';

type JobResult = Record<string, any>;

function engineRow(name: string, e: JobResult[], rssLabel = 'peak RSS MB'): Row {
  const last = e.at(-1)!;
  return {
    name, unit: 'cases/s', value: summarize(e.map((x) => x.perSec)),
    extra: { 'cases per measurement': e[0].cases, 'passed/failed/skipped (last run)': `${last.passed}/${last.failed}/${last.skipped}`, [rssLabel]: summarize(e.map((x) => x.maxRssMb)) },
  };
}

export async function engineSection(ctx: Ctx): Promise<Section> {
  const s: Section = { id: 'engine', title: '2. Engine throughput (cases/s)', status: 'ran', rows: [], targets: [], notes: [] };
  const { runs, engineCases } = ctx.sizes;
  const root = ctx.root;
  const collect = async (label: string, job: Record<string, unknown>) => {
    const out: JobResult[] = [];
    for (let r = 0; r < runs; r++) {
      ctx.log(`engine run ${r + 1}/${runs}: ${label}`);
      out.push(await runJob(root, job));
    }
    return out;
  };
  const bare = await collect('bare undici loop', { mode: 'bare', requests: engineCases * 5, concurrency: CONCURRENCY, body: BARE_BODY });
  s.rows.push({ name: `bare loop: undici Pool, ${CONCURRENCY} in flight, bare node:http server in the same process (the limit)`, unit: 'req/s', value: summarize(bare.map((x) => x.perSec)), extra: { 'peak RSS MB': summarize(bare.map((x) => x.maxRssMb)) } });
  const engineRows: Array<[string, Record<string, unknown>]> = [
    [`verikit engine, ${BENCH_OP.provider} ${BENCH_OP.operationId} cases only (the operation ${COPIES} times per run)`, { mode: 'engine', root, providers: [BENCH_OP.provider], operationId: BENCH_OP.operationId, copies: COPIES, minCases: engineCases, concurrency: CONCURRENCY }],
    ['verikit engine, every case and flow of the 4 providers', { mode: 'engine', root, minCases: engineCases, concurrency: CONCURRENCY }],
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
  // The same pair with the server in its own process (the engine no longer shares its core with the mock).
  const bareChild = await startChild(process.execPath, [join(root, 'bench/servers/bare.js'), BARE_BODY], { cwd: root, waitFor: 'json' });
  try {
    const b2 = await collect('bare undici loop, server in its own process', { mode: 'bare', requests: engineCases * 5, concurrency: CONCURRENCY, body: BARE_BODY, url: bareChild.info.url });
    s.rows.push({ name: `bare loop against bare node:http in its own process (the limit for this layout)`, unit: 'req/s', value: summarize(b2.map((x) => x.perSec)), extra: { 'peak RSS MB (client)': summarize(b2.map((x) => x.maxRssMb)) } });
  } finally {
    await bareChild.stop();
  }
  const own = await startVerikitMock(root, BENCH_OP.provider);
  try {
    const label = `verikit engine, ${BENCH_OP.operationId} cases only (${COPIES} times per run), verikit mock in its own process`;
    const e = await collect(label, { ...engineRows[0][1], mockUrl: own.url });
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
    const b = await loadBenchOp(root);
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
  const ownEngine = s.rows.find((r) => r.name.endsWith('verikit mock in its own process'));
  const vsOwn = ratio(ownEngine?.value.median, ownBare?.value.median);
  s.targets.push({ name: `the same with each server in its own process (information: not how \`verikit run\` runs)`, want: '>= 50%', got: vsOwn === null ? 'not measured' : `${(vsOwn * 100).toFixed(0)}%`, met: vsOwn === null ? null : vsOwn >= 0.5 });
  s.targets.push({ name: `engine vs Dredd, per case (same operation, same mock)`, want: '>= 10x', got: vsDredd === null ? 'not measured' : `${fmt(vsDredd)}x`, met: vsDredd === null ? null : vsDredd >= 10 });
  if (ctx.opts.diagnose && vsBare !== null && vsBare < 0.5) {
    ctx.log('engine: target missed, profiling the engine');
    const prof = await profileJob(root, engineRows[0][1], join(ctx.opts.workDir, 'prof-engine'));
    s.notes.push(renderProfile(`the single-operation engine job (at least ${engineCases} cases; its in-process mock included)`, prof));
  }
  s.notes.push(`Method: each engine / bare measurement runs in a fresh process (${runs} runs; the engine repeats runConformance with seeds 1, 2, … until at least ${engineCases} cases ran, resetting the mocks and the redaction registry between runs, timing only runConformance; for the single-operation row the spec holds ${BENCH_OP.operationId} ${COPIES} times under distinct operationIds, so a run is not a dozen cases dwarfed by its set-up). A case is one signed request, its response and every check; the bare loop is one unsigned request and reading its body. Dredd's cases/s uses its own "Tests took" time (start-up excluded, in its favour); the ratio uses that.`);
  if (!same) s.status = 'partial';
  return s;
}
