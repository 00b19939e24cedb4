/**
 * `verikit generate [--check] [--specs <dir>] [--out <dir>]`: writes generated/ from the specs, or with
 * --check exits 1 naming every stale file (differs, missing, or no longer produced by the specs).
 */
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError } from '../../core/errors.ts';
import { generateFiles, MANAGED_DIRS, staleFiles } from '../../generate/index.ts';
import { loadSpecs } from '../../spec/load.ts';

const USAGE = 'usage: verikit generate [--check] [--specs <dir>] [--out <dir>]';

async function listFiles(root: string, rel: string): Promise<string[]> {
  const entries = await readdir(join(root, rel), { withFileTypes: true }).catch(() => []);
  const out: string[] = [];
  for (const e of entries) {
    const p = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await listFiles(root, p)));
    else out.push(p);
  }
  return out;
}

async function existingFiles(out: string, wanted: Map<string, string>): Promise<Map<string, string>> {
  const paths = new Set<string>([...wanted.keys()]);
  for (const d of MANAGED_DIRS) for (const p of await listFiles(out, d)) paths.add(p);
  const have = new Map<string, string>();
  for (const p of paths) {
    const text = await readFile(join(out, p), 'utf8').catch(() => undefined);
    if (text !== undefined) have.set(p, text);
  }
  return have;
}

export default async function generate(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { check: { type: 'boolean', default: false }, specs: { type: 'string', default: 'specs' }, out: { type: 'string', default: 'generated' }, help: { type: 'boolean', short: 'h', default: false } }, strict: true, allowPositionals: false }));
  } catch (e) {
    throw new UsageError((e as Error).message, USAGE);
  }
  if (values.help) {
    console.log(`${USAGE}\n\nWrites <out>/types/<provider>.ts (+ .d.cts), <out>/schemas/<provider>/<op>.request.json and .response.<status>.json,\n<out>/validators/<provider>.cjs (+ .d.cts), <out>/package.json and README.md (@verikit/types).\n--check writes nothing and exits 1 when <out> differs from what the specs produce.`);
    return 0;
  }
  const wanted = await generateFiles(await loadSpecs(values.specs));
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
  for (const s of stale) {
    const target = join(values.out, s.path);
    if (s.reason === 'extra') await rm(target);
    else {
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, wanted.get(s.path)!);
    }
  }
  console.log(`generate: ${wanted.size} files in ${values.out}/ (${stale.length} written or removed)`);
  return 0;
}
