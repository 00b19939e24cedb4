/**
 * 4. Scale: synthetic specs of 10, 100 and 1,000 operations (bench/lib/synthetic.ts, shaped like the
 * JVerification spec): generate time, run time and peak RSS, each in a fresh process, run against the
 * bench's generic mock. Target: per-operation cost at 1,000 ops <= 1.5x that at 100. Then one
 * 100,000-case run with reports streamed to disk: peak RSS < 512 MB.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { runJob } from '../lib/proc.ts';
import { withGenericMock, writeSyntheticSpec } from '../lib/servers.ts';
import { profileJob, renderProfile } from '../lib/profile.ts';
import { summarize, ratio, fmt, type Summary } from '../lib/stats.ts';
import type { Ctx } from '../lib/context.ts';
import type { Row, Section } from '../lib/types.ts';

const CONCURRENCY = 8;

async function countLines(file: string): Promise<number> {
  let n = 0;
  for await (const _ of createInterface({ input: createReadStream(file) })) n++;
  return n;
}

export async function scaleSection(ctx: Ctx): Promise<Section> {
  const s: Section = { id: 'scale', title: '4. Scale (synthetic specs)', status: 'ran', rows: [], targets: [], notes: [] };
  const { runs, scaleOps, bigRunCases } = ctx.sizes;
  const hasGenerator = existsSync(join(ctx.root, 'src/generate/index.ts'));
  if (!hasGenerator) s.notes.push('src/generate/index.ts does not exist yet: generate time not measured');
  const perOp = new Map<number, { run: Summary; gen: Summary | null; casesPerOp: number }>();
  for (const ops of scaleOps) {
    const specFile = writeSyntheticSpec(join(ctx.opts.workDir, `scale-${ops}`), ops);
    const results = await withGenericMock(ctx.root, specFile, async (baseUrl) => {
      const out: Array<Record<string, any>> = [];
      for (let r = 0; r < runs; r++) {
        ctx.log(`scale ${ops} ops, run ${r + 1}/${runs}`);
        out.push(await runJob(ctx.root, { mode: 'scale', root: ctx.root, specFile, baseUrl, concurrency: CONCURRENCY }));
      }
      return out;
    });
    const cases = results[0].cases as number;
    const runPerOp = summarize(results.map((x) => x.runMs / ops));
    s.rows.push({
      name: `${ops} operations: run`, unit: 'ms', value: summarize(results.map((x) => x.runMs)),
      extra: {
        cases, 'ms/op': runPerOp, 'cases/s': summarize(results.map((x) => x.cases / (x.runMs / 1000))),
        'peak RSS MB': summarize(results.map((x) => x.maxRssMb)), 'spec load ms': summarize(results.map((x) => x.loadMs)),
        'passed/failed/skipped': `${results[0].passed}/${results[0].failed}/${results[0].skipped}`,
      },
    });
    let genPerOp: Summary | null = null;
    if (hasGenerator) {
      const gens: Array<Record<string, any>> = [];
      for (let r = 0; r < runs; r++) {
        ctx.log(`scale ${ops} ops, generate ${r + 1}/${runs}`);
        gens.push(await runJob(ctx.root, { mode: 'generate', root: ctx.root, specFile, outDir: join(ctx.opts.workDir, `gen-${ops}-${r}`) }));
      }
      genPerOp = summarize(gens.map((x) => x.generateMs / ops));
      s.rows.push({
        name: `${ops} operations: generate`, unit: 'ms', value: summarize(gens.map((x) => x.generateMs)),
        extra: { files: gens[0].files, 'ms/op': genPerOp, 'peak RSS MB': summarize(gens.map((x) => x.maxRssMb)) },
      });
    }
    perOp.set(ops, { run: runPerOp, gen: genPerOp, casesPerOp: cases / ops });
  }
  const [small, big] = [scaleOps.at(-2)!, scaleOps.at(-1)!];
  const runGrowth = ratio(perOp.get(big)?.run.median, perOp.get(small)?.run.median);
  s.targets.push({ name: `run time per operation, ${big} vs ${small} ops`, want: '<= 1.5x', got: `${fmt(runGrowth)}x`, met: runGrowth === null ? null : runGrowth <= 1.5 });
  const genGrowth = ratio(perOp.get(big)?.gen?.median, perOp.get(small)?.gen?.median);
  s.targets.push({ name: `generate time per operation, ${big} vs ${small} ops`, want: '<= 1.5x', got: genGrowth === null ? 'not measured' : `${fmt(genGrowth)}x`, met: genGrowth === null ? null : genGrowth <= 1.5 });

  // The 100,000-case run, reports (exchanges.ndjson etc.) streamed to disk.
  const casesPerOp = perOp.get(big)!.casesPerOp;
  const ops = Math.ceil(bigRunCases / casesPerOp);
  const specFile = writeSyntheticSpec(join(ctx.opts.workDir, `scale-big-${ops}`), ops);
  const reportDir = join(ctx.opts.workDir, 'big-reports');
  ctx.log(`scale: one run of ~${bigRunCases} cases (${ops} operations)`);
  const r = await withGenericMock(ctx.root, specFile, (baseUrl) => runJob(ctx.root, { mode: 'scale', root: ctx.root, specFile, baseUrl, concurrency: CONCURRENCY, reportDir }, 900_000));
  const lines = await countLines(join(reportDir, 'exchanges.ndjson'));
  s.rows.push({
    name: `${r.cases} cases (${ops} operations), reports streamed to disk`, unit: 'MB peak RSS', value: summarize([r.maxRssMb]),
    extra: { 'run s': r.runMs / 1000, 'cases/s': r.cases / (r.runMs / 1000), 'report finish s': (r.reportMs ?? 0) / 1000, 'exchanges.ndjson lines': lines },
  });
  ctx.log(`scale: loading the ${ops}-operation spec alone`);
  const load = await runJob(ctx.root, { mode: 'load', root: ctx.root, specFile }, 600_000, ['--expose-gc']);
  s.rows.push({
    name: `loading that ${ops}-operation spec alone (${fmt(statSync(specFile).size / 1048576)} MB of YAML), no run`, unit: 'MB peak RSS', value: summarize([load.maxRssMb]),
    extra: { 'load s': load.loadMs / 1000, 'live heap after GC MB': load.liveHeapMb },
  });
  s.targets.push({ name: `peak RSS of a ${r.cases}-case run`, want: '< 512 MB', got: `${fmt(r.maxRssMb)} MB`, met: r.maxRssMb < 512 });
  const diagSpec = join(ctx.opts.workDir, `scale-${big}`, 'jiguang-jverification.yaml');
  if (ctx.opts.diagnose && runGrowth !== null && runGrowth > 1.5) {
    ctx.log(`scale: growth target missed, profiling the ${big}-operation run`);
    const prof = await withGenericMock(ctx.root, diagSpec, (baseUrl) => profileJob(ctx.root, { mode: 'scale', root: ctx.root, specFile: diagSpec, baseUrl, concurrency: CONCURRENCY }, join(ctx.opts.workDir, 'prof-scale')));
    s.notes.push(renderProfile(`the ${big}-operation run`, prof));
  }
  if (ctx.opts.diagnose && r.maxRssMb >= 512) {
    ctx.log(`scale: RSS target missed, measuring where the memory goes (${big} operations, --expose-gc)`);
    const m = await withGenericMock(ctx.root, diagSpec, (baseUrl) => runJob(ctx.root, { mode: 'scale', root: ctx.root, specFile: diagSpec, baseUrl, concurrency: CONCURRENCY, memory: true }, 600_000, ['--expose-gc']));
    const mem = m.memory as { afterLoadHeapMb: number; allCasesHeapMb: number; cases: number; during: Array<{ results: number; rssMb: number; heapUsedMb: number }>; afterRunHeapMb: number };
    s.notes.push(`Memory diagnosis (${big}-operation spec, ${mem.cases} cases, live heap after full GCs): ${mem.afterLoadHeapMb} MB after loading the spec; ${mem.allCasesHeapMb} MB while all ${mem.cases} generated cases are held (runConformance generates every case before the first request: ${fmt(((mem.allCasesHeapMb - mem.afterLoadHeapMb) * 1024) / mem.cases)} KB per case); ${mem.afterRunHeapMb} MB still live after the run. RSS / heap used during the run: ${mem.during.map((d) => `${d.results} results ${d.rssMb}/${d.heapUsedMb} MB`).join(', ') || 'n/a (fewer than 5,000 results)'}. Peak RSS of this diagnostic process: ${fmt(m.maxRssMb)} MB.`);
  }
  s.notes.push(`Method: every measurement in a fresh process (peak RSS = the process's maxRSS; generation and runs are separate processes), ${runs} run(s) per size, concurrency ${CONCURRENCY}, against bench/servers/generic-mock.ts in another process (Basic auth verified, request body validated, documented example answered). The verikit embedded mocks serve only the real operations, so a synthetic spec needs this generic mock. The big run is measured once.`);
  return s;
}
