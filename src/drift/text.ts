/** Terminal summary of a drift run or replay. Pure; text from the wire (pointers, values, messages) is escaped. */
import { escapeTerminal } from '../core/terminal.ts';
import type { BaselineComparison } from './baseline.ts';
import { fingerprint } from './baseline.ts';
import type { DriftFinding } from './types.ts';

function unique(fs: DriftFinding[]): Array<DriftFinding & { cases: number }> {
  const m = new Map<string, DriftFinding & { cases: number }>();
  for (const f of fs) {
    const k = fingerprint(f);
    const e = m.get(k);
    if (e) e.cases++;
    else m.set(k, { ...f, cases: 1 });
  }
  return [...m.values()].sort((a, b) => (fingerprint(a) < fingerprint(b) ? -1 : 1));
}

export function driftText(cmp: BaselineComparison, max = 50): string {
  const fresh = unique(cmp.new);
  const known = unique(cmp.known);
  const lines = [`drift: ${fresh.length} new, ${known.length} known, ${cmp.fixed.length} fixed (distinct deviations)`];
  const list = (title: string, items: string[]) => {
    if (!items.length) return;
    lines.push('', title);
    lines.push(...items.slice(0, max).map((s) => `  ${escapeTerminal(s)}`));
    if (items.length > max) lines.push(`  … ${items.length - max} more (see summary.json)`);
  };
  list('NEW (fail the run):', fresh.map((f) => `${f.provider} ${f.operationId} ${f.class} ${f.pointer || ''}${f.value !== undefined ? ` [${f.value}]` : ''}: ${f.message} (${f.cases} case${f.cases > 1 ? 's' : ''})`));
  list('known (in the baseline):', known.map((f) => `${f.provider} ${f.operationId} ${f.class} ${f.pointer || ''}${f.value !== undefined ? ` [${f.value}]` : ''}`));
  list('fixed (in the baseline, not seen):', cmp.fixed.map((e) => e.fingerprint));
  return lines.join('\n');
}
