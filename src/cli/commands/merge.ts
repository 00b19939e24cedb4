/** `verikit merge <report-dir>... --report-dir <out>`: one report from the reports of `verikit run --shard i/n`. */
import { parseArgs } from 'node:util';
import { UsageError } from '../../core/errors.ts';
import { mergeReports } from '../../merge/index.ts';
import { exitCodeOf, summaryTable } from '../../runner/table.ts';
import { loadSpecs } from '../../spec/load.ts';

export const MERGE_HELP = `usage: verikit merge <report-dir>... --report-dir <out> [--specs <dir>]

Combines the report directories of \`verikit run --shard i/n\` (summary.json, junit.xml,
exchanges.ndjson, coverage and pacts/) into one report directory with one index.html: the same
cases, totals, coverage and pact interactions as the unsharded run with the same seed.
Refuses shards of different seeds, specs, targets or verikit versions, and a missing shard.

  --report-dir <out>   where the merged report goes (required; not one of the inputs)
  --specs <dir>        the specs the shards ran (default specs/; checked against their digest)

exit codes: 0 conformant, 1 findings, 2 usage error or shards that cannot be merged`;

export default async function merge(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options: { 'report-dir': { type: 'string' }, specs: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  } catch (err) {
    throw new UsageError((err as Error).message, 'run `verikit merge --help` for the options');
  }
  if (parsed.values.help) {
    console.log(MERGE_HELP);
    return 0;
  }
  const out = parsed.values['report-dir'];
  if (!out) throw new UsageError('--report-dir <out> is required', 'name the directory for the merged report, e.g. verikit merge shards/* --report-dir reports');
  if (parsed.positionals.length === 0) throw new UsageError('no report directory to merge', 'pass the report directory of every shard: verikit merge shard-1 shard-2 … --report-dir reports');
  const specs = await loadSpecs(parsed.values.specs ?? 'specs');
  const { summary, files } = await mergeReports({ inputs: parsed.positionals, out, specs });
  console.log(summaryTable(summary));
  console.log(`\n${summary.totals.cases} cases from ${summary.mergedShards} shards (seed ${summary.seed}); reports: ${files.join(', ')}`);
  return exitCodeOf(summary);
}
