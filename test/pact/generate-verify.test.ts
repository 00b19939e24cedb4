/**
 * End to end with the real Pact core: cases run against the embedded mocks, pacts are written through
 * Pact's mock server, then replayed with the Pact Verifier against the mocks — clean, and with a drift
 * fault that retypes a field.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';
import type { CaseResult } from '../../src/core/types.ts';
import { startMocks, type RunningMocks } from '../../src/mock/index.ts';
import { comparePact, generatePacts, keepForPact } from '../../src/pact/index.ts';
import { parsePact } from '../../src/pact/pactfile.ts';
import { verifyPacts } from '../../src/pact/verify.ts';
import { runConformance } from '../../src/runner/run.ts';
import { createLiveTarget } from '../../src/runner/targets/live.ts';
import { createMockTarget } from '../../src/runner/targets/mock.ts';
import { TEST_CREDENTIALS } from '../../src/signing/credentials.ts';
import type { Target } from '../../src/runner/targets/types.ts';
import { loadSpecs } from '../../src/spec/load.ts';
import { PROVIDER_IDS, type ProviderSpec } from '../../src/spec/model.ts';

type Json = Record<string, any>;

let dir: string;
let specs: ProviderSpec[];
let mocks: RunningMocks;
let target: Target;
let files: string[];
const pacts = new Map<string, Json>();

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vk-pact-'));
  specs = await loadSpecs('specs');
  mocks = await startMocks({ portBase: 0 });
  target = await createMockTarget({ providers: [...PROVIDER_IDS], running: mocks });
  const results: CaseResult[] = [];
  await runConformance({
    specs, target, seed: 7, latencyBudgetMs: 0,
    costGuard: { enforce: false, allowSend: true, allowNumbers: [], maxSends: 0 },
    onResult: (r) => { if (keepForPact(r)) results.push(r); },
  });
  files = await generatePacts({ specs, results, dir });
  for (const f of files) pacts.set(f, JSON.parse(await readFile(f, 'utf8')));
}, 240_000);

afterAll(async () => {
  await mocks?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

function interaction(provider: string, description: string): Json {
  const pact = pacts.get(join(dir, `verikit-${provider}.json`))!;
  const found = pact.interactions.find((i: Json) => i.description === description);
  expect(found, `${provider}: ${description}`).toBeDefined();
  return found;
}

describe('generatePacts', () => {
  it('writes one valid Pact V4 file per provider, named <consumer>-<provider>.json', () => {
    expect(files).toEqual(PROVIDER_IDS.map((p) => join(dir, `verikit-${p}.json`)));
    for (const [file, pact] of pacts) {
      expect(pact.metadata.pactSpecification.version, file).toBe('4.0');
      expect(pact.consumer.name).toBe('verikit');
      expect(file.endsWith(`verikit-${pact.provider.name}.json`)).toBe(true);
      expect(pact.interactions.length).toBeGreaterThan(2);
      expect(pact.interactions.length).toBeLessThan(30);
      for (const i of pact.interactions) {
        expect(i.type).toBe('Synchronous/HTTP');
        expect(i.providerStates?.[0]?.name, i.description).toMatch(/\w/);
      }
    }
  });

  it('covers positive answers and documented errors, one interaction per operation + status + code', () => {
    for (const pact of pacts.values()) {
      const descriptions = pact.interactions.map((i: Json) => i.description);
      expect(new Set(descriptions).size).toBe(descriptions.length);
      expect(descriptions.some((d: string) => d.includes(' succeeds: '))).toBe(true);
      expect(descriptions.some((d: string) => d.includes(' is refused: '))).toBe(true);
    }
  });

  it('keeps the Success quirk: boolean for StartVerification, string for CheckVerification, each type-matched', () => {
    const start = interaction('alibaba-dypnsapi-intl', 'StartVerification succeeds: 200 OK');
    const check = interaction('alibaba-dypnsapi-intl', 'CheckVerification succeeds: 200 OK');
    expect(start.response.body.content.Success).toBe(true);
    expect(check.response.body.content.Success).toBe('true');
    expect(start.response.matchingRules.body['$.Success'].matchers).toEqual([{ match: 'type' }]);
    expect(check.response.matchingRules.body['$.Success'].matchers).toEqual([{ match: 'type' }, { match: 'regex', regex: '^(true|false)$' }]);
    expect(check.response.body.content.Code).toBe('OK');
    expect(check.response.matchingRules.body['$.Code']).toBeUndefined();
    expect(check.providerStates[0].name).toBe('a verification was started for a number');
  });

  it('every regex in a pact is satisfied by its own example value', () => {
    let checked = 0;
    for (const pact of pacts.values()) {
      for (const i of pact.interactions) {
        for (const part of ['request', 'response'] as const) {
          const rules = i[part].matchingRules ?? {};
          for (const [category, paths] of Object.entries(rules as Record<string, Json>)) {
            for (const [path, rule] of Object.entries(paths)) {
              for (const m of (rule as Json).matchers.filter((x: Json) => x.match === 'regex')) {
                const values = category === 'body' ? valuesAt(i[part].body.content, path) : [i[part][category === 'header' ? 'headers' : category][path]].flat();
                expect(values.length, `${i.description} ${category} ${path}`).toBeGreaterThan(0);
                for (const v of values) expect(new RegExp(m.regex, 'u').test(String(v)), `${i.description} ${path}: ${v} ~ ${m.regex}`).toBe(true);
                checked++;
              }
            }
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(10);
  });

  it('keeps integer codes integer (JVerification)', () => {
    const ok = interaction('jiguang-jverification', 'Verify succeeds: 200 9000');
    expect(ok.response.body.content.code).toBe(9000);
    expect(ok.response.matchingRules.body['$.id'].matchers).toEqual([{ match: 'integer' }]);
  });

  it('redacts: no test number, OTP code or credential appears; redacted values are injected from the state', () => {
    const testCreds = ['LTAI5tVerikitTestKey01', 'VerikitTestSecret0000000000001', 'VERIKITTESTAK0000001', 'MIIVerikitTestIamToken000000000000000001', 'verikit0test0app0key0001'];
    for (const [file, pact] of pacts) {
      const text = JSON.stringify(pact);
      // the numbers cases and flows use (13800138100-899, 447700900xxx); 86-13800138000 is the example a
      // mock's error message quotes from the docs, not a number the run sent to
      expect(text, file).not.toMatch(/13800138[1-8]\d\d|447700900\d{3}/);
      for (const c of testCreds) expect(text, file).not.toContain(c);
      expect(text).not.toMatch(/Signature=[0-9a-f]{16}/);
    }
    const check = interaction('alibaba-dypnsapi-intl', 'CheckVerification succeeds: 200 OK');
    expect(check.request.query.Code).toEqual(['******']);
    expect(check.request.query.To[0]).toMatch(/^\d+\*{4}\d{2}$/);
    expect(check.request.generators.query.Code).toEqual({ type: 'ProviderState', expression: '${Code}' });
    expect(check.request.headers.authorization).toEqual(['ACS3-HMAC-SHA256 [REDACTED]']);
    const osm = interaction('huawei-osm', 'CheckVerifyCodes succeeds: 200');
    expect(osm.request.body.content.verify_code).toBe('******');
  });
});

describe('the generated pacts against the specs', () => {
  it('pass the strict compare: nothing undocumented is expected', () => {
    for (const [file, pact] of pacts) expect(comparePact(parsePact(pact, file), specs), file).toEqual([]);
  });
});

describe('verifyPacts against the mocks', () => {
  it('passes for every provider', async () => {
    const out = await verifyPacts({ files, specs, target });
    expect(out.map((o) => [o.provider, o.status, o.failures])).toEqual(PROVIDER_IDS.map((p) => [p, 'passed', []]));
  }, 180_000);

  it("fails with Pact's mismatch text when a mock fault retypes a field", async () => {
    const res = await fetchFault(mocks.urls['alibaba-dypnsapi-intl'], { kind: 'drift', mode: 'retype-field', field: 'Success', operationId: 'CheckVerification' });
    expect(res).toBe(201);
    try {
      const [out] = await verifyPacts({ files: [join(dir, 'verikit-alibaba-dypnsapi-intl.json')], specs, target });
      expect(out.status).toBe('failed');
      expect(out.failures.join('\n')).toContain("CheckVerification succeeds: 200 OK: $.Success -> Expected true (Boolean) to be the same type as 'true' (String)");
      expect(out.failures.every((f) => f.includes('CheckVerification'))).toBe(true);
    } finally {
      mocks.control.clearFaults('alibaba-dypnsapi-intl');
    }
  }, 120_000);
});

describe('verifyPacts against a live-style endpoint', () => {
  it('signs with credentials from the environment and verifies free operations without --allow-send (with --allow-number)', async () => {
    const original = pacts.get(join(dir, 'verikit-alibaba-dypnsapi-intl.json'))!;
    const free = { ...original, interactions: original.interactions.filter((i: Json) => i.description.startsWith('SearchVerification')) };
    expect(free.interactions.length).toBeGreaterThan(0);
    const file = join(dir, 'free.json');
    await writeFile(file, JSON.stringify(free));
    const live = createLiveTarget({
      specs, providers: ['alibaba-dypnsapi-intl'], interactive: false,
      baseUrls: { 'alibaba-dypnsapi-intl': mocks.urls['alibaba-dypnsapi-intl'] },
      env: { ALIBABA_CLOUD_ACCESS_KEY_ID: TEST_CREDENTIALS.alibaba.accessKeyId, ALIBABA_CLOUD_ACCESS_KEY_SECRET: TEST_CREDENTIALS.alibaba.accessKeySecret },
    });
    const [out] = await verifyPacts({ files: [file], specs, target: live, liveNumber: { cc: '86', national: '13800138000' } });
    expect([out.status, out.failures]).toEqual(['passed', []]);
  }, 120_000);
});

describe('verikit pact verify (CLI)', () => {
  it('exits 1 and writes the mismatch to the report when a pact expects what the provider does not answer', async () => {
    const original = pacts.get(join(dir, 'verikit-alibaba-dypnsapi-intl.json'))!;
    const edited = JSON.parse(JSON.stringify(original));
    const start = edited.interactions.find((i: Json) => i.description === 'StartVerification succeeds: 200 OK');
    start.response.body.content.Success = 'true'; // the consumer wrongly relies on a string
    edited.interactions = [start];
    const file = join(dir, 'edited.json');
    const report = join(dir, 'verify-report.json');
    await writeFile(file, JSON.stringify(edited));
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      expect(await main(['pact', 'verify', '--report', report, file])).toBe(1);
    } finally {
      log.mockRestore();
    }
    const out = JSON.parse(await readFile(report, 'utf8'));
    expect(out.target).toBe('mock');
    expect(out.outcomes[0].status).toBe('failed');
    expect(out.outcomes[0].failures.join('\n')).toContain("$.Success -> Expected true (Boolean) to be the same type as 'true' (String)");
  }, 120_000);
});

/** Values at a Pact body path such as `$.Model.records[*].to` or `$['a-b'].c`. */
function valuesAt(root: unknown, path: string): unknown[] {
  const segs = [...path.slice(1).matchAll(/\.([A-Za-z_][A-Za-z0-9_]*)|\['([^']+)'\]|\[(\*|\d+)\]/g)].map((m) => m[1] ?? m[2] ?? m[3]);
  let cur: unknown[] = [root];
  for (const seg of segs) {
    cur = cur.flatMap((v) => (seg === '*' ? (Array.isArray(v) ? v : []) : v && typeof v === 'object' && seg in (v as Json) ? [(v as Json)[seg]] : []));
  }
  return cur;
}

/** Arms a fault through the HTTP control plane, as a user would. */
async function fetchFault(baseUrl: string, fault: Json): Promise<number> {
  const { request } = await import('undici');
  const res = await request(`${baseUrl}/__verikit/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(fault) });
  await res.body.text();
  return res.statusCode;
}
