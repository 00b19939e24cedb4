/**
 * generated/CHANGELOG.md of @verikit/types (pure): one entry per release, newest first, listing per
 * provider and operation the breaking and the non-breaking spec changes `verikit diff` found.
 */
import type { DiffReport } from '../drift/diff-report.ts';
import { PACKAGE_NAME } from '../generate/package.ts';

export const CHANGELOG_TITLE = `# Changelog of ${PACKAGE_NAME}`;
const PREAMBLE = `${CHANGELOG_TITLE}

Written by \`verikit release\` (\`npm run release:types\`) from the spec diff against the last release:
a breaking change bumps the major version, an addition the minor, anything else the patch.
`;

/** Markdown inline code for a value that may hold backticks. */
const code = (s: string) => `\`${s.replace(/`/g, "'")}\``;

export interface ReleaseEntry {
  version: string;
  previous: string | null;
  date: string;
  report: DiffReport;
}

export function renderEntry(e: ReleaseEntry): string {
  const lines = [`## ${e.version} (${e.date})`, ''];
  if (e.previous === null) {
    lines.push(`First release published to a registry, built from the specs as they are today. Before it, the package was only packed (it stayed at ${e.version} while the specs changed, and no consumer installed it from a registry), so no change is listed against an earlier version.`, '');
    return lines.join('\n');
  }
  const r = e.report;
  lines.push(`Since ${e.previous}: ${r.breaking} breaking, ${r.nonBreaking} non-breaking change(s); bump ${r.bump}.`, '');
  for (const d of r.providers) {
    if (!d.changes.length) continue;
    lines.push(`### ${d.provider}`, '');
    for (const op of [...new Set(d.changes.map((c) => c.operationId))].sort()) {
      lines.push(`- ${op === '*' ? 'whole spec' : code(op)}`);
      for (const [severity, label] of [['breaking', 'Breaking'], ['non-breaking', 'Non-breaking']] as const) {
        const list = d.changes.filter((c) => c.operationId === op && c.severity === severity);
        if (!list.length) continue;
        lines.push(`  - ${label}:`);
        for (const c of list) lines.push(`    - ${code(c.kind)}: ${c.message.replace(/\s+/g, ' ')}`);
      }
    }
    lines.push('');
  }
  return lines.join('\n');
}

/** The changelog with `entry` on top of the entries `existing` already has. */
export function prependEntry(existing: string | undefined, entry: string): string {
  const at = existing ? existing.indexOf('\n## ') : -1;
  const older = at >= 0 ? existing!.slice(at + 1) : '';
  return `${PREAMBLE}\n${entry.trimEnd()}\n${older ? `\n${older.trimEnd()}\n` : ''}`;
}
