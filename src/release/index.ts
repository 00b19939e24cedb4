/**
 * `verikit release`: releases @verikit/types. Diffs specs/ against the snapshot of the last release
 * (src/release/snapshot.ts) with the spec diff of `verikit diff`, bumps the version accordingly,
 * regenerates generated/ at that version, writes generated/CHANGELOG.md, records the new snapshot,
 * then packs and publishes generated/. Refuses a stale generated/ and a version the registry has.
 *
 * A publish that fails after the files were written is finished by running the release again: the
 * specs then equal the snapshot, and the recorded version, not yet on the registry, is published.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { tmpdir } from 'node:os';
import { diffReport, type DiffReport } from '../drift/diff-report.ts';
import { diffSpecs, type Bump } from '../drift/spec-diff.ts';
import { existingFiles, writeStale } from '../generate/files.ts';
import { generateFiles, staleFiles } from '../generate/index.ts';
import { PACKAGE_NAME } from '../generate/package.ts';
import { writeFileAtomic } from '../reports/fs.ts';
import { loadSpecs } from '../spec/load.ts';
import type { ProviderSpec } from '../spec/model.ts';
import { prependEntry, renderEntry } from './changelog.ts';
import { ReleaseError } from './errors.ts';
import { openNpm, pack, publish, versionExists } from './npm.ts';
import { readReleaseRecord, readSnapshotSpecs, SNAPSHOT_DIR, writeSnapshot } from './snapshot.ts';
import { bumpVersion } from './version.ts';

export { ReleaseError } from './errors.ts';

export interface ReleaseOptions {
  specsDir?: string;
  /** generated/ */
  outDir?: string;
  snapshotDir?: string;
  registry?: string;
  dryRun?: boolean;
  /** The changelog date (default: today, UTC). */
  date?: string;
  log?(line: string): void;
}

export interface ReleaseOutcome {
  previous: string;
  version: string;
  bump: Bump;
  report: DiffReport;
  registry: string;
  /** The changelog entry written (or that would be). */
  entry: string | null;
  published: boolean;
  tarball?: string;
}

/** Spec files diffed by file name, as `verikit diff --since` does (pure). */
export function diffAgainstSnapshot(snapshot: Map<string, ProviderSpec>, current: ProviderSpec[]): DiffReport {
  const now = new Map(current.map((s) => [basename(s.file), s]));
  const names = [...new Set([...snapshot.keys(), ...now.keys()])].sort();
  return diffReport(names.map((n) => diffSpecs(snapshot.get(n), now.get(n))));
}

export async function release(opts: ReleaseOptions = {}): Promise<ReleaseOutcome> {
  const specsDir = opts.specsDir ?? 'specs';
  const outDir = opts.outDir ?? 'generated';
  const snapshotDir = opts.snapshotDir ?? SNAPSHOT_DIR;
  const log = opts.log ?? (() => {});
  const record = await readReleaseRecord(snapshotDir);
  if (!record) throw new ReleaseError('VK_RELEASE_SNAPSHOT', `there is no release record at ${join(snapshotDir, 'release.json')}`, `restore ${snapshotDir} from git: it records the version and the specs of the last release`);
  const specs = await loadSpecs(specsDir);

  // generated/ must be what the specs give at the released version: nothing unreviewed goes out.
  const current = await generateFiles(specs, record.version);
  const stale = staleFiles(current, await existingFiles(outDir, current));
  if (stale.length) {
    throw new ReleaseError('VK_RELEASE_STALE', `${outDir}/ is stale: ${stale.slice(0, 5).map((s) => `${s.path} (${s.reason})`).join(', ')}${stale.length > 5 ? ` and ${stale.length - 5} more` : ''}`, 'run `npm run generate`, review and commit generated/, then release');
  }

  const report = diffAgainstSnapshot(await readSnapshotSpecs(snapshotDir), specs);
  const version = bumpVersion(record.version, report.bump);
  const changelogFile = join(outDir, 'CHANGELOG.md');
  const changelog = await readFile(changelogFile, 'utf8').catch(() => undefined);
  const hasEntry = (v: string) => changelog !== undefined && changelog.includes(`\n## ${v} (`);
  // No spec change: the recorded version itself is released (the first publication, or a publish that failed before).
  const entry = hasEntry(version) ? null : renderEntry({ version, previous: report.bump === 'none' ? null : record.version, date: opts.date ?? new Date().toISOString().slice(0, 10), report });
  log(`release: ${PACKAGE_NAME} ${record.version} -> ${version} (bump ${report.bump}: ${report.breaking} breaking, ${report.nonBreaking} non-breaking change(s))`);

  const npm = await openNpm(opts.registry);
  try {
    if (await versionExists(npm, PACKAGE_NAME, version)) {
      throw new ReleaseError('VK_RELEASE_EXISTS', `${PACKAGE_NAME}@${version} is already on ${npm.registry}${report.bump === 'none' ? ' and the specs have not changed since it' : ''}`, report.bump === 'none' ? 'change the specs (the release bumps the version from their diff), or there is nothing to release' : `the registry has a version this repo has not recorded: bring ${snapshotDir} up to date with the released specs, then release`);
    }
    const outcome: ReleaseOutcome = { previous: record.version, version, bump: report.bump, report, registry: npm.registry, entry, published: false };
    if (opts.dryRun) {
      log(`dry run: would write ${outDir}/ at ${version}, ${changelogFile} and ${snapshotDir}, then publish ${PACKAGE_NAME}@${version} to ${npm.registry}`);
      return outcome;
    }
    if (version !== record.version) {
      const wanted = await generateFiles(specs, version);
      await writeStale(outDir, wanted, staleFiles(wanted, await existingFiles(outDir, wanted)));
    }
    if (entry) await writeFileAtomic(changelogFile, prependEntry(changelog, entry));
    await writeSnapshot(snapshotDir, specsDir, { package: PACKAGE_NAME, version });
    const dest = await mkdtemp(join(tmpdir(), 'vk-release-pack-'));
    try {
      outcome.tarball = await pack(npm, outDir, dest);
      log(`packed ${basename(outcome.tarball)}`);
      await publish(npm, outcome.tarball);
    } finally {
      await rm(dest, { recursive: true, force: true });
    }
    outcome.published = true;
    log(`published ${PACKAGE_NAME}@${version} to ${npm.registry}`);
    return outcome;
  } finally {
    await npm.close();
  }
}
