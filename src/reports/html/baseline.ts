/** The "Drift against the baseline" section: new, known and fixed deviations (verikit drift runs). Pure. */
import type { Finding } from '../../core/types.ts';
import { esc } from './escape.ts';

const GROUPS: Array<{ key: NonNullable<Finding['baseline']>; title: string; note: string; cls: string }> = [
  { key: 'new', title: 'New', note: 'not in the baseline: these fail the run', cls: 'failed' },
  { key: 'known', title: 'Known', note: 'recorded in the baseline: reported, not failing', cls: 'skipped' },
  { key: 'fixed', title: 'Fixed', note: 'in the baseline but no longer seen', cls: 'passed' },
];

export function baselineSection(findings: Finding[] | undefined): string {
  const judged = (findings ?? []).filter((f) => f.baseline);
  if (judged.length === 0) return '';
  const groups = GROUPS.map((g) => {
    const items = judged.filter((f) => f.baseline === g.key).map((f) =>
      `<li data-provider="${esc(f.provider)}"><code>${esc(f.provider)} ${esc(f.operationId)}</code> <span class="muted">${esc(f.driftClass ?? f.check)}</span>: ${esc(f.message)}</li>`);
    const open = g.key === 'new' || items.length <= 5 ? ' open' : '';
    return `<details${open}><summary><span class="badge ${g.cls}">${g.title} ${items.length}</span> <span class="muted">${g.note}</span></summary>${items.length ? `<ul>${items.join('')}</ul>` : ''}</details>`;
  });
  return `<section id="baseline"><h2>Drift against the baseline</h2>${groups.join('\n')}</section>`;
}
