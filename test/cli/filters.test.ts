/**
 * The filter flags end to end (real CLI in child processes): --list with the config file, --shard and
 * --seed; a filtered sharded run executes exactly what --list printed; usage errors list valid names.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../src/core/types.ts';
import { RUN_CHECK_NAMES } from '../../src/runner/filters.ts';
import { DRIFT_CLASSES } from '../../src/drift/types.ts';
import { verikit } from '../drift/cli.ts';

const P = 'alibaba-dypnsapi-intl';
const ROOT = process.cwd();
let dir: string;
let config: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vk-filters-'));
  config = join(dir, 'verikit.config.yaml');
  await writeFile(config, `seed: 4\nmaxPerOperation: 5\noperations: [CheckVerification, huawei-osm/CheckVerifyCodes]\nexcludeChecks: [response-time-within-budget]\n`);
});

const list = async (args: string[]) => {
  const r = await verikit(['run', '--list', '--config', config, ...args], ROOT);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout.split('\n').filter(Boolean);
};

describe('verikit run filters (CLI)', () => {
  it('--list of every shard, concatenated, equals --list of the unsharded run as sets (config filters, config seed and --seed)', async () => {
    for (const seedArgs of [[], ['--seed', '9']]) {
      const whole = await list(seedArgs);
      const shards = (await Promise.all([1, 2, 3].map((i) => list([...seedArgs, '--shard', `${i}/3`])))).flat();
      expect(new Set(shards).size).toBe(shards.length);
      expect([...shards].sort()).toEqual([...whole].sort());
      const ids = whole.map((l) => l.split('\t')[0]);
      expect(ids.length).toBeGreaterThan(4);
      for (const id of ids) expect(id).toMatch(new RegExp(`^(${P}/(CheckVerification/|flow/)|huawei-osm/(CheckVerifyCodes/|flow/))`));
      // the mock target's plan (and so the shards' union) has the armed coverage cases
      expect(ids.filter((id) => id.includes('/answer-')).length).toBeGreaterThan(3);
    }
  }, 120_000);

  it('--list on a live target has no armed coverage cases (a live provider answers only on its own)', async () => {
    const mock = (await list([])).map((l) => l.split('\t')[0]);
    const live = (await list(['--target', 'live', '--base-url', `${P}=http://127.0.0.1:9`, '--base-url', 'huawei-osm=http://127.0.0.1:9'])).map((l) => l.split('\t')[0]);
    expect(live.length).toBeGreaterThan(0);
    expect(live.some((id) => id.includes('/answer-'))).toBe(false);
    expect(mock.filter((id) => !id.includes('/answer-'))).toEqual(live);
  }, 120_000);

  it('a filtered sharded run executes exactly the cases --list printed for it, and records its filters', async () => {
    const listed = (await list(['--shard', '2/3'])).map((l) => l.split('\t')[0]);
    const reports = join(dir, 'r');
    const r = await verikit(['run', '--config', config, '--shard', '2/3', '--checks', 'status-code-documented,response-received,flow-step-outcome', '--report-dir', reports], ROOT);
    expect(r.code, r.stderr).toBe(0);
    const s = JSON.parse(await readFile(join(reports, 'summary.json'), 'utf8')) as RunSummary;
    expect(s.seed).toBe(4);
    expect(s.filters).toEqual({ operations: [`${P}/CheckVerification`, 'huawei-osm/CheckVerifyCodes'], checks: ['status-code-documented', 'response-received', 'flow-step-outcome'], excludeChecks: ['response-time-within-budget'], shard: '2/3' });
    const ran = [...new Set((await readFile(join(reports, 'exchanges.ndjson'), 'utf8')).split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { caseId: string }).caseId.replace(/#\d+$/, '')))];
    expect(ran.sort()).toEqual([...listed].sort());
    expect(s.totals.cases).toBe(listed.length);
    expect(await readFile(join(reports, 'index.html'), 'utf8')).toContain('Filtered run:');
  }, 120_000);

  it('--list --json prints the same cases as ndjson', async () => {
    const text = await list([]);
    const json = (await list(['--json'])).map((l) => JSON.parse(l) as { caseId: string; kind: string; exercises: string });
    expect(json.map((j) => `${j.caseId}\t${j.kind}`)).toEqual(text.map((l) => l.split('\t').slice(0, 2).join('\t')));
  }, 60_000);

  describe('--list sends nothing', () => {
    let server: Server;
    let hits = 0;
    beforeAll(async () => {
      server = createServer((_req, res) => {
        hits++;
        res.end('{}');
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
    it('on a live target: no request reaches the endpoint', async () => {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const r = await verikit(['run', '--list', '--target', 'live', '--provider', P, '--base-url', `${P}=${url}`], ROOT, { ALIBABA_CLOUD_ACCESS_KEY_ID: 'x', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'y' });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout.split('\n').filter(Boolean).length).toBeGreaterThan(10);
      expect(hits).toBe(0);
    }, 60_000);
    it('--case of a billed case on a live target: the cost guard applies as usual (skipped, nothing sent)', async () => {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const reports = join(dir, 'billed');
      const r = await verikit(['run', '--target', 'live', '--base-url', `${P}=${url}`, '--case', `${P}/StartVerification/example`, '--report-dir', reports], ROOT, { ALIBABA_CLOUD_ACCESS_KEY_ID: 'x', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'y' });
      const s = JSON.parse(await readFile(join(reports, 'summary.json'), 'utf8')) as RunSummary;
      expect(s.totals, r.stderr).toMatchObject({ cases: 1, skipped: 1 });
      expect(hits).toBe(0);
    }, 60_000);
  });

  const errors = [
    { args: ['run', '--checks', 'status-code-documented,bogus-check'], want: 'bogus-check', lists: RUN_CHECK_NAMES },
    { args: ['run', '--exclude-checks', 'nope'], want: 'nope', lists: RUN_CHECK_NAMES },
    { args: ['run', '--operation', 'NoSuchOperation'], want: 'NoSuchOperation', lists: [`${P}/CheckVerification`] },
    { args: ['run', '--case', `${P}/CheckVerification/auth-nonee`], want: `${P}/CheckVerification/auth-none`, lists: [] },
    { args: ['run', '--json'], want: '--json only applies to --list', lists: [] },
    { args: ['drift', '--checks', 'undocumented-feld'], want: 'undocumented-feld', lists: DRIFT_CLASSES },
    { args: ['drift', '--operation', 'CheckVerification', '--update-baseline'], want: '--update-baseline cannot be combined', lists: [] },
  ];
  it.each(errors)('$args: usage error (exit 2)', async ({ args, want, lists }) => {
    const r = await verikit(args, ROOT);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(want);
    for (const n of lists) expect(r.stderr).toContain(n);
  }, 60_000);
});
