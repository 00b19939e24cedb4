/**
 * `verikit merge`: the report directories of `verikit run --shard i/n` jobs -> one report directory,
 * as the unsharded run with the same seed would have written it. Each shard's cases are rebuilt from
 * its files (src/merge/results.ts) and fed, one at a time, to the same report writer, summary builder,
 * coverage tracker and pact selection `verikit run` uses; pacts are merged from the shards' files.
 */
import { join, resolve } from 'node:path';
import type { CaseResult, RunSummary } from '../core/types.ts';
import { createCoverage, loadPreviousSummary, openReportWriter } from '../reports/index.ts';
import { createSummaryBuilder } from '../runner/summary.ts';
import { coveredSpecs, planSelection } from '../runner/filters.ts';
import { specsDigest } from '../spec/digest.ts';
import type { ProviderId, ProviderSpec } from '../spec/model.ts';
import { MergeError } from './errors.ts';
import { createPactWinners, mergePacts } from './pacts.ts';
import { shardResults } from './results.ts';
import { checkShards, readShardSummary, type ShardReport } from './shards.ts';

export { MergeError } from './errors.ts';
export { checkShards } from './shards.ts';

export interface MergeOptions {
  /** The shards' report directories. */
  inputs: string[];
  /** Where the merged report goes. */
  out: string;
  /** The specs (all of specs/); those of the shards' providers must be the ones the shards ran. */
  specs: ProviderSpec[];
}

export interface MergeOutcome {
  summary: RunSummary;
  files: string[];
}

/** A constraint key of the coverage (`<provider>/<operationId> <keyword> <pointer>`) back as a planned violation. */
function plannedViolation(key: string) {
  const m = /^([^/ ]+)\/(\S+) (\S+) (.*)$/.exec(key);
  return m ? { provider: m[1] as ProviderId, operationId: m[2], violates: { keyword: m[3], pointer: m[4] } } : undefined;
}

export async function mergeReports(opts: MergeOptions): Promise<MergeOutcome> {
  const out = resolve(opts.out);
  const clash = opts.inputs.find((d) => resolve(d) === out);
  if (clash) throw new MergeError('VK_MERGE_INPUT', `--report-dir ${opts.out} is also a shard to merge`, 'write the merged report to a directory of its own, e.g. --report-dir reports/merged');
  const reports: ShardReport[] = [];
  for (const dir of opts.inputs) reports.push(await readShardSummary(dir));
  const set = checkShards(reports);
  reports.sort((a, b) => (a.summary.shard?.index ?? 1) - (b.summary.shard?.index ?? 1));

  const first = reports[0].summary;
  const providerIds = first.providers.map((p) => p.provider);
  const specs = opts.specs.filter((s) => providerIds.includes(s.id));
  const missingSpec = providerIds.find((id) => !specs.some((s) => s.id === id));
  if (missingSpec) throw new MergeError('VK_MERGE_SPECS', `the shards ran ${missingSpec}, which has no spec here`, 'run verikit merge from a checkout of the commit the shards ran');
  const digest = specsDigest(specs);
  if (digest !== set.specsDigest) {
    throw new MergeError('VK_MERGE_SPECS', `the specs here (${digest}) are not the ones the shards ran (${set.specsDigest})`, 'run verikit merge from a checkout of the commit the shards ran');
  }

  const writer = await openReportWriter(opts.out, { specs, previous: await loadPreviousSummary(opts.out) });
  const builder = createSummaryBuilder(specs.flatMap((s) => s.operations.map((o) => ({ provider: s.id, operationId: o.operationId }))));
  // A filtered run's coverage is over the operations its filters kept (summary.filters), as in the run.
  const coverage = createCoverage(coveredSpecs(specs, planSelection(first.filters?.operations ?? [], first.filters?.cases ?? [])), []);
  // The constraint universe of the unsharded run: what each shard planned and left uncovered, plus what the cases name.
  for (const r of reports) {
    const planned = (r.summary.coverage.constraints?.uncovered ?? []).map(plannedViolation).filter((v) => v !== undefined);
    coverage.plan(planned);
  }
  const winners = createPactWinners(specs);
  for (let i = 0; i < reports.length; i++) {
    const { dir, summary } = reports[i];
    for await (const result of shardResults({ junit: join(dir, 'junit.xml'), ndjson: join(dir, 'exchanges.ndjson'), providers: providerIds, findings: summary.findings })) {
      feed(result, i);
    }
  }
  function feed(result: CaseResult, shard: number) {
    if (result.testCase?.violates) coverage.plan([result.testCase]);
    builder.add(result);
    coverage.add(result);
    winners.add(result, shard);
    writer.add(result);
  }

  const pactFiles = await mergePacts(reports.map((r) => r.dir), opts.out, winners);
  const errors = new Map<string, { code: string; message: string }>();
  for (const r of reports) for (const e of r.summary.errors ?? []) errors.set(`${e.code}\n${e.message}`, e);
  const providers: RunSummary['providers'] = first.providers.map((p) => {
    const ran = reports.find((r) => r.summary.providers.some((q) => q.provider === p.provider && q.status === 'ran'));
    return ran ? { provider: p.provider, status: 'ran' } : p;
  });
  const startedAt = reports.map((r) => r.summary.startedAt).sort()[0];
  const commits = new Set(reports.map((r) => r.summary.gitCommit));
  const summary: RunSummary = {
    ...builder.build({
      target: set.target, startedAt, durationMs: Math.max(...reports.map((r) => r.summary.durationMs)), seed: set.seed,
      gitCommit: commits.size === 1 ? first.gitCommit : null, interrupted: reports.some((r) => r.summary.interrupted), version: set.version,
      providers, coverage: coverage.result(), latencyBudgetMs: first.latencyBudgetMs, specsDigest: set.specsDigest,
    }),
    errors: [...errors.values()],
    mergedShards: reports.length,
  };
  const { shard: _shard, ...filters } = first.filters ?? {};
  if (Object.keys(filters).length) summary.filters = filters;
  const files = [...(await writer.finish(summary)), ...pactFiles];
  return { summary, files };
}
