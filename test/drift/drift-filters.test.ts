/**
 * `verikit drift` with filters (child process, mocks in-process as a live provider): --operation and
 * --checks (drift classes) narrow what is reported, the baseline is cut to the same scope, and a case
 * with new drift reproduces with the command printed in junit.xml (`verikit drift … --case …`).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../src/core/types.ts';
import { buildBaseline, serializeBaseline } from '../../src/drift/baseline.ts';
import { startMocks, type RunningMocks } from '../../src/mock/index.ts';
import { TEST_CREDENTIALS } from '../../src/signing/credentials.ts';
import { verikit } from './cli.ts';

const P = 'alibaba-dypnsapi-intl' as const;
const ENV = { ALIBABA_CLOUD_ACCESS_KEY_ID: TEST_CREDENTIALS.alibaba.accessKeyId, ALIBABA_CLOUD_ACCESS_KEY_SECRET: TEST_CREDENTIALS.alibaba.accessKeySecret };
let mocks: RunningMocks;
let d: string;

beforeAll(async () => {
  mocks = await startMocks({ portBase: 0, providers: [P], credentials: TEST_CREDENTIALS });
  d = mkdtempSync(join(tmpdir(), 'vk-drift-filters-'));
});
afterAll(async () => {
  rmSync(d, { recursive: true, force: true });
  await mocks?.close();
});

const summaryOf = (reports: string) => JSON.parse(readFileSync(join(reports, 'summary.json'), 'utf8')) as RunSummary;
const xmlUnescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

describe('verikit drift filters (CLI)', () => {
  it('--operation and --checks narrow the drift; the baseline outside the filters is not "fixed"; --case re-runs a case from junit.xml', async () => {
    mocks.control.reset(P);
    mocks.control.injectFault(P, { kind: 'drift', mode: 'add-field', field: 'TraceId', to: 'x', operationId: 'CheckVerification' });
    mocks.control.injectFault(P, { kind: 'drift', mode: 'undocumented-code', to: 'Brand.New.Code', operationId: 'SearchVerification' });
    // A baseline that knows a deviation of another operation, which the filtered run does not look at.
    const baselineFile = join(d, 'baseline.json');
    writeFileSync(baselineFile, serializeBaseline(buildBaseline([{ provider: P, operationId: 'SearchVerification', class: 'changed-type', pointer: '/body/Model', message: 'm' }], undefined, '2026-01-01T00:00:00Z')));
    const reports = join(d, 'reports');
    const base = ['drift', '--target', 'live', '--base-url', `${P}=${mocks.urls[P]}`, '--baseline', baselineFile, '--max-per-operation', '2', '--seed', '3'];
    const r = await verikit([...base, '--operation', 'CheckVerification', '--checks', 'undocumented-field,drift:undocumented-error-code', '--report-dir', reports], undefined, ENV);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/drift: 1 new, 0 known, 0 fixed/);
    const s = summaryOf(reports);
    expect(s.filters).toEqual({ operations: [`${P}/CheckVerification`], checks: ['undocumented-field', 'undocumented-error-code'] });
    expect(new Set(s.findings.map((f) => `${f.operationId} ${f.driftClass}`))).toEqual(new Set(['CheckVerification undocumented-field']));

    const junit = readFileSync(join(reports, 'junit.xml'), 'utf8');
    const failure = /<testcase name="[^"]*\[([^\]]+)\]"[^>]*>\s*<failure [^>]*>([\s\S]*?)<\/failure>/.exec(junit)!;
    const caseId = xmlUnescape(failure[1]);
    const command = xmlUnescape(failure[2]).split('\n').find((l) => l.startsWith('reproduce: '))!.slice('reproduce: '.length);
    expect(r.stdout).toContain(command);
    const argv = command.split(' ');
    expect(argv.slice(0, 3)).toEqual(['npx', 'verikit', 'drift']);
    expect(argv).toEqual(expect.arrayContaining(['--case', caseId, '--seed', '3', '--baseline', baselineFile, '--checks', 'undocumented-field,undocumented-error-code']));
    const again = join(d, 'again');
    const re = await verikit([...argv.slice(2), '--report-dir', again], undefined, ENV);
    expect(re.code, re.stderr).toBe(1);
    const s2 = summaryOf(again);
    expect(s2.totals.cases).toBe(1);
    expect(s2.findings.map((f) => `${f.caseId} ${f.driftClass} ${f.baseline}`)).toEqual([`${caseId} undocumented-field new`]);

    // Only a class the faults do not produce: no new drift, green; the baseline's changed-type entry is in scope now, and not seen.
    const other = await verikit([...base, '--checks', 'changed-type', '--report-dir', join(d, 'other')], undefined, ENV);
    expect(other.code, other.stdout + other.stderr).toBe(0);
    expect(other.stdout).toMatch(/drift: 0 new, 0 known, 1 fixed/);
  }, 180_000);
});
