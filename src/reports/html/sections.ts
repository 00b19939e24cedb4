/** The sections of index.html, each a pure function to an HTML string (inputs already redacted). */
import { limitText } from '../../checks/body-within-limits.ts';
import type { Coverage, Exchange, OperationStats } from '../../core/types.ts';
import type { Changes } from '../changes.ts';
import { opResult, percent } from '../changes.ts';
import type { CaseRecord, FailingCase } from '../collect.ts';
import { anchor, esc, ms, prettyBody } from './escape.ts';

export interface ProviderView {
  id: string;
  title: string;
  operations: string[];
  status: 'ran' | 'skipped';
  reason?: string;
}

const statsKey = (provider: string, op: string) => `${provider}/${op}`;

export function matrix(providers: ProviderView[], ops: OperationStats[]): string {
  const byKey = new Map(ops.map((o) => [statsKey(o.provider, o.operationId), o]));
  const rows = providers.map((p) => {
    const names = [...p.operations];
    for (const o of ops) if (o.provider === p.id && !names.includes(o.operationId)) names.push(o.operationId);
    const tiles = names.map((op) => {
      const s = byKey.get(statsKey(p.id, op));
      const result = opResult(s);
      const counts = s?.cases ? `${s.passed} passed · ${s.failed} failed · ${s.skipped} skipped` : 'not run';
      // Operations with stats have a row in the latency table to jump to.
      const [el, href] = s ? ['a', ` href="#${anchor('op', p.id, op)}"`] : ['span', ''];
      return `<${el}${href} class="tile ${result}" data-provider="${esc(p.id)}" data-result="${result}" title="${esc(`${p.id} ${op}: ${result}`)}">${esc(op)}<small>${esc(counts)}</small></${el}>`;
    });
    const note = p.status === 'skipped' ? `<div class="muted">provider skipped: ${esc(p.reason ?? '')}</div>` : '';
    return `<tr data-provider="${esc(p.id)}"><td class="provider">${esc(p.id)}<div class="muted">${esc(p.title)}</div></td><td><div class="tiles">${tiles.join('')}</div>${note}</td></tr>`;
  });
  return `<section id="matrix"><h2>Provider × operation</h2>
<p class="muted noprint">Each tile is one operation: red when any case failed, green when cases passed, amber when all were skipped, grey when none ran.</p>
<table class="matrix"><thead><tr><th>Provider</th><th>Operations</th></tr></thead><tbody>${rows.join('\n')}</tbody></table></section>`;
}

function exchangeHtml(ex: Exchange, index: number, count: number): string {
  const req = ex.request;
  const reqText = [`${req.method} ${req.url}`, ...Object.entries(req.headers).map(([k, v]) => `${k}: ${v}`), '', prettyBody(req.body)].join('\n');
  let resText: string;
  if (ex.response) {
    const r = ex.response;
    resText = [`HTTP ${r.status}  (${ms(r.durationMs)})`, ...Object.entries(r.headers).map(([k, v]) => `${k}: ${v}`), '', prettyBody(r.body)].join('\n');
    if (r.bodyLimit) resText += `\n\n[${limitText(r.bodyLimit)}]`;
    else if (r.parseError) resText += `\n\n[body is not JSON: ${r.parseError}]`;
  } else resText = ex.error ? `no response: ${ex.error.code}: ${ex.error.message}` : 'no response';
  const step = count > 1 ? `<h3 class="step">Exchange ${index + 1} of ${count}: ${esc(ex.operationId)}</h3>` : '';
  return `${step}<div class="cols"><div><h3>Request (redacted)</h3><pre>${esc(reqText.trimEnd())}</pre></div><div><h3>Response (redacted)</h3><pre>${esc(resText.trimEnd())}</pre></div></div>`;
}

/** Highlights the two halves of a "received … documented …" message; other text stays plain. */
export function checkMessage(message: string): string {
  // Flow steps prefix the message with the step ("step 3 (CheckVerification): received …").
  const m = /^([\s\S]*?)\breceived ([\s\S]+?) documented ([\s\S]+)$/.exec(message);
  if (!m) return esc(message);
  return `${esc(m[1])}<span class="kw">received</span> <mark class="rcv">${esc(m[2])}</mark> <span class="kw">documented</span> <mark class="doc">${esc(m[3])}</mark>`;
}

/** The id of the i-th failing case's details, for links from the case list. */
const failingAnchor = (i: number, caseId: string) => anchor('case', String(i), caseId);

