// Smoke run of the benchmark harness with tiny sizes: asserts the result structure, never timings.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runBench, writeResults } from '../../bench/main.ts';
import { median, percentile, ratio, summarize } from '../../bench/lib/stats.ts';
import { syntheticSpec } from '../../bench/lib/synthetic.ts';
import { ownerOf, summarizeProfile, type CpuProfile } from '../../bench/lib/profile.ts';
import { dreddDoc, toDraft4 } from '../../bench/lib/dredd.ts';
import { buildSpec } from '../../src/spec/build.ts';

describe('bench stats', () => {
  it.each([
    { given: [3, 1, 2], want: { median: 2, min: 1, max: 3 } },
    { given: [4, 1, 3, 2], want: { median: 2.5, min: 1, max: 4 } },
    { given: [7], want: { median: 7, min: 7, max: 7 } },
  ])('summarize($given)', ({ given, want }) => {
    expect(summarize(given)).toEqual({ runs: given, ...want });
    expect(median(given)).toBe(want.median);
  });

  it.each([
    { given: { values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], p: 99 }, want: 10 },
    { given: { values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], p: 50 }, want: 5 },
  ])('percentile $given.p', ({ given, want }) => expect(percentile(given.values, given.p)).toBe(want));

  it.each([
    { given: [10, 5], want: 2 },
    { given: [1, 0], want: null },
    { given: [null, 2], want: null },
  ])('ratio($given)', ({ given, want }) => expect(ratio(given[0], given[1])).toBe(want));
});

describe('synthetic specs', () => {
  it.each([{ given: 1, want: 1 }, { given: 25, want: 25 }])('$given operations build into the spec model', ({ given, want }) => {
    const spec = buildSpec(syntheticSpec(given), 'synthetic.yaml');
    expect(spec.operations).toHaveLength(want);
    expect(spec.operations[0].responses[0].examples).toHaveProperty('9000');
  });
});

describe('profile summaries', () => {
  it.each([
    { given: { url: 'file:///x/node_modules/ajv/dist/core.js', fn: 'compile' }, want: 'ajv' },
    { given: { url: 'file:///x/node_modules/@pact-foundation/pact/a.js', fn: 'f' }, want: '@pact-foundation/pact' },
    { given: { url: 'file:///work/main/src/core/redact.ts', fn: 'redactText' }, want: 'src/core/redact.ts' },
    { given: { url: 'node:net', fn: 'connect' }, want: '(node internals)' },
    { given: { url: '', fn: 'RegExp: a|b' }, want: '(regular expressions)' },
    { given: { url: '', fn: '(garbage collector)' }, want: '(garbage collector)' },
  ])('ownerOf($given.url)', ({ given, want }) => expect(ownerOf(given.url, given.fn)).toBe(want));

  it('attributes self time to owners and inclusive time to verikit functions', () => {
    const frame = (functionName: string, url: string) => ({ functionName, url, lineNumber: 0 });
    const profile: CpuProfile = {
      nodes: [
        { id: 1, callFrame: frame('(root)', ''), children: [2] },
        { id: 2, callFrame: frame('runChecks', 'file:///w/src/checks/index.ts'), children: [3] },
        { id: 3, callFrame: frame('compile', 'file:///w/node_modules/ajv/dist/core.js') },
      ],
      samples: [2, 3, 3, 3],
      timeDeltas: [1000, 1000, 1000, 1000],
    };
    const s = summarizeProfile(profile);
    expect(s.totalMs).toBe(4);
    expect(s.owners).toEqual([{ owner: 'ajv', pct: 75 }, { owner: 'src/checks/index.ts', pct: 25 }]);
    expect(s.functions).toEqual([{ name: 'runChecks (src/checks/index.ts)', pct: 100 }]);
    expect(s.hottest[0]).toEqual({ name: 'compile [ajv]', pct: 75 });
  });

  it('leaves out the profiler\'s own session (node:inspector and what it calls)', () => {
    const frame = (functionName: string, url: string) => ({ functionName, url, lineNumber: 0 });
    const profile: CpuProfile = {
      nodes: [
        { id: 1, callFrame: frame('(root)', ''), children: [2, 4] },
        { id: 2, callFrame: frame('post', 'node:inspector'), children: [3] },
        { id: 3, callFrame: frame('dispatch', '') },
        { id: 4, callFrame: frame('runChecks', 'file:///w/src/checks/index.ts') },
      ],
      samples: [3, 3, 3, 4],
      timeDeltas: [1000, 1000, 1000, 1000],
    };
    const s = summarizeProfile(profile);
    expect(s.totalMs).toBe(1);
    expect(s.hottest).toEqual([{ name: 'runChecks [src/checks/index.ts]', pct: 100 }]);
  });
});

describe('dredd document', () => {
  it.each([
    { given: { type: ['string', 'null'], const: 'x', description: 'd' }, want: { type: 'string', enum: ['x'] } },
    { given: { type: 'object', properties: { a: { type: ['integer', 'null'] } } }, want: { type: 'object', properties: { a: { type: 'integer' } } } },
  ])('toDraft4($given)', ({ given, want }) => expect(toDraft4(given)).toEqual(want));

  it('puts the operation on its wire path with its query parameters', () => {
    const op = buildSpec(syntheticSpec(1), 'synthetic.yaml').operations[0];
    const doc = dreddDoc(op, 'copy 0') as { swagger: string; paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
    expect(doc.swagger).toBe('2.0');
    expect(Object.keys(doc.paths)).toEqual([op.wire.path]);
    expect(doc.paths[op.wire.path].post.responses).toHaveProperty('200');
  });
});

describe('bench harness (quick)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vk-bench-smoke-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs every section and writes results.json and RESULTS.md', { timeout: 600_000 }, async () => {
    const results = await runBench({ quick: true, diagnose: false, installPeers: false, outDir: dir, workDir: join(dir, 'work') });
    expect(results.quick).toBe(true);
    expect(results.machine.cores).toBeGreaterThan(0);
    expect(results.sections.map((s) => s.id)).toEqual(['mock', 'engine', 'validation', 'scale', 'e2e', 'proxy']);
    for (const s of results.sections) {
      expect(['ran', 'partial', 'unavailable']).toContain(s.status);
      // a section that did not fully run must say why
      if (s.status !== 'ran') expect(s.notes.length).toBeGreaterThan(0);
      for (const r of s.rows) {
        expect(r.value.runs.length).toBeGreaterThan(0);
        expect(r.value.min).toBeLessThanOrEqual(r.value.median);
        expect(r.value.median).toBeLessThanOrEqual(r.value.max);
      }
      for (const t of s.targets) expect([true, false, null]).toContain(t.met);
    }
    writeResults(results, dir);
    const md = readFileSync(join(dir, 'RESULTS.md'), 'utf8');
    expect(md).toContain('## Machine');
    for (const s of results.sections) expect(md).toContain(`## ${s.title}`);
    expect(JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')).sections).toHaveLength(6);
  });
});
