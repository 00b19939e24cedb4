// One isolated engine (or bare-loop) measurement per process, so peak RSS belongs to that run alone.
// Usage: node --import tsx bench/servers/engine-run.ts '<json job>'  -> prints one JSON line with the result.
// Jobs (see bench/lib/engine-jobs.ts): {mode:"bare"}, {mode:"engine"}, {mode:"scale"}.
import { runBareLoop, runEngineOnMocks, runScale, type Job } from '../lib/engine-jobs.ts';

const job = JSON.parse(process.argv[2] ?? '{}') as Job;
const out = job.mode === 'bare' ? await runBareLoop(job) : job.mode === 'engine' ? await runEngineOnMocks(job) : await runScale(job);
process.stdout.write(`${JSON.stringify({ ...out, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
process.exit(0);
