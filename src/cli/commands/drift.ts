/**
 * `verikit drift`: runs the cases (billed/sending ones only under the cost guard, as `verikit run`),
 * classifies every deviation from the specs, applies the baseline, writes all reports.
 * Exit 0: no drift or only known drift; 1: new drift; 2: usage/tool error.
 */
import { escapeTerminal } from '../../core/terminal.ts';
import { parseArgs } from 'node:util';
import { gitCommit, intFlag as int, parseAllowNumbers, parseBaseUrls, providerFlag as provider } from '../../config/flags.ts';
import { UsageError } from '../../core/errors.ts';
import { DEFAULT_BASELINE_FILE, buildBaseline } from '../../drift/baseline.ts';
import { readBaselineFile, writeBaselineFile } from '../../drift/baseline-file.ts';
import { runDrift } from '../../drift/run.ts';
import { driftText } from '../../drift/text.ts';
import { loadPreviousSummary, openReportWriter } from '../../reports/index.ts';
import { createLiveTarget } from '../../runner/targets/live.ts';
import { createMockTarget } from '../../runner/targets/mock.ts';
import type { Target } from '../../runner/targets/types.ts';
import { loadSpecs } from '../../spec/load.ts';
import { withInterrupt } from '../interrupt.ts';

const HELP = `usage: verikit drift [options]

Runs the cases against a target and reports every deviation from the specs as drift
(undocumented field, missing required field, changed type/format, new enum value, undocumented
status or code, content-type change, latency regression, not JSON, no response), against a baseline.

  --target mock|live         mock (default): embedded mocks; live: real endpoints
  --base-url <id>=<url>      endpoint for a provider (live; repeatable)
  --provider <id>            only this provider (repeatable; default all)
  --baseline <file>          known deviations (default ${DEFAULT_BASELINE_FILE}; missing = empty)
  --update-baseline          rewrite the baseline with this run's deviations and latencies (exit 0)
  --report-dir <dir>         reports (default reports/): summary.json, junit.xml, index.html, exchanges.ndjson
  --latency-tolerance <x>    latency regression above baseline p95 × x (default 3)
  --seed <n>  --max-per-operation <n>  --concurrency <n>  --timeout <ms>   as for verikit run
  --allow-send  --allow-number <number>  --max-sends <n>                     cost guard, as for verikit run

exit codes: 0 no drift or only known drift, 1 new drift, 2 usage or tool error`;

export default async function drift(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv, allowPositionals: false, strict: true,
      options: {
        target: { type: 'string', default: 'mock' }, 'base-url': { type: 'string', multiple: true }, provider: { type: 'string', multiple: true },
        baseline: { type: 'string', default: DEFAULT_BASELINE_FILE }, 'update-baseline': { type: 'boolean', default: false },
        'report-dir': { type: 'string', default: 'reports' }, 'latency-tolerance': { type: 'string' }, specs: { type: 'string', default: 'specs' },
        seed: { type: 'string' }, 'max-per-operation': { type: 'string' }, concurrency: { type: 'string' }, timeout: { type: 'string' },
        'allow-send': { type: 'boolean', default: false }, 'allow-number': { type: 'string', multiple: true }, 'max-sends': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message, 'run `verikit drift --help` for the options');
  }
  const f = parsed.values;
  if (f.help) {
    console.log(HELP);
    return 0;
  }
  if (f.target !== 'mock' && f.target !== 'live') throw new UsageError(`--target must be mock or live, got "${f.target}"`, 'use --target mock (default) or --target live');
  const baseUrls = parseBaseUrls(f['base-url'], f.target);
  let tolerance: number | undefined;
  if (f['latency-tolerance'] !== undefined) {
    tolerance = Number(f['latency-tolerance']);
    if (!(tolerance >= 1)) throw new UsageError(`--latency-tolerance must be a number >= 1, got "${f['latency-tolerance']}"`, 'pass e.g. --latency-tolerance 3');
  }
  const allowNumbers = parseAllowNumbers(f['allow-number'] ?? []);
  const costGuard = { enforce: f.target === 'live', allowSend: f['allow-send'], allowNumbers, maxSends: int('max-sends', f['max-sends']) ?? 0 };
  const seed = int('seed', f.seed) ?? 1;

  const baseline = await readBaselineFile(f.baseline);
  const specs = await loadSpecs(f.specs);
  const providers = (f.provider ?? []).map((p) => provider(p, '--provider'));
  const selected = providers.length ? providers : specs.map((s) => s.id);
  for (const p of selected) if (!specs.some((s) => s.id === p)) throw new UsageError(`no spec for provider ${p}`, `add specs/${p}.yaml or leave it out of --provider`);
  const target: Target = f.target === 'mock' ? await createMockTarget({ providers: selected, specsDir: f.specs }) : createLiveTarget({ specs, providers: selected, baseUrls });

  try {
    return await withInterrupt(async (signal) => {
      for (const [id, pt] of Object.entries(target.providers)) if (pt?.skipReason) process.stderr.write(`${id}: skipped (${escapeTerminal(pt.skipReason)})\n`);
      const writer = await openReportWriter(f['report-dir'], { specs, previous: await loadPreviousSummary(f['report-dir']) });
      const out = await runDrift({
        specs, providers: selected, target, seed, costGuard, signal, gitCommit: await gitCommit(), baseline,
        latencyTolerance: tolerance,
        maxPerOperation: int('max-per-operation', f['max-per-operation'], 1),
        concurrency: int('concurrency', f.concurrency, 1),
        timeoutMs: int('timeout', f.timeout, 1),
        onResult: (r) => writer.add(r),
      });
      const files = await writer.finish(out.summary);
      console.log(driftText(out.comparison));
      for (const e of out.summary.errors) console.error(escapeTerminal(`tool error ${e.code}: ${e.message}`));
      console.log(`\n${out.summary.totals.cases} cases (${out.summary.totals.skipped} skipped) in ${out.summary.durationMs} ms; reports: ${files.join(', ')}`);
      if (f['update-baseline'] && out.summary.interrupted) {
        console.error(`baseline ${f.baseline} NOT updated: the run was interrupted and saw only part of the cases`);
        return 2;
      }
      if (f['update-baseline']) {
        const next = buildBaseline(out.drift, baseline, new Date().toISOString(), out.latency);
        await writeBaselineFile(f.baseline, next);
        console.log(`baseline ${f.baseline} updated: ${next.entries.length} known deviation(s)`);
        return 0;
      }
      return out.comparison.new.length > 0 ? 1 : 0;
    });
  } finally {
    await target.close();
  }
}
