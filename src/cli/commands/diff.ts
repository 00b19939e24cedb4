/**
 * `verikit diff <old-spec> <new-spec>` | `verikit diff --since <git-ref> [--specs specs]`:
 * per operation, what changed between two versions of a spec, breaking or not for a client, and the
 * semver bump the generated type package needs. `--fail-on breaking` exits 1 on a breaking change.
 */
import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { SpecError, UsageError } from '../../core/errors.ts';
import { diffReport, renderDiffText } from '../../drift/diff-report.ts';
import { listSpecsAt, showAt } from '../../drift/git.ts';
import { diffSpecs } from '../../drift/spec-diff.ts';
import type { SpecDiff } from '../../drift/spec-diff.ts';
import { buildSpec } from '../../spec/build.ts';
import { displayPath, parseYaml } from '../../spec/load.ts';
import type { ProviderSpec } from '../../spec/model.ts';

const HELP = `usage: verikit diff <old-spec.yaml> <new-spec.yaml> [--json] [--fail-on breaking|any|none]
       verikit diff --since <git-ref> [--specs specs] [--json] [--fail-on breaking|any|none]

Lists, per operation, every change between two versions of a spec, classed breaking or
non-breaking for a client, and the semver bump the generated type package needs.
--since compares every spec in --specs (working tree) with the same files at <git-ref>.
--fail-on breaking exits 1 when a breaking change is found (any: on any change). Default: none.`;

const parse = (text: string, file: string): ProviderSpec => buildSpec(parseYaml(text, file), file);

async function readSpec(file: string): Promise<ProviderSpec> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new SpecError(displayPath(file), '', `cannot read the spec (${(e as NodeJS.ErrnoException).code ?? 'EIO'})`, 'check the path of the spec file', 'VK_SPEC_READ');
  }
  return parse(text, displayPath(file));
}

async function since(ref: string, dir: string): Promise<SpecDiff[]> {
  const then = await listSpecsAt(ref, dir);
  let now: string[] = [];
  try {
    now = (await readdir(dir)).filter((n) => /\.ya?ml$/.test(n)).map((n) => join(dir, n));
  } catch {
    throw new UsageError(`the spec directory ${dir} cannot be read`, 'run verikit from the project root or pass --specs <dir>');
  }
  const names = [...new Set([...then, ...now].map((p) => basename(p)))].sort();
  const diffs: SpecDiff[] = [];
  for (const name of names) {
    const path = join(dir, name);
    const oldText = await showAt(ref, path);
    const oldSpec = oldText === undefined ? undefined : parse(oldText, `${ref}:${path}`);
    const newSpec = now.includes(path) ? await readSpec(path) : undefined;
    diffs.push(diffSpecs(oldSpec, newSpec));
  }
  return diffs;
}

export default async function diff(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        since: { type: 'string' },
        specs: { type: 'string', default: 'specs' },
        json: { type: 'boolean', default: false },
        'fail-on': { type: 'string', default: 'none' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: true,
    });
  } catch (e) {
    throw new UsageError((e as Error).message, 'run `verikit diff --help` for the options');
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const failOn = values['fail-on'];
  if (!['breaking', 'any', 'none'].includes(failOn)) throw new UsageError(`--fail-on must be breaking, any or none (got "${failOn}")`, 'pass --fail-on breaking for CI');
  let diffs: SpecDiff[];
  if (values.since !== undefined) {
    if (positionals.length) throw new UsageError('--since compares the whole spec directory; do not also pass spec files', 'use either `verikit diff <old> <new>` or `verikit diff --since <ref>`');
    diffs = await since(values.since, values.specs);
  } else {
    if (positionals.length !== 2) throw new UsageError(`expected two spec files, got ${positionals.length}`, 'run `verikit diff <old-spec.yaml> <new-spec.yaml>` or `verikit diff --since <git-ref>`');
    diffs = [diffSpecs(await readSpec(positionals[0]), await readSpec(positionals[1]))];
  }
  const report = diffReport(diffs);
  console.log(values.json ? JSON.stringify(report, null, 2) : renderDiffText(report));
  if (failOn === 'breaking' && report.breaking > 0) return 1;
  if (failOn === 'any' && report.breaking + report.nonBreaking > 0) return 1;
  return 0;
}
