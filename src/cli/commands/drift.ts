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
import { DRIFT_CHECK_NAMES, driftClassName, scopeBaseline } from '../../drift/scope.ts';
import { describeFilters, keptNames, parseCheckNames, parseOperations, planSelection, printable, splitList } from '../../runner/filters.ts';
import { resolveCaseIds } from '../../runner/case-ids.ts';
import { reproCommand } from '../../runner/repro.ts';
import { FILTER_OPTIONS, helpList } from '../filter-flags.ts';

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
  --case <caseId>            run exactly this case (repeatable), as for verikit run; every case with
                             new drift is printed with the command that re-runs it
  --operation <id>           only this operation: provider/operationId or a bare operationId (repeatable)
  --checks <class,...>       only these drift classes (repeatable; drift:<class> also accepted)
  --exclude-checks <c,...>   every drift class but these (repeatable)
${helpList('drift classes:', DRIFT_CHECK_NAMES, 29)}
                             a filtered run compares with the baseline entries inside its filters only,
                             and cannot --update-baseline

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
        help: { type: 'boolean', short: 'h' }, ...FILTER_OPTIONS, case: { type: 'string', multiple: true },
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

  const specs = await loadSpecs(f.specs);
  const operations = parseOperations(f.operation, specs);
  const only = parseCheckNames(splitList(f.checks).map(driftClassName), DRIFT_CHECK_NAMES, '--checks');
  const exclude = parseCheckNames(splitList(f['exclude-checks']).map(driftClassName), DRIFT_CHECK_NAMES, '--exclude-checks');
  const classes = only.length || exclude.length ? new Set(keptNames(DRIFT_CHECK_NAMES, only, exclude)) : undefined;
  if (classes?.size === 0) throw new UsageError('--checks and --exclude-checks leave no drift class', `keep at least one of: ${DRIFT_CHECK_NAMES.join(', ')}`);
  const caseIds = splitList(f.case);
  const filtered = operations.length > 0 || classes !== undefined || caseIds.length > 0;
  if (filtered && f['update-baseline']) throw new UsageError('--update-baseline cannot be combined with --case, --operation, --checks or --exclude-checks', 'update the baseline from an unfiltered run, so it keeps every known deviation');
  const baseline = scopeBaseline(await readBaselineFile(f.baseline), { operations, classes });
  const providers = (f.provider ?? []).map((p) => provider(p, '--provider'));
  const ofCases = caseIds.length ? resolveCaseIds(specs, seed, caseIds) : [];
  const outside = providers.length ? ofCases.filter((p) => !providers.includes(p)) : [];
  if (outside.length) throw new UsageError(`--case names a case of ${outside.join(', ')}, which --provider leaves out`, 'drop --provider (a case id names its provider) or add that provider');
  const selected = ofCases.length ? ofCases : providers.length ? providers : specs.map((s) => s.id);
  for (const p of selected) if (!specs.some((s) => s.id === p)) throw new UsageError(`no spec for provider ${p}`, `add specs/${p}.yaml or leave it out of --provider`);
  const target: Target = f.target === 'mock' ? await createMockTarget({ providers: selected, specsDir: f.specs }) : createLiveTarget({ specs, providers: selected, baseUrls });

  try {
    const timeoutMs = int('timeout', f.timeout, 1);
    const repro = { command: 'drift' as const, target: f.target as 'mock' | 'live', seed, baseUrls, checks: only, excludeChecks: exclude, timeoutMs, baseline: f.baseline };
    const failing: Array<{ caseId: string; command: string }> = [];
    let failingMore = 0;
    return await withInterrupt(async (signal) => {
      for (const [id, pt] of Object.entries(target.providers)) if (pt?.skipReason) process.stderr.write(`${id}: skipped (${escapeTerminal(pt.skipReason)})\n`);
      const writer = await openReportWriter(f['report-dir'], { specs, previous: await loadPreviousSummary(f['report-dir']) });
      const out = await runDrift({
        specs, providers: selected, target, seed, costGuard, signal, gitCommit: await gitCommit(), baseline,
        latencyTolerance: tolerance,
        select: planSelection(operations, caseIds), driftClasses: classes,
        filters: describeFilters({ operations, checks: only, excludeChecks: exclude, cases: caseIds }),
        maxPerOperation: int('max-per-operation', f['max-per-operation'], 1),
        concurrency: int('concurrency', f.concurrency, 1),
        timeoutMs,
        onResult: (r) => {
          // runDrift hands over the case with its drift checks: failed = new drift.
          const out = r.status === 'failed' ? { ...r, reproduce: reproCommand(repro, r.caseId) } : r;
          writer.add(out);
          if (out.status !== 'failed') return;
          if (failing.length < 20) failing.push({ caseId: out.caseId, command: out.reproduce! });
          else failingMore++;
        },
      });
      const files = await writer.finish(out.summary);
      console.log(driftText(out.comparison));
      if (failing.length) {
        console.log(`\ncases with new drift, each with the command that re-runs it${failingMore ? ` (first ${failing.length}; ${failingMore} more in junit.xml)` : ''}:`);
        for (const x of failing) console.log(`  ${printable(x.caseId)}\n    ${printable(x.command)}`);
      }
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
