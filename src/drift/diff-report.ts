/** Rendering of spec-vs-spec diffs (text and JSON). Pure. */
import type { Bump, SpecDiff } from './spec-diff.ts';

const ORDER: Bump[] = ['none', 'patch', 'minor', 'major'];

export function maxBump(bumps: Bump[]): Bump {
  return bumps.reduce<Bump>((a, b) => (ORDER.indexOf(b) > ORDER.indexOf(a) ? b : a), 'none');
}

export interface DiffReport {
  tool: 'verikit';
  kind: 'spec-diff';
  /** Semver bump the generated type package needs for all providers together. */
  bump: Bump;
  breaking: number;
  nonBreaking: number;
  providers: SpecDiff[];
}

export function diffReport(diffs: SpecDiff[]): DiffReport {
  const all = diffs.flatMap((d) => d.changes);
  return {
    tool: 'verikit', kind: 'spec-diff', bump: maxBump(diffs.map((d) => d.bump)),
    breaking: all.filter((c) => c.severity === 'breaking').length,
    nonBreaking: all.filter((c) => c.severity === 'non-breaking').length,
    providers: diffs,
  };
}

export function renderDiffText(r: DiffReport): string {
  const lines: string[] = [];
  for (const d of r.providers) {
    const b = d.changes.filter((c) => c.severity === 'breaking').length;
    lines.push(`${d.provider}: ${d.changes.length ? `${b} breaking, ${d.changes.length - b} non-breaking` : 'no changes'} (bump ${d.bump})`);
    const ops = [...new Set(d.changes.map((c) => c.operationId))].sort();
    for (const op of ops) {
      lines.push(`  ${op === '*' ? '(whole spec)' : op}`);
      for (const c of d.changes.filter((x) => x.operationId === op)) {
        lines.push(`    ${c.severity === 'breaking' ? 'BREAKING    ' : 'non-breaking'}  ${c.kind.padEnd(26)} ${c.message}`);
      }
    }
  }
  lines.push('', `${r.breaking} breaking, ${r.nonBreaking} non-breaking change(s); type package bump: ${r.bump}`);
  return lines.join('\n');
}
