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
import { compareFindings, replay } from '../../drift/replay.ts';
import { driftText } from '../../drift/text.ts';
import { loadPreviousSummary, openReportWriter } from '../../reports/index.ts';
import { createCoverage } from '../../reports/coverage.ts';
import { createSummaryBuilder } from '../../runner/summary.ts';
import { exitCodeOf, summaryTable } from '../../runner/table.ts';
import { validatorCache } from '../../runner/validators.ts';
import { loadSpecs } from '../../spec/load.ts';

const HELP = `usage: verikit replay <exchanges.ndjson> [options]

Re-runs every check on recorded exchanges with the current specs: offline, no credentials, no cost.

  --report-dir <dir>       where the replay's reports go (default: <recording dir>/replay)
  --specs <dir>            specs to check against (default specs/)
  --latency-budget <ms>    as for verikit run (default: the recorded run's, else 5000; 0 = off)
  --seed <n>               seed of the recorded run (default: from summary.json next to the recording, else 1)
  --drift                  drift mode, as verikit drift: classify deviations and apply the baseline
  --baseline <file>        with --drift (default ${DEFAULT_BASELINE_FILE})
  --update-baseline        with --drift: rewrite the baseline from the recording

exit codes: 0 no findings (--drift: no new drift), 1 findings (--drift: new drift), 2 usage or tool error`;

export default async function replayCommand(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv, allowPositionals: true, strict: true,
      options: {
        'report-dir': { type: 'string' }, specs: { type: 'string', default: 'specs' }, 'latency-budget': { type: 'string' }, seed: { type: 'string' },
        drift: { type: 'boolean', default: false }, baseline: { type: 'string', default: DEFAULT_BASELINE_FILE }, 'update-baseline': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h' },
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

  const records = await readExchanges(file);
  const recorded: RunSummary | null = await loadPreviousSummary(recordingDir);
  const seed = f.seed !== undefined ? Number(f.seed) : recorded?.seed ?? 1;
  const specs = await loadSpecs(f.specs);
  const baseline = f.drift ? await readBaselineFile(f.baseline) : undefined;

  const t0 = performance.now();
  const latencyBudgetMs = f['latency-budget'] !== undefined ? Number(f['latency-budget']) : recorded?.latencyBudgetMs ?? 5000;
  const { results, unknown } = replay(records, { specs, validator: validatorCache(), latencyBudgetMs, seed });
  const testCases = results.flatMap((r) => (r.testCase ? [r.testCase] : []));
  const coverage = createCoverage(specs, testCases);
  const writer = await openReportWriter(reportDir, { specs, previous: recorded });
  const acc = f.drift ? createDriftAccumulator(specs, baseline) : undefined;
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
  const files = await writer.finish(summary);
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
    const cmp = compareFindings(recorded.findings, summary.findings);
    console.log(`\nagainst the recorded run: ${cmp.same} finding(s) reproduced, ${cmp.onlyRecorded.length} no longer found, ${cmp.onlyReplayed.length} new`);
    for (const x of cmp.onlyRecorded.slice(0, 20)) console.log(`  gone: ${escapeTerminal(`${x.caseId ?? ''} ${x.check}: ${x.message}`)}`);
    for (const x of cmp.onlyReplayed.slice(0, 20)) console.log(`  new:  ${escapeTerminal(`${x.caseId ?? ''} ${x.check}: ${x.message}`)}`);
  }
  for (const e of summary.errors) console.error(escapeTerminal(`tool error ${e.code}: ${e.message}`));
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
