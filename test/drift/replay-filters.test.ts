/** `verikit replay` with --operation, --checks and --exclude-checks over a recording (CLI, offline). */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../src/core/types.ts';
import { verikit } from './cli.ts';

const P = 'alibaba-dypnsapi-intl';
const d = mkdtempSync(join(tmpdir(), 'vk-replay-filters-'));
afterAll(() => rmSync(d, { recursive: true, force: true }));
const summaryOf = (dir: string) => JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as RunSummary;

describe('verikit replay filters (CLI)', () => {
  it('re-checks only the filtered operations and checks, and compares with the recorded findings inside the filters', async () => {
    const rec = join(d, 'rec');
    // A 1 ms budget: every exchange of the recording has a response-time finding.
    const run = await verikit(['run', '--provider', P, '--max-per-operation', '2', '--latency-budget', '1', '--report-dir', rec]);
    expect(run.code, run.stderr).toBe(1);
    const recorded = summaryOf(rec);
    expect(recorded.findings.some((f) => f.check === 'response-time-within-budget')).toBe(true);

    const clean = join(d, 'clean');
    const r1 = await verikit(['replay', join(rec, 'exchanges.ndjson'), '--exclude-checks', 'response-time-within-budget', '--report-dir', clean]);
    expect(r1.code, r1.stdout + r1.stderr).toBe(0);
    expect(summaryOf(clean).filters).toEqual({ excludeChecks: ['response-time-within-budget'] });
    expect(r1.stdout).toMatch(/0 no longer found, 0 new/);

    const one = join(d, 'one');
    const r2 = await verikit(['replay', join(rec, 'exchanges.ndjson'), '--operation', 'CheckVerification', '--checks', 'response-time-within-budget', '--report-dir', one]);
    expect(r2.code).toBe(1);
    const s = summaryOf(one);
    expect(s.filters).toEqual({ operations: [`${P}/CheckVerification`], checks: ['response-time-within-budget'] });
    expect(s.findings.length).toBeGreaterThan(0);
    expect(new Set(s.findings.map((f) => `${f.operationId} ${f.check}`))).toEqual(new Set(['CheckVerification response-time-within-budget']));
    // The recorded findings of the same cases (a run files a failing flow under the step that failed).
    const ids = new Set(s.findings.map((f) => f.caseId));
    const want = recorded.findings.filter((f) => ids.has(f.caseId) && f.check === 'response-time-within-budget').length;
    expect(want).toBe(s.findings.length);
    expect(r2.stdout).toContain(`${want} finding(s) reproduced, 0 no longer found, 0 new`);
  }, 120_000);
});
