import { describe, expect, it } from 'vitest';
import { diffSummaries } from '../../src/reports/changes.ts';
import { createCollector, DEFAULT_LIMITS } from '../../src/reports/collect.ts';
import { renderJunit, xmlEscape } from '../../src/reports/junit.ts';
import { redactBody } from '../../src/reports/redact.ts';
import { prettyBody } from '../../src/reports/html/escape.ts';
import { checkMessage } from '../../src/reports/html/sections.ts';
import { FAILED_CHECK, sampleResults, summary } from './fixtures.ts';

describe('redactBody', () => {
  const table = [
    { name: 'JSON keeps 64-bit ids and layout', given: '{"id": 117270465679982592, "code": 9000, "phone": "15813554612"}', dir: 'response' as const, want: '{"id": 117270465679982592, "code": 9000, "phone": "15813****12"}' },
    { name: 'JSON request masks OTP and token', given: '{"token":"STsid00000015426","verify_code":"123456"}', dir: 'request' as const, want: '{"token":"[REDACTED]","verify_code":"******"}' },
    { name: 'numeric phone becomes a masked string', given: '{"phone": 15813554612}', dir: 'request' as const, want: '{"phone": "15813****12"}' },
    { name: 'form body', given: 'To=6212345678901&Channel=SMS', dir: 'request' as const, headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, want: 'To=6212345****01&Channel=SMS' },
    // Escaped JSON inside a string is not touched structurally (its keys end in \" and do not match); registered values still go.
    { name: 'a field inside an escaped JSON string is left to text redaction', given: '{"phone": "15813554612", "echo": "{\\"phone\\": \\"15813554612\\"}"}', dir: 'response' as const, want: '{"phone": "15813****12", "echo": "{\\"phone\\": \\"15813554612\\"}"}' },
    { name: 'text with a signature', given: 'bad Signature=abcdef012345 here', dir: 'response' as const, want: 'bad Signature=[REDACTED] here' },
    { name: 'truncated JSON falls back to text redaction', given: '{"a": "Basic dGVzdDp0ZXN0dGVzdA==', dir: 'response' as const, want: '{"a": "Basic [REDACTED]' },
  ];
  it.each(table)('$name', ({ given, dir, headers, want }) => expect(redactBody(given, headers ?? {}, dir)).toBe(want));
});

describe('renderJunit', () => {
  const collector = createCollector(DEFAULT_LIMITS);
  for (const r of sampleResults()) collector.add(r);
  const xml = renderJunit(summary(), collector.result().cases, ['alibaba-dypnsapi-intl', 'jiguang-jverification', 'huawei-osm']);
  const table = [
    { name: 'one testsuite per provider', re: /<testsuite /g, want: 3 },
    { name: 'one testcase per case, plus one for the skipped provider', re: /<testcase /g, want: 7 },
    { name: 'failures', re: /<failure /g, want: 2 },
    { name: 'skips (a case and a provider)', re: /<skipped /g, want: 2 },
  ];
  it.each(table)('$name', ({ re, want }) => expect(xml.match(re)?.length ?? 0).toBe(want));
  it('carries the finding text, schema paths and skip reasons', () => {
    expect(xml).toContain('<failure message="response-schema (contract): received Success &quot;true&quot; (string) documented boolean" type="response-schema">');
    expect(xml).toContain('  /Model/verificationId: must be string</failure>');
    expect(xml).toContain('<skipped message="cost guard: per-call billing not allowed"/>');
    expect(xml).toContain('<skipped message="no credentials (HUAWEICLOUD_SDK_AK)"/>');
    expect(xml).toMatch(/<testsuite name="alibaba-dypnsapi-intl" tests="3" failures="1" errors="0" skipped="0"/);
  });
  it('totals add up over the suites, tool errors get a suite of their own', () => {
    const withErrors = renderJunit(summary({ errors: [{ code: 'VK_TOOL', message: 'a-3: signer <crashed>' }] }), collector.result().cases, ['alibaba-dypnsapi-intl', 'jiguang-jverification', 'huawei-osm']);
    expect(withErrors).toMatch(/<testsuites name="verikit mock" tests="8" failures="2" errors="1" skipped="2" time="1.234">/);
    expect(withErrors).toContain('<testsuite name="verikit" tests="1" failures="0" errors="1" skipped="0"');
    expect(withErrors).toContain('<error message="a-3: signer &lt;crashed&gt;" type="VK_TOOL"/>');
  });
  it('escapes markup and drops characters XML cannot hold', () => expect(xmlEscape('a<b>&"\'\u0001c')).toBe('a&lt;b&gt;&amp;&quot;&apos;c'));
});

