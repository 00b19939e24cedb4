/**
 * A case is counted once, whatever fails while it is recorded: a result sink that throws (a report
 * writer, a pact collector) is a tool error in the summary, never a second result for the same case.
 * And the report writer records an exchange it cannot redact structurally or serialise, as text.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CaseResult } from '../../src/core/types.ts';
import { openReportWriter } from '../../src/reports/index.ts';
import { runConformance } from '../../src/runner/run.ts';
import { createMockTarget } from '../../src/runner/targets/mock.ts';
import { loadSpecs } from '../../src/spec/load.ts';
import { summary } from '../reports/fixtures.ts';

const P = 'huawei-osm' as const;

describe('counting cases', () => {
  it('counts each case once when onResult throws for some of them', async () => {
    const specs = (await loadSpecs('specs')).filter((s) => s.id === P);
    const target = await createMockTarget({ providers: [P] });
    try {
      let planned = 0;
      const seen: string[] = [];
      const out = await runConformance({
        specs, providers: [P], target, seed: 5, maxPerOperation: 8, costGuard: { enforce: false, allowSend: false, allowNumbers: [], maxSends: 0 },
        onPlan: (p) => (planned = p.cases + p.flows),
        onResult: (r) => {
          seen.push(r.caseId);
          if (seen.length % 3 === 0) throw new RangeError('Maximum call stack size exceeded');
        },
      });
      expect(planned).toBeGreaterThan(5);
      expect(out.summary.totals.cases).toBe(planned);
      expect(seen).toHaveLength(planned);
      expect(new Set(seen).size).toBe(planned);
      const errors = out.summary.errors.filter((e) => /recording the result failed: Maximum call stack/.test(e.message));
      expect(errors).toHaveLength(Math.floor(planned / 3));
    } finally {
      await target.close();
    }
  });
});

describe('the report writer records every exchange', () => {
  it('writes an exchange whose parsed body JSON.stringify cannot take, as text', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vk-once-'));
    try {
      const specs = (await loadSpecs('specs')).filter((s) => s.id === P);
      let deep: unknown = [];
      for (let i = 0; i < 200_000; i++) deep = [deep];
      const body = '{"error_code":"OSM.00000000","mobile":"13912345678"}';
      const r: CaseResult = {
        caseId: 'c-1', provider: P, operationId: 'CheckVerifyCodes', kind: 'example', title: 't', status: 'failed', durationMs: 1,
        checks: [{ check: 'x', status: 'fail', kind: 'contract', message: 'm' }],
        exchanges: [{ caseId: 'c-1', provider: P, operationId: 'CheckVerifyCodes', startedAt: '2026-01-01T00:00:00.000Z', request: { method: 'POST', url: 'http://127.0.0.1:1/x', headers: {} }, response: { status: 200, headers: {}, body, json: deep, durationMs: 1 } }],
      };
      const w = await openReportWriter(dir, { specs });
      w.add(r);
      await w.finish(summary({ totals: { cases: 1, passed: 0, failed: 1, skipped: 0 } }));
      const lines = (await readFile(join(dir, 'exchanges.ndjson'), 'utf8')).trim().split('\n');
      expect(lines).toHaveLength(1);
      const rec = JSON.parse(lines[0]) as { response: { body: string; json?: unknown } };
      expect(rec.response.json).toBeUndefined();
      expect(rec.response.body).toContain('OSM.00000000');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
