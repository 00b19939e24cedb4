/** Terminal rendering of a run: the per-operation table and the findings list. Pure. */
import type { RunSummary } from '../core/types.ts';

export function summaryTable(s: RunSummary, maxFindings = 20): string {
  const rows = [['provider', 'operation', 'cases', 'passed', 'failed', 'skipped', 'p50 ms', 'p95 ms']];
  for (const o of s.operations) rows.push([o.provider, o.operationId, o.cases, o.passed, o.failed, o.skipped, o.p50Ms ?? '-', o.p95Ms ?? '-'].map(String));
  const t = s.totals;
  rows.push(['total', '', t.cases, t.passed, t.failed, t.skipped, '', ''].map(String));
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i >= 2 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  const out = [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1, -1).map(line), widths.map((w) => '-'.repeat(w)).join('  '), line(rows[rows.length - 1])];
  for (const p of s.providers) if (p.status === 'skipped') out.push(`skipped ${p.provider}: ${p.reason}`);
  if (s.findings.length) {
    out.push('', `findings (${s.findings.length}):`);
    for (const f of s.findings.slice(0, maxFindings)) out.push(`  [${f.kind}] ${f.provider} ${f.operationId} ${f.check}: ${f.message}`);
    if (s.findings.length > maxFindings) out.push(`  … ${s.findings.length - maxFindings} more in summary.json`);
  }
  for (const e of s.errors.slice(0, 10)) out.push(`tool error ${e.code}: ${e.message}`);
  if (s.interrupted) out.push('', 'interrupted: the run stopped before every case ran');
  return out.join('\n');
}

/** The exit code of a run: 0 conformant, 1 findings (or failures, tool errors, interruption). */
export function exitCodeOf(s: RunSummary): 0 | 1 {
  return s.findings.length === 0 && s.totals.failed === 0 && s.errors.length === 0 && !s.interrupted ? 0 : 1;
}
