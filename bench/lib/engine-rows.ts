/**
 * The engine section's parts that are not request loops: the row of an engine measurement, the mock's
 * answer the bare loop replays, Dredd's runs, and the section's method note.
 */
import { startVerikitMock } from './servers.ts';
import { runDredd } from './dredd.ts';
import { answerMeta, answerOf, BENCH_OP, type Answer, type BenchOp } from './benchop.ts';
import { FOREIGN_MAX_PCT, FOREIGN_RETRIES } from './foreign.ts';
import { summarize } from './stats.ts';
import type { Ctx } from './context.ts';
import { PEERS } from './peers.ts';
import type { Row, Section } from './types.ts';

export type JobResult = Record<string, any>;

export const cold = (e: JobResult[]) => summarize(e.map((x) => x.firstPerSec as number));
/** The CPU (% of one) the machine spent on other processes during the timed part, and the jobs repeated for it. */
export const foreignExtra = (e: JobResult[]) => {
  const f = e.map((x) => x.foreignCpuPct).filter((x): x is number => typeof x === 'number');
  return { 'foreign CPU %': f.length ? summarize(f) : 'n/a', 'measurements repeated for foreign load': e.reduce((a, x) => a + (x.repeats ?? 0), 0) };
};

export function engineRow(name: string, e: JobResult[], rssLabel = 'peak RSS MB'): Row {
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
export async function mockAnswer(root: string, b: BenchOp): Promise<Answer> {
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

/** Dredd's runs of the benchmark operation against a verikit mock of its own: its row (or a note), and its median cases/s. */
export async function measureDredd(ctx: Ctx, b: BenchOp, s: Section): Promise<number | null> {
  const { runs } = ctx.sizes;
  const root = ctx.root;
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
  return dreddPerSec;
}

export interface MethodFacts {
  runs: number; engineCases: number; engineWarmup: number; bareRequests: number; bareWarmup: number; copies: number;
  wire: { method: string; path: string; headers: Record<string, string> }; answer: Answer;
  pinned: boolean; serverCpu: string; clientCpu: string; pinWhy: string;
}

/** The section's method note: how every number in it was taken. */
export function engineMethodNote(f: MethodFacts): string {
  const { runs, engineCases, engineWarmup, bareRequests, bareWarmup, wire, answer, pinned } = f;
  const [COPIES, SERVER_CPU, CLIENT_CPU, pin] = [f.copies, f.serverCpu, f.clientCpu, { why: f.pinWhy }];
  const answerHeaders = Object.keys(answerMeta(answer).headers).join(', ');
  return `Method: each engine / bare measurement runs in a fresh process (${runs} runs), in rounds: every round runs each measured row once, in the table's order (Dredd's runs come after), so a slow spell of this shared host falls on the limit, the floor and the engine alike instead of on whichever row it meets. Warm-up inside each process, untimed, before anything is timed: the engine repeats runConformance (seeds 1, 2, …) until at least ${engineWarmup} cases ran, then times the next runs (seeds continuing) until at least ${engineCases} more ran; the bare loop (and the protocol floor) sends an untimed batch of ${bareWarmup} requests, then times the next ${bareRequests}; both warm-ups reach the plateau (measured: the engine's time per case stops falling after about 12,000 cases, the bare loop's after about 40,000 requests). The first runConformance of each process (cold JIT) and the bare loop's first batch are reported as "first run/batch, cold JIT" so nothing is hidden; the ratios use the warm medians. Between engine runs the mocks and the redaction registry are reset (each run stands for a separate \`verikit run\`); only runConformance is timed; for the single-operation row the spec holds ${BENCH_OP.operationId} ${COPIES} times under distinct operationIds, so a run is not a dozen cases dwarfed by its set-up. A case is one signed request, its response and every check. The bare loop sends the same bytes the engine sends and gets the same bytes back, with no work on either side: one ${wire.method} ${BENCH_OP.operationId} request built and ACS3-signed once, up front, by the engine's own request builder (path and query ${JSON.stringify(wire.path)}, its ${Object.keys(wire.headers).length} headers ${Object.keys(wire.headers).join(', ')}; the host header set to the bare server's), sent unchanged every time; its server answers each with the verikit mock's own answer to that request, probed from a mock before the runs (HTTP ${answer.status}, ${answerHeaders}, the ${Buffer.byteLength(answer.body)}-byte body). CPU layout: nothing is pinned when the engine and its mocks share a process (\`verikit run\`'s layout); in the "own process" rows ${pinned ? `the server process is pinned to CPU ${SERVER_CPU} and the measuring process to CPU ${CLIENT_CPU} (taskset; ${pin.why})` : `nothing is pinned either (${pin.why})`}. "foreign CPU %": the CPU time the whole machine spent busy during the timed part (/proc/stat) minus the measuring process's and, in the own-process rows, the server's, as % of one CPU (other processes on this shared machine, a hypervisor's steal); a measurement with more than ${FOREIGN_MAX_PCT}% is repeated in a new process, at most ${FOREIGN_RETRIES} times, keeping the least disturbed. Dredd's cases/s uses its own "Tests took" time (start-up excluded, in its favour); the ratio uses that.`;
}
