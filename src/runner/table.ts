/** Terminal rendering of a run: the per-operation table and the findings list. Pure; text from the wire is escaped. */
import { escapeTerminal as safe } from '../core/terminal.ts';
import type { RunSummary } from '../core/types.ts';

/** A finding's text on the terminal is cut (the whole text is in summary.json and the reports). */
const MAX_LINE = 400;
const clip = (m: string) => (m.length > MAX_LINE ? `${m.slice(0, MAX_LINE)}… (${m.length - MAX_LINE} more characters in summary.json)` : m);

export function summaryTable(s: RunSummary, maxFindings = 20): string {
  const rows = [['provider', 'operation', 'cases', 'passed', 'failed', 'skipped', 'p50 ms', 'p95 ms']];
  for (const o of s.operations) rows.push([safe(o.provider), safe(o.operationId), o.cases, o.passed, o.failed, o.skipped, o.p50Ms ?? '-', o.p95Ms ?? '-'].map(String));
  const t = s.totals;
  rows.push(['total', '', t.cases, t.passed, t.failed, t.skipped, '', ''].map(String));
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i >= 2 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  const out = [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1, -1).map(line), widths.map((w) => '-'.repeat(w)).join('  '), line(rows[rows.length - 1])];
  for (const p of s.providers) if (p.status === 'skipped') out.push(`skipped ${safe(p.provider)}: ${safe(p.reason ?? '')}`);
  if (s.findings.length) {
    out.push('', `findings (${s.findings.length}):`);
    for (const f of s.findings.slice(0, maxFindings)) out.push(`  [${safe(f.kind)}] ${safe(f.provider)} ${safe(f.operationId)} ${safe(f.check)}: ${safe(clip(f.message))}`);
    if (s.findings.length > maxFindings) out.push(`  … ${s.findings.length - maxFindings} more in summary.json`);
  }
  for (const e of s.errors.slice(0, 10)) out.push(`tool error ${safe(e.code)}: ${safe(clip(e.message))}`);
  if (s.interrupted) out.push('', 'interrupted: the run stopped before every case ran');
  return out.join('\n');
}

/** The exit code of a run: 0 conformant, 1 findings (or failures, tool errors, interruption). */
export function exitCodeOf(s: RunSummary): 0 | 1 {
  return s.findings.length === 0 && s.totals.failed === 0 && s.errors.length === 0 && !s.interrupted ? 0 : 1;
}
