/**
 * Opt-in (`npm run bench -- --only experiments`): the fixes RESULTS.md proposes for modules other people
 * own, measured without touching the work tree. For each fix alone and all together, src/ is copied to a
 * temp directory, bench/experiments/apply.py edits the copy, and the 100,000-case scale run is repeated
 * against it beside the unchanged code.
 */
import { cpSync, mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { runJob, runToEnd } from '../lib/proc.ts';
import { syntheticCasesPerOp, withGenericMock, writeSyntheticSpec } from '../lib/servers.ts';
import { summarize, fmt } from '../lib/stats.ts';
import type { Ctx } from '../lib/context.ts';
import type { Section } from '../lib/types.ts';

const FIXES = ['yaml', 'compile caches', 'timeout timer', 'one operation at a time'];

async function copyWithFixes(ctx: Ctx, name: string, fixes: string[]): Promise<{ root: string; applied: string }> {
  const root = join(ctx.opts.workDir, `exp-${name.replace(/\W+/g, '-')}`);
  mkdirSync(root, { recursive: true });
  cpSync(join(ctx.root, 'src'), join(root, 'src'), { recursive: true });
  for (const link of ['node_modules', 'specs', 'package.json']) symlinkSync(join(ctx.root, link), join(root, link));
  if (fixes.length === 0) return { root, applied: 'none' };
  const r = await runToEnd('python3', [join(ctx.root, 'bench/experiments/apply.py'), root, ...fixes], { cwd: ctx.root });
  if (r.code !== 0) throw new Error(`apply.py failed: ${r.stderr}`);
  return { root, applied: r.stdout.trim().replace(/^applied: /gm, '').replace(/\n/g, '; ') };
}

export async function experimentsSection(ctx: Ctx): Promise<Section> {
  const s: Section = { id: 'experiments', title: '6. Experiments: the proposed fixes, measured on a copy of src/', status: 'ran', rows: [], targets: [], notes: [] };
  const ops = Math.ceil(ctx.sizes.bigRunCases / (await syntheticCasesPerOp(ctx.root)));
  const specFile = writeSyntheticSpec(join(ctx.opts.workDir, 'exp-spec'), ops);
  const configs: Array<[string, string[]]> = [['unchanged src/', []], ...FIXES.map((f): [string, string[]] => [`only: ${f}`, [f]]), ['all four fixes', FIXES]];
  await withGenericMock(ctx.root, specFile, async (baseUrl) => {
    for (const [name, fixes] of configs) {
      const copy = await copyWithFixes(ctx, name, fixes);
      // each configuration costs a 100,000-case run: measured once
      ctx.log(`experiments: ${name}`);
      const x = await runJob(ctx.root, { mode: 'scale', root: copy.root, specFile, baseUrl, concurrency: 8, reportDir: join(copy.root, 'reports') }, 900_000);
      s.rows.push({
        name: `${name} — ${x.cases} cases, ${ops} operations, reports streamed`, unit: 'MB peak RSS', value: summarize([x.maxRssMb]),
        extra: { 'run s': x.runMs / 1000, 'spec load s': x.loadMs / 1000, applied: copy.applied },
      });
    }
  });
  const all = s.rows.at(-1)!.value.median;
  s.targets.push({ name: `peak RSS of the ${ctx.sizes.bigRunCases}-case run with all four fixes`, want: '< 512 MB', got: `${fmt(all)} MB`, met: all < 512 });
  s.notes.push(`The work tree is never edited: each configuration is a fresh copy of src/ (node_modules and specs linked) edited by bench/experiments/apply.py; a fix whose code has changed since is reported as SKIPPED in "applied". Each configuration is measured once (a 100,000-case run each): treat differences under ~10% as noise.`);
  return s;
}
