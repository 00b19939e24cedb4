/** Reading back what src/reports/junit.ts writes, and rebuilding failed checks from findings + failure text. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding, RunSummary } from '../../src/core/types.ts';
import { readLines } from '../../src/merge/lines.ts';
import { readJunitCases } from '../../src/merge/junit-read.ts';
import { checksOf, kindFromId } from '../../src/merge/results.ts';
import { failureText, type CaseRecord } from '../../src/reports/collect.ts';
import { renderJunit } from '../../src/reports/junit.ts';

let dir: string;
beforeAll(async () => (dir = await mkdtemp(join(tmpdir(), 'vk-merge-junit-'))));
afterAll(async () => rm(dir, { recursive: true, force: true }));

const P = 'huawei-osm' as const;
const records: CaseRecord[] = [
  { caseId: `${P}/SendVerifyCodes/example`, provider: P, operationId: 'SendVerifyCodes', kind: 'positive', title: 'documented example', status: 'passed', durationMs: 12 },
  { caseId: `${P}/SendVerifyCodes/invalid/body/a[0]`, provider: P, operationId: 'SendVerifyCodes', kind: 'positive', title: 'a <b> & "c" [x] \'d\'', status: 'skipped', skipReason: 'cost guard: <billed>', durationMs: 0 },
  {
    caseId: `${P}/CheckVerifyCodes/required-only`, provider: P, operationId: 'CheckVerifyCodes', kind: 'positive', title: 'required fields only', status: 'failed', durationMs: 1500,
    failure: 'response-schema-conforms (contract): received 1 schema error documented none\n  /result: must be string\n  /x: <&>\nstatus-code-documented: received 599 documented 200', failedCheck: 'response-schema-conforms',
  },
];
const summary = { target: 'mock', durationMs: 2000, startedAt: '2026-12-04T00:00:00.000Z', providers: [{ provider: P, status: 'ran' }], errors: [{ code: 'VK_TOOL', message: 'x' }] } as unknown as RunSummary;

describe('readJunitCases', () => {
  it('gives back every case record renderJunit wrote (tool errors are not cases)', async () => {
    const file = join(dir, 'junit.xml');
    await writeFile(file, renderJunit(summary, records, [P]));
    const back: CaseRecord[] = [];
    for await (const r of readJunitCases(file, [P, 'alibaba-dypnsapi-intl'])) back.push(r);
    expect(back).toEqual(records);
  });

  it('refuses a line past its bound, naming the limit', async () => {
    const file = join(dir, 'long.ndjson');
    await writeFile(file, `short\n${'x'.repeat(5000)}\n`);
    const read = async () => {
      for await (const _ of readLines(file, 1000));
    };
    await expect(read()).rejects.toMatchObject({ code: 'VK_MERGE_LIMIT', message: expect.stringContaining('longer than 1000 characters') });
  });
});

describe('checksOf', () => {
  const f = (check: string, message: string, kind: Finding['kind'] = 'contract'): Finding => ({ provider: P, operationId: 'CheckVerifyCodes', caseId: 'c', check, kind, message });
  it.each([
    {
      given: 'findings with details in the failure text',
      findings: [f('response-schema-conforms', 'received 1 schema error documented none'), f('status-code-documented', 'received 599 documented 200')],
      checks: [
        { check: 'response-schema-conforms', kind: 'contract', details: ['/result: must be string', '/x: <&>'] },
        { check: 'status-code-documented', kind: 'contract' },
      ],
    },
    { given: 'no failure text', findings: [f('auth-enforced', 'received 200 documented 401')], text: null, checks: [{ check: 'auth-enforced', kind: 'contract' }] },
  ])('$given', ({ findings, checks, text }) => {
    const failure = text === null ? undefined : failureText({ checks: [{ check: 'response-schema-conforms', status: 'fail', kind: 'contract', message: 'received 1 schema error documented none', details: ['/result: must be string', '/x: <&>'] }, { check: 'status-code-documented', status: 'fail', message: 'received 599 documented 200' }], exchanges: [] });
    expect(checksOf(findings, failure).map(({ check, kind, details }) => (details ? { check, kind, details } : { check, kind }))).toEqual(checks);
  });
});

describe('kindFromId', () => {
  it.each([
    { given: 'huawei-osm/flow/send-check', want: 'flow' },
    { given: 'huawei-osm/SendVerifyCodes/example', want: 'example' },
    { given: 'huawei-osm/SendVerifyCodes/auth-none', want: 'auth' },
    { given: 'huawei-osm/SendVerifyCodes/invalid/body/x-required', want: 'negative' },
    { given: 'huawei-osm/SendVerifyCodes/required-only', want: 'positive' },
  ])('$given -> $want', ({ given, want }) => expect(kindFromId(given)).toBe(want));
});
