import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAjv } from '../../src/spec/ajv.ts';
import { loadPreviousSummary, openReportWriter, REPORT_FILES, type ExchangeRecord } from '../../src/reports/index.ts';
import { SPECS, sampleResults, summary, testCase } from './fixtures.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
let dir: string;
beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'vk-reports-'))));
afterEach(async () => rm(dir, { recursive: true, force: true }));

async function run(results = sampleResults(), previous: Awaited<ReturnType<typeof loadPreviousSummary>> = null) {
  const w = await openReportWriter(dir, { specs: SPECS, previous });
  for (const r of results) w.add(r);
  return w.finish(summary());
}

describe('openReportWriter', () => {
  it('writes the four files and leaves no temp file behind', async () => {
    const written = await run();
    expect(written.map((p) => p.slice(dir.length + 1)).sort()).toEqual([...REPORT_FILES].sort());
    expect((await readdir(dir)).sort()).toEqual([...REPORT_FILES].sort());
  });

  it('streams one redacted exchange per line, with the case when the result carries it', async () => {
    const results = sampleResults();
    results[0].testCase = testCase({ id: 'a-1', provider: 'alibaba-dypnsapi-intl', operationId: 'StartVerification', input: { query: { To: '6212345678901', Channel: 'SMS' } } });
    await run(results);
    const lines = (await readFile(join(dir, 'exchanges.ndjson'), 'utf8')).trimEnd().split('\n').map((l) => JSON.parse(l) as ExchangeRecord);
    expect(lines.map((l) => l.caseId)).toEqual(['a-1', 'a-2', 'a-3', 'j-1', 'j-2']);
    expect(lines[0].testCase?.input.query).toEqual({ To: '6212345****01', Channel: 'SMS' });
    expect(lines[4].error?.code).toBe('VK_TIMEOUT');
  });

  it('writes a summary with coverage, and JUnit and HTML that show the failure', async () => {
    await run();
    const s = JSON.parse(await readFile(join(dir, 'summary.json'), 'utf8'));
    expect(s.totals).toEqual({ cases: 6, passed: 3, failed: 2, skipped: 1 });
    expect(s.coverage.operations).toEqual({ total: 4, covered: 3, uncovered: ['huawei-osm/CheckVerifyCodes'], natural: 3, armed: [] });
    const html = await readFile(join(dir, 'index.html'), 'utf8');
    expect(html).toContain('received Success &quot;true&quot; (string) documented boolean');
    expect(html).toContain('<code>/Model/verificationId: must be string</code>');
    expect(html).toContain('<details class="case" id="case-0-a-3"');
    expect(html).toContain('<a href="#case-0-a-3">check a code</a>');
    expect(html).not.toMatch(/<(link|img|script) [^>]*(src|href)=/);
    expect(html).not.toContain('Changed since the last run');
    expect(await readFile(join(dir, 'junit.xml'), 'utf8')).toContain('<testsuite name="jiguang-jverification" tests="3" failures="1"');
  });

  it('writes a summary.json valid against schemas/summary.schema.json, also when the summary had no coverage', async () => {
    await run();
    const schema = JSON.parse(await readFile(join(ROOT, 'schemas', 'summary.schema.json'), 'utf8'));
    const validate = createAjv().compile(schema);
    const written = JSON.parse(await readFile(join(dir, 'summary.json'), 'utf8'));
    expect(validate(written) ? [] : validate.errors).toEqual([]);
  });

  it('shows what changed when a previous summary exists', async () => {
    await run();
    const previous = await loadPreviousSummary(dir);
    expect(previous?.startedAt).toBe('2026-11-21T23:00:00.000Z');
    await run(sampleResults().filter((r) => r.status !== 'failed'), { ...previous!, findings: [] });
    const html = await readFile(join(dir, 'index.html'), 'utf8');
    expect(html).toContain('Changed since the last run');
    expect(html).toContain('New findings');
  });

  it('answers a second finish with the first one\'s files and ignores late results', async () => {
    const w = await openReportWriter(dir, { specs: SPECS });
    w.add(sampleResults()[0]);
    const [first, second] = await Promise.all([w.finish(summary()), w.finish(summary({ target: 'live' }))]);
    w.add(sampleResults()[1]);
    expect(second).toEqual(first);
    expect(JSON.parse(await readFile(join(dir, 'summary.json'), 'utf8')).target).toBe('mock');
    expect((await readFile(join(dir, 'exchanges.ndjson'), 'utf8')).trimEnd().split('\n')).toHaveLength(1);
  });

  it('keeps the old summary.json in place until finish', async () => {
    await writeFile(join(dir, 'summary.json'), '{"tool":"verikit","totals":{},"startedAt":"old"}');
    const w = await openReportWriter(dir, { specs: SPECS });
    w.add(sampleResults()[0]);
    expect((await loadPreviousSummary(dir))?.startedAt).toBe('old');
    await w.finish(summary());
    expect((await loadPreviousSummary(dir))?.startedAt).toBe('2026-11-21T23:00:00.000Z');
  });
});

