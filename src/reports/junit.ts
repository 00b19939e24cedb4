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

/** A failed testcase's text ends with this line and the command that re-runs the case. */
export const REPRODUCE_PREFIX = 'reproduce: ';

/** One <testcase> (indented, no trailing newline). */
export function testcase(c: CaseRecord): string {
  const open = `    <testcase name="${xmlEscape(`${c.title} [${c.caseId}]`)}" classname="${xmlEscape(`${c.provider}.${c.operationId}`)}" time="${secs(c.durationMs)}"`;
  if (c.status === 'passed') return `${open}/>`;
  if (c.status === 'skipped') return `${open}>\n      <skipped message="${xmlEscape(c.skipReason ?? 'skipped')}"/>\n    </testcase>`;
  const text = `${c.failure ?? 'failed'}${c.reproduce ? `\n${REPRODUCE_PREFIX}${c.reproduce}` : ''}`;
  return [
    `${open}>`,
    `      <failure message="${xmlEscape(firstLine(text))}" type="${xmlEscape(c.failedCheck ?? 'failure')}">${xmlEscape(text)}</failure>`,
    '    </testcase>',
  ].join('\n');
}

export interface Suite {
  name: string;
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
  ms: number;
  body: string[];
}

export function suiteOpen(s: Suite, timestamp: string): string {
  return `  <testsuite name="${xmlEscape(s.name)}" tests="${s.tests}" failures="${s.failures}" errors="${s.errors}" skipped="${s.skipped}" time="${secs(s.ms)}" timestamp="${xmlEscape(timestamp)}">`;
}

export function suiteXml(s: Suite, timestamp: string): string {
  const open = suiteOpen(s, timestamp);
  return s.body.length ? `${open}\n${s.body.join('\n')}\n  </testsuite>` : `${open}</testsuite>`;
}

/** A provider skipped as a whole (no credentials, not selected) shows as one skipped testcase. */
function skippedProvider(provider: string, reason: string): string {
  return `    <testcase name="${xmlEscape(provider)}" classname="${xmlEscape(provider)}" time="0.000">\n      <skipped message="${xmlEscape(reason)}"/>\n    </testcase>`;
}

export function renderJunit(summary: RunSummary, cases: CaseRecord[], providerIds: string[]): string {
  const byProvider = new Map<string, CaseRecord[]>();
  for (const id of providerIds) byProvider.set(id, []);
  for (const c of cases) {
    if (!byProvider.has(c.provider)) byProvider.set(c.provider, []);
    byProvider.get(c.provider)!.push(c);
  }
  const suites = completeSuites(summary, [...byProvider].map(([provider, list]) => ({
    name: provider, tests: list.length, errors: 0, body: list.map(testcase),
    failures: list.filter((c) => c.status === 'failed').length,
    skipped: list.filter((c) => c.status === 'skipped').length,
    ms: list.reduce((t, c) => t + c.durationMs, 0),
  })));
  return `${junitHeader(summary, suites)}\n${suites.map((s) => `${suiteXml(s, summary.startedAt)}\n`).join('')}${JUNIT_FOOTER}`;
}

/**
 * The provider suites completed: a provider skipped as a whole with no case gets its skipped testcase,
 * and tool errors get a suite of their own. Mutates and returns `suites`.
 */
export function completeSuites(summary: RunSummary, suites: Suite[]): Suite[] {
  const skippedProviders = new Map<string, string | undefined>((summary.providers ?? []).filter((p) => p.status === 'skipped').map((p) => [p.provider, p.reason]));
  for (const suite of suites) {
    if (suite.tests === 0 && skippedProviders.has(suite.name)) {
      suite.body.push(skippedProvider(suite.name, skippedProviders.get(suite.name) ?? 'provider skipped'));
      suite.tests = suite.skipped = 1;
    }
  }
  // Tool errors are verikit's own failures, not the provider's: a suite of their own, as <error>s.
  const errors = summary.errors ?? [];
  if (errors.length) {
    suites.push({
      name: 'verikit', tests: errors.length, failures: 0, errors: errors.length, skipped: 0, ms: 0,
      body: errors.map((e, i) => `    <testcase name="${xmlEscape(`tool error ${i + 1}: ${e.code}`)}" classname="verikit" time="0.000">\n      <error message="${xmlEscape(e.message)}" type="${xmlEscape(e.code)}"/>\n    </testcase>`),
    });
  }
  return suites;
}

/** The XML declaration and the <testsuites> opening tag with the totals of `suites`. */
export function junitHeader(summary: RunSummary, suites: Suite[]): string {
  const sum = (k: 'tests' | 'failures' | 'errors' | 'skipped') => suites.reduce((n, s) => n + s[k], 0);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="verikit ${xmlEscape(summary.target)}" tests="${sum('tests')}" failures="${sum('failures')}" errors="${sum('errors')}" skipped="${sum('skipped')}" time="${secs(summary.durationMs)}">`;
}

export const JUNIT_FOOTER = '</testsuites>\n';
