/**
 * The snapshot of the last release of @verikit/types, kept in the repo: `releases/types/release.json`
 * (`{"package", "version"}`) and `releases/types/specs/`, a copy of the specs that version was built
 * from. `verikit release` diffs specs/ against it, and `verikit generate` writes its version into
 * generated/package.json, so generate and `generate --check` keep the released version.
 */
import { copyFile, mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../reports/fs.ts';
import { buildSpec } from '../spec/build.ts';
import { parseYaml } from '../spec/load.ts';
import type { ProviderSpec } from '../spec/model.ts';
import { ReleaseError } from './errors.ts';

export const SNAPSHOT_DIR = join('releases', 'types');
/** The version generate uses when there is no snapshot (a checkout from before releases existed). */
export const INITIAL_VERSION = '0.1.0';

export interface ReleaseRecord {
  package: string;
  version: string;
}

const SEMVER = /^(\d+)\.(\d+)\.(\d+)$/;

export async function readReleaseRecord(dir = SNAPSHOT_DIR): Promise<ReleaseRecord | undefined> {
  let text: string;
  try {
    text = await readFile(join(dir, 'release.json'), 'utf8');
  } catch {
    return undefined;
  }
  let rec: Partial<ReleaseRecord>;
  try {
    rec = JSON.parse(text) as Partial<ReleaseRecord>;
  } catch {
    throw new ReleaseError('VK_RELEASE_SNAPSHOT', `${join(dir, 'release.json')} is not JSON`, `restore it from git: git checkout -- ${join(dir, 'release.json')}`);
  }
  if (typeof rec.version !== 'string' || !SEMVER.test(rec.version) || typeof rec.package !== 'string') {
    throw new ReleaseError('VK_RELEASE_SNAPSHOT', `${join(dir, 'release.json')} needs {"package": "@verikit/types", "version": "x.y.z"}`, `restore it from git: git checkout -- ${join(dir, 'release.json')}`);
  }
  return { package: rec.package, version: rec.version };
}

/** The version of the last release, or 0.1.0 when there is no snapshot. */
export async function releasedVersion(dir = SNAPSHOT_DIR): Promise<string> {
  return (await readReleaseRecord(dir))?.version ?? INITIAL_VERSION;
}

/** The snapshot's spec files by file name (e.g. huawei-osm.yaml -> spec). */
export async function readSnapshotSpecs(dir = SNAPSHOT_DIR): Promise<Map<string, ProviderSpec>> {
  const specsDir = join(dir, 'specs');
  let names: string[];
  try {
    names = (await readdir(specsDir)).filter((n) => /\.ya?ml$/.test(n)).sort();
  } catch {
    throw new ReleaseError('VK_RELEASE_SNAPSHOT', `there is no release snapshot in ${specsDir}`, `restore ${dir} from git (it records the specs of the last release)`);
  }
  const out = new Map<string, ProviderSpec>();
  for (const n of names) out.set(n, buildSpec(parseYaml(await readFile(join(specsDir, n), 'utf8'), join(specsDir, n)), join(specsDir, n)));
  return out;
}

/** Records `version` as released from the spec files of `specsDir`. */
export async function writeSnapshot(dir: string, specsDir: string, record: ReleaseRecord): Promise<void> {
  const target = join(dir, 'specs');
  await rm(target, { recursive: true, force: true });
  await mkdir(target, { recursive: true });
  for (const n of (await readdir(specsDir)).filter((x) => /\.ya?ml$/.test(x)).sort()) await copyFile(join(specsDir, n), join(target, n));
  await writeFileAtomic(join(dir, 'release.json'), `${JSON.stringify(record, null, 2)}\n`);
}
