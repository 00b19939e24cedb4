import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/types.ts';
import { baselineSection } from '../../src/reports/html/baseline.ts';

const f = (baseline: Finding['baseline'], message: string): Finding => ({
  provider: 'alibaba-dypnsapi-intl', operationId: 'CheckVerification', check: 'drift:changed-type', kind: 'drift',
  driftClass: 'changed-type', message, baseline,
});

describe('baselineSection', () => {
  it.each([
    { given: 'no findings', findings: [] as Finding[], want: [] as string[], absent: ['id="baseline"'] },
    { given: 'contract findings only', findings: [{ ...f(undefined, 'x'), kind: 'contract' as const }], want: [], absent: ['id="baseline"'] },
    {
      given: 'new, known and fixed drift',
      findings: [f('new', 'received <b>string</b> documented boolean'), f('known', 'received extra documented none'), f('fixed', 'gone')],
      want: ['id="baseline"', 'New 1', 'Known 1', 'Fixed 1', 'received &lt;b&gt;string&lt;/b&gt; documented boolean', 'changed-type'],
      absent: ['<b>string</b>'],
    },
  ])('$given', ({ findings, want, absent }) => {
    const html = baselineSection(findings);
    for (const w of want) expect(html).toContain(w);
    for (const a of absent) expect(html).not.toContain(a);
  });
});