describe('index.html content', () => {
  const table = [
    { name: 'hostile text is escaped', results: [{ ...sampleResults()[2], title: '<img src=x onerror=alert(1)>' }], over: {}, want: ['&lt;img src=x onerror=alert(1)&gt;'], not: ['<img src=x'] },
    { name: 'an interrupted run says so', results: sampleResults(), over: { interrupted: true }, want: ['This run was interrupted'], not: [] },
    { name: 'tool errors are listed apart', results: sampleResults(), over: { errors: [{ code: 'VK_TOOL', message: 'signer crashed' }] }, want: ['<code>VK_TOOL</code> signer crashed'], not: [] },
    { name: 'a skipped provider says why', results: [], over: {}, want: ['provider skipped: no credentials (HUAWEICLOUD_SDK_AK)'], not: ['Failing cases ('] },
  ];
  it.each(table)('$name', async ({ results, over, want, not }) => {
    const w = await openReportWriter(dir, { specs: SPECS });
    for (const r of results) w.add(r);
    await w.finish(summary(over));
    const html = await readFile(join(dir, 'index.html'), 'utf8');
    for (const text of want) expect(html).toContain(text);
    for (const text of not) expect(html).not.toContain(text);
  });
});

describe('a run limited to some providers', () => {
  it('reports on those providers only', async () => {
    const w = await openReportWriter(dir, { specs: SPECS });
    for (const r of sampleResults().filter((r) => r.provider === 'jiguang-jverification')) w.add(r);
    await w.finish(summary({ providers: [{ provider: 'jiguang-jverification', status: 'ran' }] }));
    const html = await readFile(join(dir, 'index.html'), 'utf8');
    const junit = await readFile(join(dir, 'junit.xml'), 'utf8');
    expect(html).toContain('<option value="jiguang-jverification">');
    expect(html).not.toContain('<option value="huawei-osm">');
    expect(junit.match(/<testsuite /g)).toHaveLength(1);
  });
});

describe('loadPreviousSummary', () => {
  const table = [
    { name: 'missing', content: null, want: null },
    { name: 'corrupt', content: '{"tool":"verikit",', want: null },
    { name: 'not a verikit summary', content: '{"hello":1}', want: null },
    { name: 'valid', content: '{"tool":"verikit","totals":{"cases":1},"startedAt":"t"}', want: 't' },
  ];
  it.each(table)('$name -> $want', async ({ content, want }) => {
    if (content !== null) await writeFile(join(dir, 'summary.json'), content);
    expect((await loadPreviousSummary(dir))?.startedAt ?? null).toBe(want);
  });
});

describe('report errors', () => {
  it('fails with a VerikitError when the report dir cannot be created', async () => {
    await writeFile(join(dir, 'file'), 'x');
    await expect(openReportWriter(join(dir, 'file', 'sub'), { specs: SPECS })).rejects.toMatchObject({ code: 'VK_REPORT_WRITE', fix: expect.stringContaining('--report-dir') });
  });
});