export function failingCases(failing: FailingCase[], omitted: number): string {
  if (failing.length === 0) return `<section id="failures"><h2>Failing cases</h2><p class="passed banner">No case failed.</p></section>`;
  const items = failing.map((f, i) => {
    const r = f.record;
    const checks = f.checks.map((c) => {
      const details = c.details?.length ? `<div>Schema error paths / details:</div><ul>${c.details.map((d) => `<li><code>${esc(d)}</code></li>`).join('')}</ul>` : '';
      return `<div class="check"><code>${esc(c.check)}</code>${c.kind ? ` <span class="muted">(${esc(c.kind)})</span>` : ''}: ${checkMessage(c.message ?? 'failed')}${details}</div>`;
    });
    if (checks.length === 0) checks.push(`<div class="check">${esc(r.failure ?? 'failed')}</div>`);
    if (r.reproduce) checks.push(`<div class="check repro">Reproduce: <code>${esc(r.reproduce)}</code></div>`);
    const exchanges = f.exchanges.map((ex, n) => exchangeHtml(ex, n, f.exchanges.length + f.exchangesOmitted)).join('');
    const more = f.exchangesOmitted ? `<p class="muted">${f.exchangesOmitted} more exchanges in exchanges.ndjson</p>` : '';
    return `<details class="case" id="${failingAnchor(i, r.caseId)}" data-provider="${esc(r.provider)}" data-result="failed"${i < 20 ? ' open' : ''}>
<summary>${esc(r.provider)} · ${esc(r.operationId)} · ${esc(r.title)} <span class="muted">[${esc(r.kind)}] ${esc(r.caseId)}</span></summary>
${checks.join('')}${exchanges}${more}</details>`;
  });
  const note = omitted ? `<p class="banner failed">${omitted} more failing cases are not shown here; junit.xml lists every case and exchanges.ndjson every exchange.</p>` : '';
  return `<section id="failures"><h2>Failing cases (${failing.length + omitted})</h2>${items.join('\n')}${note}</section>`;
}

const COVERAGE_LABELS: Record<keyof Coverage, string> = {
  operations: 'Operations exercised',
  statusCodes: 'Documented HTTP statuses observed',
  errorCodes: 'Documented error codes observed',
  constraints: 'Request constraints exercised by negative cases',
};

/** How the covered keys were reached: natural count, and the armed keys (absent in older summaries). */
function how(c: Coverage[keyof Coverage]): string {
  if (c.natural === undefined) return '<span class="muted">-</span>';
  const armed = c.armed ?? [];
  const list = armed.length ? ` · <details><summary>${armed.length} armed</summary><ul class="uncovered">${armed.map((u) => `<li><code>${esc(u)}</code></li>`).join('')}</ul></details>` : ' · 0 armed';
  return `<span class="natural">${c.natural} natural</span>${list}`;
}

export function coverage(cov: Coverage | undefined): string {
  if (!cov) return `<section id="coverage"><h2>Coverage</h2><p class="muted">No coverage recorded.</p></section>`;
  const rows = (Object.keys(COVERAGE_LABELS) as Array<keyof Coverage>).map((k) => {
    const c = cov[k] ?? { total: 0, covered: 0, uncovered: [] };
    const pct = percent(c.covered, c.total);
    const list = c.uncovered.length
      ? `<details><summary>${c.uncovered.length} uncovered</summary><ul class="uncovered">${c.uncovered.map((u) => `<li><code>${esc(u)}</code></li>`).join('')}</ul></details>`
      : '<span class="muted">all covered</span>';
    return `<tr><td>${COVERAGE_LABELS[k]}</td><td class="num">${c.covered} / ${c.total}</td><td class="num">${pct}%</td><td><div class="bar"><i style="width:${pct}%"></i></div></td><td>${how(c)}</td><td>${list}</td></tr>`;
  });
  return `<section id="coverage"><h2>Coverage</h2>
<table><thead><tr><th>What</th><th class="num">Covered</th><th class="num">%</th><th></th><th>Natural / armed</th><th>Uncovered</th></tr></thead><tbody>${rows.join('')}</tbody></table>
<p class="muted"><b>Natural</b>: reached by an answer the target gave on its own. <b>Armed</b>: reached only by an answer armed through the mock's control plane (<code>POST /__verikit/answers</code>), which proves the mock and the schemas, not the provider.</p>
<p class="muted">Error codes shared by every operation of a provider (signature, throttling, gateway) are listed once as <code>&lt;provider&gt; * &lt;code&gt;</code>.</p></section>`;
}

