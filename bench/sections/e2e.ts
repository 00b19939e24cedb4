/**
 * 5. End to end: wall time of `npm run conformance` (all providers against the embedded mocks) from a warm
 * install, one unmeasured warm-up first. Target: under 15 s on a 2-core machine.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runToEnd } from '../lib/proc.ts';
import { summarize, fmt } from '../lib/stats.ts';
import type { Ctx } from '../lib/context.ts';
import type { Section } from '../lib/types.ts';

export async function e2eSection(ctx: Ctx): Promise<Section> {
  const s: Section = { id: 'e2e', title: '5. End to end (`npm run conformance`)', status: 'ran', rows: [], targets: [], notes: [] };
  if (!existsSync(join(ctx.root, 'src/cli/commands/run.ts'))) {
    return { ...s, status: 'unavailable', notes: ['src/cli/commands/run.ts does not exist yet: `npm run conformance` cannot run'] };
  }
  const out = join(ctx.opts.workDir, 'e2e-reports');
  const args = ['run', 'conformance', '--silent', '--', '--report-dir', out];
  const runs = ctx.opts.quick ? 1 : ctx.sizes.e2eRuns + 1;
  const walls: number[] = [];
  const codes: Array<number | null> = [];
  for (let i = 0; i < runs; i++) {
    ctx.log(`e2e run ${i + 1}/${runs}${!ctx.opts.quick && i === 0 ? ' (warm-up)' : ''}`);
    const r = await runToEnd('npm', args, { cwd: ctx.root, timeoutMs: 300_000 });
    if (r.code === 2 || r.code === null) {
      return { ...s, status: 'unavailable', notes: [`npm ${args.join(' ')} failed with exit code ${r.code}:\n${(r.stderr || r.stdout).trim().split('\n').slice(-15).join('\n')}`] };
    }
    if (ctx.opts.quick || i > 0) {
      walls.push(r.ms / 1000);
      codes.push(r.code);
    }
    if (i === runs - 1) s.notes.push(`last run's output (tail):\n${r.stdout.trim().split('\n').slice(-8).join('\n')}`);
  }
  const v = summarize(walls);
  s.rows.push({ name: '`npm run conformance` (4 providers, embedded mocks)', unit: 's', value: v, extra: { 'exit codes': codes.join(',') } });
  s.targets.push({ name: 'wall time, warm install', want: '< 15 s', got: `${fmt(v.median)} s`, met: v.median < 15 });
  s.notes.push(`Method: ${ctx.opts.quick ? 'one run' : `one warm-up run, then ${walls.length} measured runs`} of \`npm ${args.join(' ')}\` (exit code 1 = findings, counted; 2 = tool error, fails the section).`);
  return s;
}
