/**
 * Reads each shard's summary.json (bounded) and decides whether the shards can be merged (pure):
 * one verikit version, one seed, one set of specs, one target, and every shard of i/n present once.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunSummary } from '../core/types.ts';
import { MergeError } from './errors.ts';

/** Largest summary.json read (it holds every finding of a shard). */
export const MAX_SUMMARY_BYTES = 256 * 1024 * 1024;

export interface ShardReport {
  dir: string;
  summary: RunSummary;
}

export async function readShardSummary(dir: string): Promise<ShardReport> {
  const file = join(dir, 'summary.json');
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch {
    throw new MergeError('VK_MERGE_INPUT', `${dir} has no summary.json`, 'pass report directories written by `verikit run --shard i/n` (each with summary.json, junit.xml, exchanges.ndjson)');
  }
  if (size > MAX_SUMMARY_BYTES) throw new MergeError('VK_MERGE_LIMIT', `${file} is ${size} bytes, over the ${MAX_SUMMARY_BYTES}-byte limit of verikit merge`, 'run with more shards, so each summary stays smaller');
  let summary: RunSummary;
  try {
    summary = JSON.parse(await readFile(file, 'utf8')) as RunSummary;
  } catch {
    throw new MergeError('VK_MERGE_INPUT', `${file} is not JSON`, 'pass report directories written by `verikit run`, unedited');
  }
  if (!summary || summary.tool !== 'verikit' || !summary.totals || !Array.isArray(summary.findings) || !Array.isArray(summary.providers) || !summary.coverage) {
    throw new MergeError('VK_MERGE_INPUT', `${file} is not a verikit summary`, 'pass report directories written by `verikit run`, unedited');
  }
  return { dir, summary };
}

export interface ShardSet {
  version: string;
  seed: number;
  specsDigest: string;
  target: RunSummary['target'];
  total: number;
}

/** The filters a shard ran with, but its shard: the same for every shard of one run. */
function filtersOf(s: RunSummary): string {
  const { shard: _shard, ...rest } = s.filters ?? {};
  return Object.keys(rest).length ? JSON.stringify(rest) : '';
}

/** Refuses shards that are not parts of one run; returns what they share. */
export function checkShards(reports: readonly ShardReport[]): ShardSet {
  if (reports.length === 0) throw new MergeError('VK_MERGE_INPUT', 'no report directory to merge', 'pass the report directories of every shard: verikit merge <dir>... --report-dir <out>');
  const [first] = reports;
  const differs = <T>(get: (s: RunSummary) => T) => reports.find((r) => get(r.summary) !== get(first.summary));
  const name = (r: ShardReport) => `${r.dir} (${r.summary.shard ? `shard ${r.summary.shard.index}/${r.summary.shard.total}` : 'unsharded'})`;
  let other = differs((s) => s.version);
  if (other) throw new MergeError('VK_MERGE_VERSION', `${name(first)} was written by verikit ${first.summary.version}, ${name(other)} by verikit ${other.summary.version}`, 'run every shard with the same verikit version (pin it in package-lock.json), then merge');
  other = differs((s) => s.seed);
  if (other) throw new MergeError('VK_MERGE_SEED', `${name(first)} ran with --seed ${first.summary.seed}, ${name(other)} with --seed ${other.summary.seed}`, 'run every shard with the same --seed, then merge');
  const missingDigest = reports.find((r) => typeof r.summary.specsDigest !== 'string');
  if (missingDigest) throw new MergeError('VK_MERGE_SPECS', `${name(missingDigest)} does not record which specs it ran (no specsDigest in summary.json)`, 'run the shards again with this verikit, which records the specs digest');
  other = differs((s) => s.specsDigest);
  if (other) throw new MergeError('VK_MERGE_SPECS', `${name(first)} ran other specs than ${name(other)} (specsDigest ${first.summary.specsDigest} vs ${other.summary.specsDigest})`, 'run every shard from the same commit of specs/, then merge');
  other = differs((s) => s.target);
  if (other) throw new MergeError('VK_MERGE_TARGET', `${name(first)} ran against the ${first.summary.target} target, ${name(other)} against ${other.summary.target}`, 'merge shards of one run: the same --target for every shard');
  const providers = (s: RunSummary) => s.providers.map((p) => p.provider).sort().join(',');
  other = differs(providers);
  if (other) throw new MergeError('VK_MERGE_SPECS', `${name(first)} ran the providers ${providers(first.summary)}, ${name(other)} ran ${providers(other.summary)}`, 'run every shard with the same --provider selection, then merge');

  other = differs(filtersOf);
  if (other) throw new MergeError('VK_MERGE_FILTERS', `${name(first)} ran with the filters ${filtersOf(first.summary) || 'none'}, ${name(other)} with ${filtersOf(other.summary) || 'none'}`, 'run every shard with the same --operation, --checks, --exclude-checks and --case, then merge');

  const total = first.summary.shard?.total ?? 1;
  const seen = new Map<number, ShardReport>();
  for (const r of reports) {
    const shard = r.summary.shard ?? { index: 1, total: 1 };
    if (shard.total !== total) throw new MergeError('VK_MERGE_SHARD_MISSING', `${name(first)} is one of ${total} shards, ${name(r)} one of ${shard.total}`, 'merge the shards of one `--shard i/n` split: the same n for every shard');
    const dup = seen.get(shard.index);
    if (dup) throw new MergeError('VK_MERGE_SHARD_DUPLICATE', `shard ${shard.index}/${total} is given twice: ${dup.dir} and ${r.dir}`, 'pass each shard\'s report directory once');
    seen.set(shard.index, r);
  }
  const missing: number[] = [];
  for (let i = 1; i <= total; i++) if (!seen.has(i)) missing.push(i);
  if (missing.length) {
    throw new MergeError('VK_MERGE_SHARD_MISSING', `shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${total}`).join(', ')} missing: got ${reports.length} of ${total} shards`, `pass the report directory of every shard 1/${total} to ${total}/${total} (a failed CI job still uploads its reports)`);
  }
  return { version: first.summary.version, seed: first.summary.seed, specsDigest: first.summary.specsDigest!, target: first.summary.target, total };
}
