/**
 * `verikit replay <exchanges.ndjson>`: re-runs every check (and with --drift, the drift
 * classification and baseline) on recorded traffic, offline: no network, no credentials, no cost.
 * Writes the usual reports (target "replay") and compares findings with the recorded summary.json.
 */
import { escapeTerminal } from '../../core/terminal.ts';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError } from '../../core/errors.ts';
import type { RunSummary } from '../../core/types.ts';
import { createDriftAccumulator } from '../../drift/accumulate.ts';
import { buildBaseline, DEFAULT_BASELINE_FILE, fingerprint } from '../../drift/baseline.ts';
import { readBaselineFile, writeBaselineFile } from '../../drift/baseline-file.ts';
import { driftOfCase } from '../../drift/findings.ts';
import { readExchanges } from '../../drift/ndjson.ts';
import { readHarInput } from '../../drift/har-input.ts';
import { compareFindings, replay } from '../../drift/replay.ts';
import { driftText } from '../../drift/text.ts';
import { loadPreviousSummary, openReportWriter } from '../../reports/index.ts';
import { createCoverage } from '../../reports/coverage.ts';
import { createSummaryBuilder } from '../../runner/summary.ts';
import { exitCodeOf, summaryTable } from '../../runner/table.ts';
import { validatorCache } from '../../runner/validators.ts';
import { loadSpecs } from '../../spec/load.ts';
import { DRIFT_CHECK_NAMES, driftClassName, scopeBaseline } from '../../drift/scope.ts';
import { describeFilters, keptNames, parseCheckNames, parseOperations, RUN_CHECK_NAMES, selectChecks, splitList } from '../../runner/filters.ts';
import { FILTER_OPTIONS, helpList } from '../filter-flags.ts';

const HELP = `usage: verikit replay <exchanges.ndjson | traffic.har> [options]

Re-runs every check on recorded exchanges with the current specs: offline, no credentials, no cost.

  --report-dir <dir>       where the replay's reports go (default: <recording dir>/replay)
  --specs <dir>            specs to check against (default specs/)
  --latency-budget <ms>    as for verikit run (default: the recorded run's, else 5000; 0 = off)
  --seed <n>               seed of the recorded run (default: from summary.json next to the recording, else 1)
  --drift                  drift mode, as verikit drift: classify deviations and apply the baseline
  --baseline <file>        with --drift (default ${DEFAULT_BASELINE_FILE})
  --update-baseline        with --drift: rewrite the baseline from the recording
  --operation <id>         only the cases of this operation: provider/operationId or a bare operationId (repeatable)
  --checks <name,...>      only these checks (with --drift: drift classes) (repeatable)
  --exclude-checks <n,...> every check but these (with --drift: drift classes) (repeatable)
${helpList('checks:', RUN_CHECK_NAMES, 25)}
${helpList('drift classes:', DRIFT_CHECK_NAMES, 25)}
  --har-host <id>=<host>   a .har file: also map this host[:port] to a provider (repeatable; the specs'
                           servers are mapped already; entries of other hosts are counted and ignored)

exit codes: 0 no findings (--drift: no new drift), 1 findings (--drift: new drift), 2 usage or tool error`;

