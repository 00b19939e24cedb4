/**
 * `verikit merge` for real: three `verikit run --shard i/3` runs and the unsharded run with the same
 * seed, on the embedded mocks, through the CLI. The merged report must equal the unsharded one (cases,
 * totals, per-operation counts, coverage, exchanges, pact interactions per provider), and the merge
 * must refuse shards of another seed, specs or version, a duplicate and a missing shard.
 */
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verikit } from '../drift/cli.ts';

const RUN = ['run', '--max-per-operation', '4', '--seed', '7'];
let dir: string;
const shards = () => [1, 2, 3].map((i) => join(dir, `s${i}`));

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vk-merge-'));
  const runs = await Promise.all([
    verikit([...RUN, '--report-dir', join(dir, 'full')]),
    ...[1, 2, 3].map((i) => verikit([...RUN, '--shard', `${i}/3`, '--report-dir', join(dir, `s${i}`)])),
    verikit([...RUN.slice(0, -1), '9', '--shard', '2/3', '--report-dir', join(dir, 's2-seed9')]),
  ]);
  for (const r of runs) expect(r.code, r.stderr).toBe(0);
}, 120_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const json = async (file: string) => JSON.parse(await readFile(file, 'utf8'));
/** caseId -> status, from junit.xml (read with a plain pattern, not with the merge's own reader). */
async function junitCases(d: string): Promise<Map<string, string>> {
  const xml = await readFile(join(d, 'junit.xml'), 'utf8');
  const out = new Map<string, string>();
  for (const m of xml.matchAll(/<testcase name="[^"]*\[([^"\]]+)\]"[^>]*?(\/?)>(\s*<(failure|skipped))?/g)) out.set(m[1], m[2] === '/' ? 'passed' : m[4] === 'failure' ? 'failed' : 'skipped');
  return out;
}
const sortedCoverage = (c: Record<string, { total: number; covered: number; uncovered: string[]; natural?: number; armed?: string[] }>) =>
  Object.fromEntries(Object.entries(c).map(([k, v]) => [k, { ...v, uncovered: [...v.uncovered].sort(), armed: [...(v.armed ?? [])].sort() }]));
/** What must agree between two pact files: the interactions, without the mock's random ids. */
async function interactions(file: string) {
  const doc = await json(file);
  return doc.interactions.map((i: Record<string, any>) => {
    const { inject: _inject, ...params } = i.providerStates[0].params;
    return {
      description: i.description, state: i.providerStates[0].name, params,
      request: { method: i.request.method, path: i.request.path, query: Object.keys(i.request.query ?? {}).sort(), headers: Object.keys(i.request.headers ?? {}).sort() },
      response: { status: i.response.status, body: Object.keys(i.response.body?.content ?? {}).sort() },
    };
  });
}

describe('verikit merge', { timeout: 180_000 }, () => {
  it('reproduces the unsharded run with the same seed', async () => {
    const r = await verikit(['merge', ...shards(), '--report-dir', join(dir, 'merged')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('from 3 shards (seed 7)');
    const full = await json(join(dir, 'full', 'summary.json'));
    const merged = await json(join(dir, 'merged', 'summary.json'));
    const parts = await Promise.all(shards().map((s) => json(join(s, 'summary.json'))));
    // the shards really split the run
    expect(parts.map((p) => p.shard)).toEqual([1, 2, 3].map((index) => ({ index, total: 3 })));
    expect(parts.every((p) => p.totals.cases > 0 && p.totals.cases < full.totals.cases)).toBe(true);
    expect(merged.totals).toEqual(full.totals);
    expect(merged.mergedShards).toBe(3);
    expect(merged).toMatchObject({ seed: 7, specsDigest: full.specsDigest, version: full.version, target: 'mock' });
    expect(merged.shard).toBeUndefined();
    const counts = (s: any) => s.operations.map((o: any) => [o.provider, o.operationId, o.cases, o.passed, o.failed, o.skipped]);
    expect(counts(merged)).toEqual(counts(full));
    expect(merged.operations.every((o: any) => o.cases === 0 || o.p50Ms !== null)).toBe(true);
    expect(sortedCoverage(merged.coverage)).toEqual(sortedCoverage(full.coverage));
    // the armed coverage cases are planned, not decided per shard: natural and armed counts agree
    // (--max-per-operation 4 bounds out natural triggers, so this run is not at 100%)
    for (const k of ['statusCodes', 'errorCodes']) {
      expect(full.coverage[k].armed.length, k).toBeGreaterThan(0);
      expect(merged.coverage[k].natural, k).toBe(full.coverage[k].natural);
    }
    const finding = (f: any) => `${f.caseId} ${f.check} ${f.kind}`;
    expect(merged.findings.map(finding).sort()).toEqual(full.findings.map(finding).sort());

    expect(await junitCases(join(dir, 'merged'))).toEqual(await junitCases(join(dir, 'full')));
    const exchanged = async (d: string) => (await readFile(join(d, 'exchanges.ndjson'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l).caseId).sort();
    expect(await exchanged(join(dir, 'merged'))).toEqual(await exchanged(join(dir, 'full')));
    const html = await readFile(join(dir, 'merged', 'index.html'), 'utf8');
    expect(html.match(/<tr class="case-row"/g)?.length).toBe(full.totals.cases);

    const pacts = (await readdir(join(dir, 'full', 'pacts'))).sort();
    expect(pacts.length).toBe(4);
    expect((await readdir(join(dir, 'merged', 'pacts'))).sort()).toEqual(pacts);
    for (const name of pacts) expect(await interactions(join(dir, 'merged', 'pacts', name)), name).toEqual(await interactions(join(dir, 'full', 'pacts', name)));

    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(await json('schemas/summary.schema.json'));
    expect(validate(merged), JSON.stringify(validate.errors)).toBe(true);
    expect(validate(parts[0]), JSON.stringify(validate.errors)).toBe(true);
  });

  async function edited(from: string, name: string, edit: (s: any) => void): Promise<string> {
    const to = join(dir, name);
    await cp(from, to, { recursive: true });
    const s = await json(join(to, 'summary.json'));
    edit(s);
    await writeFile(join(to, 'summary.json'), JSON.stringify(s));
    return to;
  }

  it.each([
    { given: 'a shard of another seed', inputs: () => [shards()[0], join(dir, 's2-seed9'), shards()[2]], code: 'VK_MERGE_SEED', says: '--seed 9' },
    { given: 'a missing shard', inputs: () => [shards()[0], shards()[2]], code: 'VK_MERGE_SHARD_MISSING', says: 'shard 2/3 missing: got 2 of 3 shards' },
    { given: 'a shard given twice', inputs: () => [shards()[0], shards()[1], shards()[1], shards()[2]], code: 'VK_MERGE_SHARD_DUPLICATE', says: 'shard 2/3 is given twice' },
    { given: 'a directory that is no report', inputs: () => [shards()[0], join(dir, 'nothing'), shards()[2]], code: 'VK_MERGE_INPUT', says: 'has no summary.json' },
  ])('refuses $given ($code, exit 2)', async ({ inputs, code, says }) => {
    const r = await verikit(['merge', ...inputs(), '--report-dir', join(dir, 'refused')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`error[${code}]:`);
    expect(r.stderr).toContain(says);
    expect(r.stderr).toContain('fix: ');
  });

  it('refuses shards of other specs or another verikit version, and specs here that are not the shards\' ones', async () => {
    const otherSpecs = await edited(shards()[1], 's2-specs', (s) => (s.specsDigest = `sha256:${'0'.repeat(64)}`));
    let r = await verikit(['merge', shards()[0], otherSpecs, shards()[2], '--report-dir', join(dir, 'refused')]);
    expect([r.code, r.stderr]).toEqual([2, expect.stringContaining('error[VK_MERGE_SPECS]: ')]);
    const otherVersion = await edited(shards()[1], 's2-version', (s) => (s.version = '9.9.9'));
    r = await verikit(['merge', shards()[0], otherVersion, shards()[2], '--report-dir', join(dir, 'refused')]);
    expect([r.code, r.stderr]).toEqual([2, expect.stringContaining('error[VK_MERGE_VERSION]: ')]);
    expect(r.stderr).toContain('by verikit 9.9.9');
    const otherFilters = await edited(shards()[1], 's2-filters', (s) => (s.filters = { operations: ['huawei-osm/CheckVerifyCodes'], shard: '2/3' }));
    r = await verikit(['merge', shards()[0], otherFilters, shards()[2], '--report-dir', join(dir, 'refused')]);
    expect([r.code, r.stderr]).toEqual([2, expect.stringContaining('error[VK_MERGE_FILTERS]: ')]);
    expect(r.stderr).toContain('huawei-osm/CheckVerifyCodes');
    // the specs merge renders with must be the ones the shards ran
    const specs = join(dir, 'specs-edited');
    await cp('specs', specs, { recursive: true });
    const file = join(specs, 'huawei-osm.yaml');
    await writeFile(file, (await readFile(file, 'utf8')).replace(/^(\s*title:.*)$/m, '$1 (edited)'));
    r = await verikit(['merge', ...shards(), '--specs', specs, '--report-dir', join(dir, 'refused')]);
    expect([r.code, r.stderr]).toEqual([2, expect.stringContaining('error[VK_MERGE_SPECS]: the specs here')]);
    await expect(readdir(join(dir, 'refused'))).rejects.toThrow();
  });
});