describe('collector limits', () => {
  it('keeps every case record but only the first failing cases in full, with bodies truncated', () => {
    const c = createCollector({ ...DEFAULT_LIMITS, maxFailing: 1, maxBody: 10 });
    for (const r of [...sampleResults(), ...sampleResults()]) c.add(r);
    const got = c.result();
    expect(got.cases).toHaveLength(12);
    expect(got.failing).toHaveLength(1);
    expect(got.failingOmitted).toBe(3);
    expect(got.failing[0].exchanges[0].response?.body).toMatch(/^\{"Code":"O… \[\d+ more characters\]$/);
    expect(got.failing[0].exchanges[0].response?.json).toBeUndefined();
    const long = { ...sampleResults()[2], checks: [{ ...FAILED_CHECK, message: 'x'.repeat(5000) }] };
    c.add(long);
    expect(c.result().cases.at(-1)?.failure?.length).toBeLessThan(1100);
  });
});

describe('diffSummaries', () => {
  const op = (operationId: string, passed: number, failed: number) => ({ provider: 'alibaba-dypnsapi-intl' as const, operationId, cases: passed + failed, passed, failed, skipped: 0, p50Ms: 1, p95Ms: 2 });
  const cov = (covered: number) => ({ operations: { total: 4, covered, uncovered: [] }, statusCodes: { total: 1, covered: 1, uncovered: [] }, errorCodes: { total: 1, covered: 1, uncovered: [] }, constraints: { total: 1, covered: 1, uncovered: [] } });
  const table = [
    { name: 'identical runs', prev: summary({ operations: [op('A', 1, 0)] }), cur: summary({ operations: [op('A', 1, 0)] }), want: { ops: [], newF: 0, fixedF: 0, cov: 0 } },
    { name: 'regression and fix', prev: summary({ operations: [op('A', 1, 0), op('B', 0, 1)] }), cur: summary({ operations: [op('A', 0, 1), op('B', 1, 0)] }), want: { ops: ['A passed>failed', 'B failed>passed'], newF: 0, fixedF: 0, cov: 0 } },
    { name: 'finding gone, operation dropped, coverage moved', prev: summary({ operations: [op('C', 1, 0)], coverage: cov(2) }), cur: summary({ operations: [], findings: [], coverage: cov(3) }), want: { ops: ['C passed>not-run'], newF: 0, fixedF: 1, cov: 1 } },
    { name: 'new finding', prev: summary({ findings: [] }), cur: summary(), want: { ops: [], newF: 1, fixedF: 0, cov: 0 } },
  ];
  it.each(table)('$name', ({ prev, cur, want }) => {
    const d = diffSummaries(prev, cur);
    expect({
      ops: d.operations.map((o) => `${o.operationId} ${o.before}>${o.after}`),
      newF: d.newFindings.length, fixedF: d.fixedFindings.length, cov: d.coverage.length,
    }).toEqual(want);
  });
});

describe('prettyBody', () => {
  const table = [
    { given: '{"id": 117270465679982592,"a":[1,{}],"s":"x,{y}\\"z"}', want: '{\n  "id": 117270465679982592,\n  "a": [\n    1,\n    {}\n  ],\n  "s": "x,{y}\\"z"\n}' },
    { given: '{"a":1,"b":2… [9 more characters]', want: '{\n  "a": 1,\n  "b": 2… [9 more characters]' },
    { given: 'not json', want: 'not json' },
    { given: '', want: '' },
  ];
  it.each(table)('$given', ({ given, want }) => expect(prettyBody(given)).toBe(want));
});

describe('checkMessage', () => {
  const table = [
    { given: 'received HTTP 500 documented 200, 400', want: '<span class="kw">received</span> <mark class="rcv">HTTP 500</mark> <span class="kw">documented</span> <mark class="doc">200, 400</mark>' },
    { given: 'received Code "<x>" with HTTP 400 documented "<x>" with HTTP 200', want: '<span class="kw">received</span> <mark class="rcv">Code &quot;&lt;x&gt;&quot; with HTTP 400</mark> <span class="kw">documented</span> <mark class="doc">&quot;&lt;x&gt;&quot; with HTTP 200</mark>' },
    { given: 'no answer <b>', want: 'no answer &lt;b&gt;' },
    { given: 'step 3 (Check): received code 2000 documented 9003', want: 'step 3 (Check): <span class="kw">received</span> <mark class="rcv">code 2000</mark> <span class="kw">documented</span> <mark class="doc">9003</mark>' },
  ];
  it.each(table)('$given', ({ given, want }) => expect(checkMessage(given)).toBe(want));
});

describe('prettyBody stays linear on hostile bodies', () => {
  it.each([
    { given: '8 KB of unclosed [', body: '['.repeat(8192) },
    { given: 'an array 200,000 deep', body: `${'['.repeat(200_000)}${']'.repeat(200_000)}` },
    { given: 'objects 50,000 deep', body: `${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}` },
  ])('$given: output within a constant factor of the input', ({ body }) => {
    const out = prettyBody(body);
    // at most MAX_PRETTY_INDENT levels are indented: about 34 characters per input character at worst
    expect(out.length).toBeLessThanOrEqual(body.length * 40);
    expect(out.replace(/\s/g, '')).toBe(body.replace(/\s/g, '').replace(/:/g, ':'));
  });
  it('still indents an ordinary body', () => {
    expect(prettyBody('{"a":[1,{"b":"x, y"}]}')).toBe('{\n  "a": [\n    1,\n    {\n      "b": "x, y"\n    }\n  ]\n}');
  });
});

describe('the HTML coverage section', () => {
  it('tells natural from armed, and escapes the keys', async () => {
    const { coverage } = await import('../../src/reports/html/sections.ts');
    const html = coverage({
      operations: { total: 1, covered: 1, uncovered: [], natural: 1, armed: [] },
      statusCodes: { total: 2, covered: 2, uncovered: [], natural: 1, armed: ['p/Op 503'] },
      errorCodes: { total: 3, covered: 2, uncovered: ['p * <b>'], natural: 0, armed: ['p * Throttling', 'p/Op X'] },
      constraints: { total: 1, covered: 0, uncovered: ['p/Op type /body/a'] },
    });
    expect(html).toContain('<span class="natural">1 natural</span> · <details><summary>1 armed</summary><ul class="uncovered"><li><code>p/Op 503</code></li>');
    expect(html).toContain('<span class="natural">0 natural</span> · <details><summary>2 armed</summary>');
    expect(html).toContain('<code>p * &lt;b&gt;</code>');
    // a summary written before natural/armed existed shows a dash
    expect(html).toMatch(/Request constraints exercised by negative cases<\/td>.*<td><span class="muted">-<\/span><\/td>/);
    expect(html).toContain('proves the mock and the schemas, not the provider');
  });
});