export default async function replayCommand(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv, allowPositionals: true, strict: true,
      options: {
        'report-dir': { type: 'string' }, specs: { type: 'string', default: 'specs' }, 'latency-budget': { type: 'string' }, seed: { type: 'string' },
        drift: { type: 'boolean', default: false }, baseline: { type: 'string', default: DEFAULT_BASELINE_FILE }, 'update-baseline': { type: 'boolean', default: false },
        'har-host': { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' }, ...FILTER_OPTIONS,
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message, 'run `verikit replay --help` for the options');
  }
  const { values: f, positionals } = parsed;
  if (f.help) {
    console.log(HELP);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError(`expected one recording, got ${positionals.length}`, 'run `verikit replay reports/exchanges.ndjson`');
  for (const k of ['latency-budget', 'seed'] as const) {
    if (f[k] !== undefined && !/^\d+$/.test(f[k]!)) throw new UsageError(`--${k} must be a non-negative integer, got "${f[k]}"`, `pass e.g. --${k} ${k === 'seed' ? 1 : 5000}`);
  }
  if (f['update-baseline'] && !f.drift) throw new UsageError('--update-baseline needs --drift', 'run `verikit replay <file> --drift --update-baseline`');
  const file = positionals[0];
  const recordingDir = dirname(resolve(file));
  const reportDir = f['report-dir'] ?? join(dirname(file), 'replay');
  if (resolve(reportDir) === recordingDir) throw new UsageError('--report-dir is the directory of the recording', 'write the replay elsewhere so the recording is not overwritten (default: <recording dir>/replay)');

  const filterSpecs = await loadSpecs(f.specs);
  const operations = parseOperations(f.operation, filterSpecs);
  const names = f.drift ? DRIFT_CHECK_NAMES : RUN_CHECK_NAMES;
  const only = parseCheckNames(f.drift ? splitList(f.checks).map(driftClassName) : f.checks, names, '--checks');
  const exclude = parseCheckNames(f.drift ? splitList(f['exclude-checks']).map(driftClassName) : f['exclude-checks'], names, '--exclude-checks');
  const kept = only.length || exclude.length ? keptNames(names, only, exclude) : undefined;
  if (kept?.length === 0) throw new UsageError('--checks and --exclude-checks leave nothing to check', `keep at least one of: ${names.join(', ')}`);
  if ((operations.length || kept) && f['update-baseline']) throw new UsageError('--update-baseline cannot be combined with --operation, --checks or --exclude-checks', 'update the baseline from an unfiltered replay, so it keeps every known deviation');
  const picked = !f.drift && kept ? selectChecks(only, exclude) : undefined;
  const har = file.toLowerCase().endsWith('.har') ? await readHarInput(file, filterSpecs, f['har-host']) : undefined;
  const records = har ? har.records : await readExchanges(file);
  const recorded: RunSummary | null = har ? null : await loadPreviousSummary(recordingDir);
  const seed = f.seed !== undefined ? Number(f.seed) : recorded?.seed ?? 1;
  const specs = filterSpecs;
  const classes = f.drift && kept ? new Set(kept) : undefined;
  const baseline = f.drift ? scopeBaseline(await readBaselineFile(f.baseline), { operations, classes }) : undefined;

  const t0 = performance.now();
  const latencyBudgetMs = f['latency-budget'] !== undefined ? Number(f['latency-budget']) : recorded?.latencyBudgetMs ?? 5000;
  const replayed = replay(records, { specs, validator: validatorCache(), latencyBudgetMs, seed, checks: picked?.checks, flowStepOutcome: picked?.flowStepOutcome });
  const { unknown } = replayed;
  const results = operations.length ? replayed.results.filter((r) => operations.includes(`${r.provider}/${r.operationId}`)) : replayed.results;
  const testCases = results.flatMap((r) => (r.testCase ? [r.testCase] : []));
  const coverage = createCoverage(specs, testCases);
  const writer = await openReportWriter(reportDir, { specs, previous: recorded });
  const acc = f.drift ? createDriftAccumulator(specs, baseline, { classes }) : undefined;
  const builder = createSummaryBuilder(specs.flatMap((s) => s.operations.map((o) => ({ provider: s.id, operationId: o.operationId }))));
  for (const u of unknown) (acc ?? builder).error('VK_REPLAY_UNKNOWN_OPERATION', `${u.caseId}: ${u.provider}/${u.operationId} is not in the specs`);
  for (const r0 of results) {
    coverage.add(r0);
    const r = acc ? acc.add(r0) : r0;
    if (!acc) builder.add(r);
    writer.add(r);
  }
  const ran = [...new Set(results.map((r) => r.provider))];
  const meta = {
    target: 'replay' as const, startedAt: new Date().toISOString(), durationMs: Math.round(performance.now() - t0), seed, gitCommit: recorded?.gitCommit ?? null,
    interrupted: false, version: '0.1.0', coverage: coverage.result(), latencyBudgetMs,
    providers: specs.map((s) => (ran.includes(s.id) ? { provider: s.id, status: 'ran' as const } : { provider: s.id, status: 'skipped' as const, reason: 'not in the recording' })),
  };
  const drift = acc?.finish(meta);
  const summary = drift?.summary ?? builder.build(meta);
  const applied = describeFilters({ operations, checks: only, excludeChecks: exclude });
  if (applied) summary.filters = applied;
  const files = await writer.finish(summary);
  // Findings quote the wire (field names, codes): a HAR or recording may carry escape sequences.
  console.log(drift ? driftText(drift.comparison) : summaryTable(summary));
  if (!drift) {
    const seen = new Map<string, string>();
    for (const r of results) for (const d of driftOfCase(specs, r)) seen.set(fingerprint(d), d.class);
    const byClass = new Map<string, number>();
    for (const cls of seen.values()) byClass.set(cls, (byClass.get(cls) ?? 0) + 1);
    console.log(`
drift classification: ${seen.size} distinct deviation(s)${seen.size ? ` (${[...byClass].map(([c, n]) => `${n} ${c}`).join(', ')})` : ''}; use --drift to apply a baseline and report them`);
  }
  if (recorded) {
    // A filtered replay is compared with the recorded findings inside its filters only.
    // By case when the finding names one (a run blames a flow's failing step, the replay reports the flow under its operation).
    const replayedIds = new Set(results.map((r) => r.caseId));
    const inFilters = (x: RunSummary['findings'][number]) => (!operations.length || (x.caseId ? replayedIds.has(x.caseId) : operations.includes(`${x.provider}/${x.operationId}`))) && (!kept || x.kind === 'error' || kept.includes(x.driftClass ?? x.check));
    const cmp = compareFindings(recorded.findings.filter(inFilters), summary.findings);
    console.log(`\nagainst the recorded run: ${cmp.same} finding(s) reproduced, ${cmp.onlyRecorded.length} no longer found, ${cmp.onlyReplayed.length} new`);
    for (const x of cmp.onlyRecorded.slice(0, 20)) console.log(`  gone: ${escapeTerminal(`${x.caseId ?? ''} ${x.check}: ${x.message}`)}`);
    for (const x of cmp.onlyReplayed.slice(0, 20)) console.log(`  new:  ${escapeTerminal(`${x.caseId ?? ''} ${x.check}: ${x.message}`)}`);
  }
  for (const e of summary.errors) console.error(escapeTerminal(`tool error ${e.code}: ${e.message}`));
  if (har) console.log(`\nHAR: ${har.entries} entr${har.entries === 1 ? 'y' : 'ies'}, ${har.records.length} mapped to an operation, ${har.unmatched} matched no provider or operation and were ignored`);
  console.log(`\nreplayed ${records.length} exchange(s) of ${results.length} case(s) offline; reports: ${files.join(', ')}`);
  if (drift && f['update-baseline']) {
    const next = buildBaseline(drift.drift, baseline, new Date().toISOString(), drift.latency);
    await writeBaselineFile(f.baseline, next);
    console.log(`baseline ${f.baseline} updated: ${next.entries.length} known deviation(s)`);
    return 0;
  }
  if (drift) return drift.comparison.new.length > 0 ? 1 : 0;
  return exitCodeOf(summary);
}
