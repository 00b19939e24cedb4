/** `verikit release [--registry <url>] [--dry-run]`: release @verikit/types (`npm run release:types`). */
import { parseArgs } from 'node:util';
import { UsageError } from '../../core/errors.ts';
import { release } from '../../release/index.ts';

export const RELEASE_HELP = `usage: verikit release [--registry <url>] [--dry-run] [--specs <dir>] [--out <dir>] [--snapshot <dir>]

Releases @verikit/types: diffs the specs against the snapshot of the last release (releases/types:
release.json and a copy of its specs), bumps the version as \`verikit diff\` says (breaking: major,
additions: minor, other changes: patch), regenerates generated/ at that version, writes
generated/CHANGELOG.md (breaking and non-breaking changes per operation), records the new snapshot,
packs generated/ and publishes it. Commit generated/ and releases/ afterwards.

  --registry <url>   the registry to publish to (default: npm's configured registry)
  --dry-run          show the version and changelog entry; write, pack and publish nothing
  --specs <dir>      default specs/
  --out <dir>        default generated/
  --snapshot <dir>   default releases/types/

The token: NODE_AUTH_TOKEN when set (as actions/setup-node sets it), otherwise your .npmrc.
Refuses (exit 2) a stale generated/ (VK_RELEASE_STALE) and a version the registry already has
(VK_RELEASE_EXISTS).`;

export default async function releaseCommand(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv, strict: true, allowPositionals: false,
      options: { registry: { type: 'string' }, 'dry-run': { type: 'boolean', default: false }, specs: { type: 'string' }, out: { type: 'string' }, snapshot: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (e) {
    throw new UsageError((e as Error).message, 'run `verikit release --help` for the options');
  }
  if (values.help) {
    console.log(RELEASE_HELP);
    return 0;
  }
  const outcome = await release({
    registry: values.registry, dryRun: values['dry-run'], specsDir: values.specs, outDir: values.out, snapshotDir: values.snapshot,
    log: (line) => console.log(line),
  });
  if (outcome.entry) console.log(`\n${outcome.entry}`);
  return 0;
}
