/**
 * JUnit XML: one <testsuite> per provider, one <testcase> per case, <failure> carrying the finding
 * text and <skipped> the reason. Pure renderer; inputs must already be redacted.
 */
import type { RunSummary } from '../core/types.ts';
import type { CaseRecord } from './collect.ts';

/** Escapes text for XML and drops characters XML 1.0 cannot carry. */
export function xmlEscape(s: string): string {
  return s
    .replace(/[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const secs = (ms: number) => (Math.max(0, ms) / 1000).toFixed(3);

function firstLine(s: string): string {
  const i = s.indexOf('\n');
  return i < 0 ? s : s.slice(0, i);
}

function testcase(c: CaseRecord): string {
  const open = `    <testcase name="${xmlEscape(`${c.title} [${c.caseId}]`)}" classname="${xmlEscape(`${c.provider}.${c.operationId}`)}" time="${secs(c.durationMs)}"`;
  if (c.status === 'passed') return `${open}/>`;
  if (c.status === 'skipped') return `${open}>\n      <skipped message="${xmlEscape(c.skipReason ?? 'skipped')}"/>\n    </testcase>`;
  const text = c.failure ?? 'failed';
  return [
    `${open}>`,
    `      <failure message="${xmlEscape(firstLine(text))}" type="${xmlEscape(c.failedCheck ?? 'failure')}">${xmlEscape(text)}</failure>`,
    '    </testcase>',
  ].join('\n');
}

export function renderJunit(summary: RunSummary, cases: CaseRecord[], providerIds: string[]): string {
  const byProvider = new Map<string, CaseRecord[]>();
  for (const id of providerIds) byProvider.set(id, []);
  for (const c of cases) {
    if (!byProvider.has(c.provider)) byProvider.set(c.provider, []);
    byProvider.get(c.provider)!.push(c);
  }
  const skippedProviders = new Map<string, string | undefined>((summary.providers ?? []).filter((p) => p.status === 'skipped').map((p) => [p.provider, p.reason]));
  const suites: string[] = [];
  for (const [provider, list] of byProvider) {
    const body = list.map(testcase);
    let skipped = list.filter((c) => c.status === 'skipped').length;
    let tests = list.length;
    if (list.length === 0 && skippedProviders.has(provider)) {
      const reason = skippedProviders.get(provider) ?? 'provider skipped';
      body.push(`    <testcase name="${xmlEscape(provider)}" classname="${xmlEscape(provider)}" time="0.000">\n      <skipped message="${xmlEscape(reason)}"/>\n    </testcase>`);
      skipped = 1;
      tests = 1;
    }
    const failures = list.filter((c) => c.status === 'failed').length;
    const time = list.reduce((t, c) => t + c.durationMs, 0);
    suites.push(
      `  <testsuite name="${xmlEscape(provider)}" tests="${tests}" failures="${failures}" errors="0" skipped="${skipped}" time="${secs(time)}" timestamp="${xmlEscape(summary.startedAt)}">` +
        (body.length ? `\n${body.join('\n')}\n  </testsuite>` : '</testsuite>'),
    );
  }
  const t = summary.totals;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="verikit ${xmlEscape(summary.target)}" tests="${t.cases}" failures="${t.failed}" errors="${summary.errors?.length ?? 0}" skipped="${t.skipped}" time="${secs(summary.durationMs)}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
