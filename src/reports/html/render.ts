/** Assembles index.html: one self-contained page (inline CSS and JS, no network). Pure. */
import type { Coverage, RunSummary } from '../../core/types.ts';
import type { Changes } from '../changes.ts';
import { DEFAULT_CASE_ROWS, type Collected } from '../collect.ts';
import { CSS, JS } from './assets.ts';
import { duration, esc } from './escape.ts';
import { baselineSection } from './baseline.ts';
import { cases, changes, coverage, failingCases, latency, matrix, type ProviderView } from './sections.ts';

export type { ProviderView } from './sections.ts';

export interface HtmlInput {
  summary: RunSummary;
  providers: ProviderView[];
  collected: Collected;
  coverage: Coverage | undefined;
  changes: Changes | null;
  /** Rows of the "All cases" table. */
  maxCaseRows?: number;
}

function header(s: RunSummary): string {
  const t = s.totals;
  const commit = s.gitCommit ? s.gitCommit.slice(0, 12) : 'unknown';
  const interrupted = s.interrupted ? '<div class="banner failed">This run was interrupted before all cases ran: the results are partial.</div>' : '';
  const errors = s.errors?.length
    ? `<div class="banner skipped"><b>Tool errors (not the provider's fault):</b><ul>${s.errors.map((e) => `<li><code>${esc(e.code)}</code> ${esc(e.message)}</li>`).join('')}</ul></div>`
    : '';
  const observed = s.target === 'proxy' ? '<div class="banner skipped"><b>Observed traffic:</b> every exchange here was made by an application through <code>verikit proxy</code>; verikit generated none of them and sent nothing of its own.</div>' : '';
  return `<header><h1>verikit report — ${s.target === 'proxy' ? 'observed traffic (proxy)' : `${esc(s.target)} run`}</h1>
<div class="meta"><span>Started <b>${esc(s.startedAt)}</b></span><span>Duration <b>${esc(duration(s.durationMs))}</b></span><span>Commit <b>${esc(commit)}</b></span><span>Seed <b>${esc(s.seed)}</b></span><span>verikit <b>${esc(s.version)}</b></span></div>
<div class="totals"><span class="badge not-run">${t.cases} cases</span><span class="badge passed">${t.passed} passed</span><span class="badge failed">${t.failed} failed</span><span class="badge skipped">${t.skipped} skipped</span><span class="badge not-run">${s.findings?.length ?? 0} findings</span></div>
${observed}${runFilters(s.filters)}${interrupted}${errors}</header>`;
}

/** The filters the run applied (--operation, --checks, --exclude-checks, --case, --shard), when any did. */
function runFilters(f: RunSummary['filters']): string {
  if (!f) return '';
  const item = (label: string, values: string[] | undefined) => (values?.length ? `<span>${label} <b>${values.map((v) => `<code>${esc(v)}</code>`).join(', ')}</b></span>` : '');
  return `<div class="meta run-filters" aria-label="filters applied">Filtered run: ${item('operations', f.operations)}${item('checks', f.checks)}${item('excluded checks', f.excludeChecks)}${item('cases', f.cases)}${item('shard', f.shard ? [f.shard] : undefined)}</div>`;
}

function filters(providers: ProviderView[], hasChanges: boolean): string {
  const opts = providers.map((p) => `<option value="${esc(p.id)}">${esc(p.id)}</option>`).join('');
  return `<div class="filters" role="search"><label for="f-provider">Provider</label><select id="f-provider"><option value="">all providers</option>${opts}</select>
<label for="f-result">Result</label><select id="f-result"><option value="">all results</option><option value="failed">failed</option><option value="passed">passed</option><option value="skipped">skipped</option><option value="not-run">not run</option></select>
<span id="f-count" class="muted" aria-live="polite"></span>
<span class="muted">Jump to: <a href="#matrix">matrix</a> · ${hasChanges ? '<a href="#changes">changes</a> · ' : ''}<a href="#failures">failures</a> · <a href="#coverage">coverage</a> · <a href="#latency">latency</a> · <a href="#cases">cases</a></span></div>`;
}

export function renderHtml(input: HtmlInput): string {
  const { summary, providers, collected } = input;
  const ops = summary.operations ?? [];
  const title = `verikit ${summary.target} ${summary.startedAt}: ${summary.totals.failed} failed`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>${esc(title)}</title><style>${CSS}</style></head>
<body><main>
${header(summary)}
${filters(providers, input.changes !== null)}
${matrix(providers, ops)}
${changes(input.changes)}
${baselineSection(summary.findings)}
${failingCases(collected.failing, collected.failingOmitted)}
${coverage(input.coverage)}
${latency(ops)}
${cases(collected.cases, input.maxCaseRows ?? DEFAULT_CASE_ROWS, collected.failing, collected.casesOmitted)}
</main><script>${JS}</script></body></html>
`;
}