export function latency(ops: OperationStats[]): string {
  const rows = [...ops]
    .sort((a, b) => a.provider.localeCompare(b.provider) || a.operationId.localeCompare(b.operationId))
    .map((o) => `<tr id="${anchor('op', o.provider, o.operationId)}" data-provider="${esc(o.provider)}" data-result="${opResult(o)}"><td>${esc(o.provider)}</td><td>${esc(o.operationId)}</td><td class="num">${o.cases}</td><td class="num">${o.passed}</td><td class="num">${o.failed}</td><td class="num">${o.skipped}</td><td class="num">${ms(o.p50Ms)}</td><td class="num">${ms(o.p95Ms)}</td></tr>`);
  return `<section id="latency"><h2>Operations and latency</h2>
<table><thead><tr><th>Provider</th><th>Operation</th><th class="num">Cases</th><th class="num">Passed</th><th class="num">Failed</th><th class="num">Skipped</th><th class="num">p50</th><th class="num">p95</th></tr></thead><tbody>${rows.join('\n')}</tbody></table></section>`;
}

/** `omitted`: cases the collector did not keep (beyond the rows shown). */
export function cases(list: CaseRecord[], max: number, failing: FailingCase[] = [], omitted = 0): string {
  const detail = new Map(failing.map((f, i) => [f.record, failingAnchor(i, f.record.caseId)]));
  const rows = list.slice(0, max).map((c) => {
    const note = c.status === 'skipped' ? c.skipReason ?? '' : c.status === 'failed' ? (c.failure ?? '').split('\n')[0] : '';
    const title = detail.has(c) ? `<a href="#${detail.get(c)}">${esc(c.title)}</a>` : esc(c.title);
    return `<tr class="case-row" data-provider="${esc(c.provider)}" data-result="${c.status}"><td><span class="badge ${c.status}">${c.status}</span></td><td>${esc(c.provider)}</td><td>${esc(c.operationId)}</td><td>${esc(c.kind)}</td><td>${title}<div class="muted">${esc(note)}</div></td><td class="num">${ms(c.durationMs)}</td></tr>`;
  });
  const total = list.length + omitted;
  const more = total > max ? `<p class="muted">${total - max} more cases are listed in junit.xml.</p>` : '';
  return `<section id="cases"><h2>All cases</h2>
<table><thead><tr><th>Result</th><th>Provider</th><th>Operation</th><th>Kind</th><th>Case</th><th class="num">Time</th></tr></thead><tbody>${rows.join('\n')}</tbody></table>${more}</section>`;
}

export function changes(ch: Changes | null): string {
  if (!ch) return '';
  const t = ch.totals;
  const delta = (k: 'passed' | 'failed' | 'skipped' | 'cases') => `${k} ${t.before[k]} → ${t.after[k]}`;
  const ops = ch.operations.map((o) => `<li data-provider="${esc(o.provider)}"><code>${esc(o.provider)} ${esc(o.operationId)}</code>: <span class="badge ${o.before}">${o.before}</span> → <span class="badge ${o.after}">${o.after}</span></li>`);
  const finding = (f: Changes['newFindings'][number]) => `<li data-provider="${esc(f.provider)}"><code>${esc(f.provider)} ${esc(f.operationId)} ${esc(f.check)}</code>: ${esc(f.message)}</li>`;
  const cov = ch.coverage.map((c) => `<li>${COVERAGE_LABELS[c.name]}: ${c.before}% → ${c.after}%</li>`);
  const block = (title: string, items: string[]) => (items.length ? `<h3>${title}</h3><ul>${items.join('')}</ul>` : '');
  // Long finding lists fold away so the rest of the report stays in view.
  const folded = (title: string, items: string[]) =>
    items.length ? `<details${items.length <= 5 ? ' open' : ''}><summary><b>${title} (${items.length})</b></summary><ul>${items.join('')}</ul></details>` : '';
  const nothing = !ops.length && !ch.newFindings.length && !ch.fixedFindings.length && !cov.length;
  return `<section id="changes"><h2>Changed since the last run</h2>
<p>Previous run: ${esc(ch.previousStartedAt)} · ${delta('cases')} · ${delta('passed')} · ${delta('failed')} · ${delta('skipped')}</p>
${nothing ? '<p class="muted">No operation changed result; no finding appeared or went away.</p>' : ''}
${block('Operations that changed result', ops)}${folded('New findings', ch.newFindings.map(finding))}${folded('Fixed findings (gone since the last run)', ch.fixedFindings.map(finding))}${block('Coverage', cov)}</section>`;
}
