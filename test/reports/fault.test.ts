/**
 * End to end through the real engine: the embedded mock with an injected fault, the conformance run
 * streaming into the report writer, and the failure visible in index.html and junit.xml.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openReportWriter } from '../../src/reports/index.ts';
import { runConformance } from '../../src/runner/run.ts';
import { createMockTarget } from '../../src/runner/targets/mock.ts';
import { TEST_CREDENTIALS } from '../../src/signing/credentials.ts';
import { loadSpecs } from '../../src/spec/load.ts';
import type { RunSummary } from '../../src/core/types.ts';

const P = 'alibaba-dypnsapi-intl' as const;
let dir: string;
let summary: RunSummary;
const files: Record<string, string> = {};
const failedSingleOps = new Set<string>();

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vk-fault-'));
  const specs = (await loadSpecs('specs')).filter((s) => s.id === P);
  const target = await createMockTarget({ providers: [P] });
  try {
    // The mock answers CheckVerification with Success as a number: the spec documents the string "true".
    target.mocks.control.injectFault(P, { kind: 'drift', mode: 'retype-field', operationId: 'CheckVerification', field: 'Success', to: 1 });
    const writer = await openReportWriter(dir, { specs });
    const out = await runConformance({
      specs, providers: [P], target, seed: 3, costGuard: { enforce: false, allowSend: false, allowNumbers: [], maxSends: 0 },
      onResult: (r) => {
        if (r.status === 'failed' && r.kind !== 'flow') failedSingleOps.add(r.operationId);
        writer.add(r);
      },
    });
    summary = out.summary;
    await writer.finish(summary);
  } finally {
    await target.close();
  }
  for (const f of await readdir(dir)) files[f] = await readFile(join(dir, f), 'utf8');
});

afterAll(async () => rm(dir, { recursive: true, force: true }));

describe('a run with an injected fault', () => {
  it('fails the faulted operation and no other single-operation case', () => {
    expect([...failedSingleOps]).toEqual(['CheckVerification']);
    expect(summary.operations.find((o) => o.operationId === 'CheckVerification')?.failed).toBeGreaterThan(0);
  });

  it('shows the failure in index.html: red tile, the failed check, the schema path and the response', () => {
    const html = files['index.html'];
    expect(html).toMatch(/<a href="#op-alibaba-dypnsapi-intl-CheckVerification" class="tile failed"/);
    expect(html).toMatch(/<a href="#op-alibaba-dypnsapi-intl-StartVerification" class="tile passed"/);
    expect(html).toContain('<code>response-schema-conforms</code>');
    expect(html).toMatch(/<li><code>\/Success[^<]*<\/code><\/li>/);
    expect(html).toContain('&quot;Success&quot;: 1');
  });

  it('reports it in junit.xml and summary.json', () => {
    expect(files['junit.xml']).toMatch(/<failure message="response-schema-conforms \(contract\): [^"]*received/);
    const written = JSON.parse(files['summary.json']) as RunSummary;
    expect(written.findings.some((f) => f.operationId === 'CheckVerification' && f.check === 'response-schema-conforms')).toBe(true);
  });

  it('writes no credential into any file', () => {
    const a = TEST_CREDENTIALS.alibaba;
    for (const [name, text] of Object.entries(files)) {
      expect({ name, secret: text.includes(a.accessKeySecret), id: text.includes(a.accessKeyId) }).toEqual({ name, secret: false, id: false });
    }
  });
});
