import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCollector, DEFAULT_LIMITS } from '../../src/reports/collect.ts';
import { renderJunit } from '../../src/reports/junit.ts';
import { createJunitSpool } from '../../src/reports/junit-spool.ts';
import { renderHtml } from '../../src/reports/html/render.ts';
import { sampleResults, summary } from './fixtures.ts';

const PROVIDERS = ['alibaba-dypnsapi-intl', 'jiguang-jverification', 'huawei-osm'];

describe('junit spool', () => {
  const table = [
    { name: 'the sample run', given: { copies: 1, providers: PROVIDERS, errors: [] as Array<{ code: string; message: string }> } },
    { name: 'many cases, tool errors', given: { copies: 300, providers: PROVIDERS, errors: [{ code: 'VK_TOOL', message: 'a-3: signer <crashed>' }] } },
    { name: 'a provider outside the list, an empty provider', given: { copies: 2, providers: ['huawei-osm', 'alibaba-resourcedirectorymaster'], errors: [] } },
    { name: 'no case at all', given: { copies: 0, providers: PROVIDERS, errors: [] } },
  ];
  it.each(table)('$name: the same bytes as renderJunit, temp files gone', async ({ given }) => {
    const dir = await mkdtemp(join(tmpdir(), 'vk-spool-'));
    const spool = createJunitSpool(dir);
    const collector = createCollector(DEFAULT_LIMITS);
    for (let i = 0; i < given.copies; i++) for (const r of sampleResults()) spool.add(collector.add(r));
    const s = summary({ errors: given.errors });
    const path = await spool.finish(s, given.providers);
    expect(path).toBe(join(dir, 'junit.xml'));
    expect(await readFile(path, 'utf8')).toBe(renderJunit(s, collector.result().cases, given.providers));
    expect(await readdir(dir)).toEqual(['junit.xml']);
  });

  it('discard removes the temp files and leaves no junit.xml', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vk-spool-'));
    const spool = createJunitSpool(dir);
    for (const r of sampleResults()) spool.add(createCollector().add(r));
    await spool.discard();
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('collector with maxCases', () => {
  it('keeps the first rows, counts the rest, and the HTML names how many more junit.xml lists', () => {
    const c = createCollector({ ...DEFAULT_LIMITS, maxCases: 4 });
    const results = [...sampleResults(), ...sampleResults()];
    for (const r of results) c.add(r);
    const got = c.result();
    expect(got.cases).toHaveLength(4);
    expect(got.casesOmitted).toBe(results.length - 4);
    const html = renderHtml({ summary: summary(), providers: [], collected: got, coverage: summary().coverage!, changes: null, maxCaseRows: 3 });
    expect(html).toContain(`${results.length - 3} more cases are listed in junit.xml.`);
  });
});
