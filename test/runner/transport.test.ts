import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runConformance } from '../../src/runner/run.ts';
import type { CaseResult } from '../../src/core/types.ts';
import { fixedTarget, json, tinyServer, type Handler } from './server.ts';
import { spec } from './spec.ts';

const guardOff = { enforce: false, allowSend: false, allowNumbers: [], maxSends: 0 };
let srv: Awaited<ReturnType<typeof tinyServer>>;
beforeAll(async () => { srv = await tinyServer(json(200, { error_code: '' })); });
afterAll(() => srv.close());

async function runWith(handler: Handler, extra: Partial<Parameters<typeof runConformance>[0]> = {}) {
  srv.set(handler);
  srv.reset();
  const results: CaseResult[] = [];
  const out = await runConformance({
    specs: [spec], target: fixedTarget('huawei-osm', srv.url), seed: 1, costGuard: guardOff, timeoutMs: 300, latencyBudgetMs: 0,
    retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 2 }, onResult: (r) => results.push(r), ...extra,
  });
  return { ...out, results };
}

describe('a broken provider yields failed cases with the reason, never a crash', () => {
  const table: Array<{ given: string; handler: Handler; check: string; msg: RegExp }> = [
    { given: 'an HTML page', handler: (_q, s) => { s.writeHead(200, { 'content-type': 'text/html' }); s.end('<html>gateway</html>'); }, check: 'content-type-documented', msg: /received content-type text\/html documented application\/json/ },
    { given: 'garbage', handler: (_q, s) => { s.writeHead(200, { 'content-type': 'application/json' }); s.end('{not json'); }, check: 'response-schema-conforms', msg: /not JSON/ },
    { given: 'a reset connection', handler: (q) => q.socket.destroy(), check: 'response-received', msg: /VK_CONN_RESET/ },
    { given: 'no answer at all', handler: () => undefined, check: 'response-received', msg: /VK_TIMEOUT/ },
  ];
  it.each(table)('$given -> $check', async ({ handler, check, msg }) => {
    const { summary, results } = await runWith(handler, { maxPerOperation: 2 });
    expect(summary.totals.cases).toBe(4);
    expect(results.every((r) => r.status === 'failed')).toBe(true);
    const f = summary.findings.filter((x) => x.check === check);
    expect(f.length).toBe(4);
    expect(f[0].message).toMatch(msg);
  });
});

describe('retries', () => {
  it('retries 5xx on a free operation, never on a sending one', async () => {
    const { results } = await runWith(json(503, { error_code: 'BUSY' }), { maxPerOperation: 1, concurrency: 1 });
    expect(results.map((r) => r.operationId)).toEqual(['FreeOp', 'SendOp']);
    // 1 + 2 retries for FreeOp, exactly 1 for SendOp.
    expect(srv.requests()).toBe(4);
  });

  it('does not retry a documented 4xx', async () => {
    await runWith(json(400, { error_code: 'BAD' }), { maxPerOperation: 1, concurrency: 1 });
    expect(srv.requests()).toBe(2);
  });
});

describe('runConformance over a conformant server', () => {
  it('passes positives and fails negatives that are accepted, as contract findings', async () => {
    const { summary } = await runWith(json(200, { error_code: '' }));
    const neg = summary.findings.filter((f) => f.check === 'negative-data-rejected');
    expect(neg.length).toBeGreaterThan(0);
    expect(neg.every((f) => f.kind === 'contract' && /accepted/.test(f.message))).toBe(true);
    expect(summary.operations.map((o) => o.operationId)).toEqual(['FreeOp', 'SendOp']);
  });

  it('shards split the cases without overlap', async () => {
    const a = await runWith(json(400, { error_code: 'BAD' }), { shard: { index: 1, total: 2 } });
    const b = await runWith(json(400, { error_code: 'BAD' }), { shard: { index: 2, total: 2 } });
    const all = await runWith(json(400, { error_code: 'BAD' }));
    const ids = (r: CaseResult[]) => r.map((x) => x.caseId);
    expect(new Set([...ids(a.results), ...ids(b.results)])).toEqual(new Set(ids(all.results)));
    expect(ids(a.results).some((id) => ids(b.results).includes(id))).toBe(false);
  });

  it('stops on abort and marks the summary interrupted', async () => {
    const ac = new AbortController();
    ac.abort();
    const { summary } = await runWith(json(200, { error_code: '' }), { signal: ac.signal });
    expect(summary.interrupted).toBe(true);
    expect(summary.totals.cases).toBe(0);
  });

  it('more requests in flight than 10 on one signal print no listener-leak warning', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.name);
    process.on('warning', onWarning);
    try {
      const ac = new AbortController();
      const slow: Handler = (_q, s) => setTimeout(() => json(200, { error_code: '' })(_q, s), 20);
      const { summary } = await runWith(slow, { signal: ac.signal, concurrency: 16 });
      expect(summary.totals.cases).toBeGreaterThan(16);
      await new Promise((r) => setImmediate(r));
      expect(warnings).not.toContain('MaxListenersExceededWarning');
    } finally {
      process.off('warning', onWarning);
    }
  });
});
