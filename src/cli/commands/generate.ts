/**
 * `verikit generate [--check] [--specs <dir>] [--out <dir>]`: writes generated/ from the specs, or with
 * --check exits 1 naming every stale file (differs, missing, or no longer produced by the specs).
 */
import { parseArgs } from 'node:util';
import { UsageError } from '../../core/errors.ts';
import { existingFiles, writeStale } from '../../generate/files.ts';
import { generateFiles, staleFiles } from '../../generate/index.ts';
import { releasedVersion } from '../../release/snapshot.ts';
import { loadSpecs } from '../../spec/load.ts';

const USAGE = 'usage: verikit generate [--check] [--specs <dir>] [--out <dir>]';

export default async function generate(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { check: { type: 'boolean', default: false }, specs: { type: 'string', default: 'specs' }, out: { type: 'string', default: 'generated' }, help: { type: 'boolean', short: 'h', default: false } }, strict: true, allowPositionals: false }));
  } catch (e) {
    throw new UsageError((e as Error).message, USAGE);
  }
  if (values.help) {
    console.log(`${USAGE}\n\nWrites <out>/types/<provider>.ts (+ .d.cts), <out>/schemas/<provider>/<op>.request.json and .response.<status>.json,\n<out>/validators/<provider>.cjs (+ .d.cts), <out>/package.json and README.md (@verikit/types, at the version of\nits last release: releases/types/release.json).\n--check writes nothing and exits 1 when <out> differs from what the specs produce.`);
    return 0;
  }
  // The package keeps the version of its last release (releases/types/release.json), 0.1.0 before any.
  const wanted = await generateFiles(await loadSpecs(values.specs), await releasedVersion());
  const stale = staleFiles(wanted, await existingFiles(values.out, wanted));
  if (values.check) {
    if (stale.length === 0) {
      console.log(`generate --check: ${values.out}/ is fresh (${wanted.size} files)`);
      return 0;
    }
    for (const s of stale) console.error(`stale: ${values.out}/${s.path} (${s.reason === 'extra' ? 'no longer produced by the specs' : s.reason})`);
    console.error(`generate --check: ${stale.length} stale file(s). fix: run \`npm run generate\` and commit ${values.out}/`);
    return 1;
  }
  await writeStale(values.out, wanted, stale);
  console.log(`generate: ${wanted.size} files in ${values.out}/ (${stale.length} written or removed)`);
  return 0;
}
