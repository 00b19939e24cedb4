// One isolated engine (or bare-loop) measurement per process, so peak RSS belongs to that run alone.
// Usage: node --import tsx bench/servers/engine-run.ts '<json job>'  -> prints one JSON line with the result.
// Jobs (see bench/lib/engine-jobs.ts): {mode:"bare"}, {mode:"floor"}, {mode:"engine"}, {mode:"scale"}, {mode:"generate"}, {mode:"load"}.
import { runEngineOnMocks, runGenerate, runLoad, runScale, type Job } from '../lib/engine-jobs.ts';
import { runBareLoop, runFloor } from '../lib/loops.ts';

const job = JSON.parse(process.argv[2] ?? '{}') as Job;
const run = { bare: runBareLoop, floor: runFloor, engine: runEngineOnMocks, scale: runScale, generate: runGenerate, load: runLoad }[job.mode] as (j: Job) => Promise<Record<string, unknown>>;
const out = await run(job);
process.stdout.write(`${JSON.stringify({ ...out, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
process.exit(0);
