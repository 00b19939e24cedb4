/** Fixture specs, cases and results for the report tests (the engine is built in parallel). */
import type { CaseResult, CheckResult, Exchange, OperationStats, RunSummary, TestCase } from '../../src/core/types.ts';
import type { DocumentedCode, Operation, ProviderId, ProviderSpec } from '../../src/spec/model.ts';

function op(provider: ProviderId, operationId: string, requestSchema: Record<string, unknown>, statuses: number[], codes: Array<Partial<DocumentedCode> & { code: string }>): Operation {
  return {
    provider, operationId, summary: operationId, description: '', method: 'POST', path: `/rpc/${operationId}`,
    pointer: `/paths/~1rpc~1${operationId}/post`, wire: { method: 'POST', path: '/' }, parameters: [], requestSchema,
    responses: statuses.map((status) => ({ status, description: '', contentType: 'application/json', schema: {}, examples: {} })),
    codes: codes.map((c) => ({ status: 200, message: '', outcome: 'error', common: false, ...c })), cost: 'free', auth: ['acs3-hmac-sha256'],
  };
}

export const ALIBABA: ProviderSpec = {
  id: 'alibaba-dypnsapi-intl', title: 'Alibaba Cloud Phone Number Verification (intl)', version: '2017-07-25', file: 'specs/alibaba-dypnsapi-intl.yaml',
  servers: ['https://dypnsapi-intl.ap-southeast-1.aliyuncs.com'], codeField: 'Code', document: {},
  operations: [
    op('alibaba-dypnsapi-intl', 'StartVerification', {
      type: 'object', required: ['query'],
      properties: { query: { type: 'object', required: ['Channel', 'To'], properties: {
        Channel: { type: 'string', enum: ['SMS', 'VOICE', 'WHATSAPP'] }, To: { type: 'string', maxLength: 20, pattern: '^[0-9]+$' } } } },
    }, [200, 400], [{ code: 'OK', outcome: 'ok' }, { code: 'Invalid.Parameters', status: 400 }, { code: 'MOBILE_NUMBER_ILLEGAL' }, { code: 'Throttling', status: 429, common: true }]),
    op('alibaba-dypnsapi-intl', 'CheckVerification', {
      type: 'object', properties: { query: { type: 'object', required: ['Code'], properties: { Code: { type: 'string', minLength: 4 } } } },
    }, [200, 400], [{ code: 'OK', outcome: 'ok' }, { code: 'Invalid.Parameters', status: 400 }, { code: 'Throttling', status: 429, common: true }]),
  ],
};

export const JIGUANG: ProviderSpec = {
  id: 'jiguang-jverification', title: 'Jiguang JVerification', version: 'v1', file: 'specs/jiguang-jverification.yaml',
  servers: ['https://api.verification.jpush.cn'], codeField: 'code', document: {},
  operations: [
    op('jiguang-jverification', 'verify', {
      type: 'object', properties: { body: { type: 'object', required: ['token', 'phone'], additionalProperties: false, properties: {
        token: { type: 'string', minLength: 1 }, phone: { type: 'string' }, exID: { type: 'string' } } } },
    }, [200], [{ code: '9000', outcome: 'ok' }, { code: '9001' }, { code: '9011' }]),
  ],
};

export const HUAWEI: ProviderSpec = {
  id: 'huawei-osm', title: 'Huawei Cloud OSM', version: 'v2', file: 'specs/huawei-osm.yaml',
  servers: ['https://osm.ap-southeast-3.myhuaweicloud.com'], codeField: 'error_code', document: {},
  operations: [op('huawei-osm', 'CheckVerifyCodes', { type: 'object', properties: { body: { type: 'object', properties: { verify_code: { type: 'string', minLength: 6, maxLength: 6 } } } } }, [200], [{ code: 'OSM.01010010' }])],
};

export const SPECS = [ALIBABA, JIGUANG, HUAWEI];

export function testCase(over: Partial<TestCase> & Pick<TestCase, 'id' | 'provider' | 'operationId'>): TestCase {
  return { kind: 'example', title: over.id, input: {}, auth: 'valid', expect: { outcome: 'success' }, billed: false, ...over };
}

export function exchange(provider: ProviderId, operationId: string, caseId: string, status: number | null, json: unknown, url = 'https://example.test/?Action=X', durationMs = 40): Exchange {
  const ex: Exchange = { caseId, provider, operationId, startedAt: '2026-11-21T23:00:00.000Z', request: { method: 'POST', url, headers: { 'content-type': 'application/json' }, body: '{}' } };
  if (status === null) ex.error = { code: 'VK_TIMEOUT', message: 'no answer within 10000 ms' };
  else {
    const body = JSON.stringify(json);
    ex.response = { status, headers: { 'content-type': 'application/json' }, body, json, durationMs };
  }
  return ex;
}

export function result(over: Partial<CaseResult> & Pick<CaseResult, 'caseId' | 'provider' | 'operationId'>): CaseResult {
  return { kind: 'example', title: `case ${over.caseId}`, status: 'passed', checks: [{ check: 'status-documented', status: 'pass' }], exchanges: [], durationMs: 50, ...over };
}

export const FAILED_CHECK: CheckResult = {
  check: 'response-schema', status: 'fail', kind: 'contract',
  message: 'received Success "true" (string) documented boolean', details: ['/Success: must be boolean', '/Model/verificationId: must be string'],
};

/** A small, realistic run: passes, a failure with schema paths, a transport error, skips. */
export function sampleResults(): CaseResult[] {
  const A = 'alibaba-dypnsapi-intl' as const;
  const J = 'jiguang-jverification' as const;
  return [
    result({ caseId: 'a-1', provider: A, operationId: 'StartVerification', title: 'documented example', exchanges: [exchange(A, 'StartVerification', 'a-1', 200, { Code: 'OK', Success: true }, undefined, 30)] }),
    result({ caseId: 'a-2', provider: A, operationId: 'StartVerification', kind: 'negative', title: 'To longer than 20', exchanges: [exchange(A, 'StartVerification', 'a-2', 400, { Code: 'Invalid.Parameters' }, undefined, 50)] }),
    result({ caseId: 'a-3', provider: A, operationId: 'CheckVerification', title: 'check a code', status: 'failed', checks: [{ check: 'status-documented', status: 'pass' }, FAILED_CHECK], exchanges: [exchange(A, 'CheckVerification', 'a-3', 200, { Code: 'OK', Success: 1 }, undefined, 70)] }),
    result({ caseId: 'j-1', provider: J, operationId: 'verify', title: 'consistent number', exchanges: [exchange(J, 'verify', 'j-1', 200, { code: 9000, content: 'verify consistent' }, 'https://api.verification.jpush.cn/v1/web/verify', 90)] }),
    result({ caseId: 'j-2', provider: J, operationId: 'verify', kind: 'auth', title: 'wrong master secret', status: 'failed', checks: [{ check: 'transport', status: 'fail', kind: 'error', message: 'no answer within 10000 ms' }], exchanges: [exchange(J, 'verify', 'j-2', null, null, 'https://api.verification.jpush.cn/v1/web/verify')] }),
    result({ caseId: 'j-3', provider: J, operationId: 'verify', kind: 'positive', title: 'billed call', status: 'skipped', skipReason: 'cost guard: per-call billing not allowed', checks: [] }),
  ];
}

/** Per-operation stats as the engine's summary carries them (nearest-rank percentiles of response times). */
export function operationsOf(results: CaseResult[]): OperationStats[] {
  const byOp = new Map<string, OperationStats & { times: number[] }>();
  for (const r of results) {
    const k = `${r.provider}/${r.operationId}`;
    if (!byOp.has(k)) byOp.set(k, { provider: r.provider, operationId: r.operationId, cases: 0, passed: 0, failed: 0, skipped: 0, p50Ms: null, p95Ms: null, times: [] });
    const s = byOp.get(k)!;
    s.cases++;
    s[r.status]++;
    for (const ex of r.exchanges) if (ex.response) s.times.push(ex.response.durationMs);
  }
  const pct = (t: number[], p: number) => (t.length ? [...t].sort((a, b) => a - b)[Math.ceil((p / 100) * t.length) - 1] : null);
  return [...byOp.values()].map(({ times, ...s }) => ({ ...s, p50Ms: pct(times, 50), p95Ms: pct(times, 95) }));
}

export function summary(over: Partial<RunSummary> = {}): RunSummary {
  return {
    tool: 'verikit', version: '0.1.0', target: 'mock', startedAt: '2026-11-21T23:00:00.000Z', durationMs: 1234, seed: 42, gitCommit: '289ff3f0123456789abcdef', interrupted: false,
    totals: { cases: 6, passed: 3, failed: 2, skipped: 1 },
    providers: [{ provider: 'alibaba-dypnsapi-intl', status: 'ran' }, { provider: 'jiguang-jverification', status: 'ran' }, { provider: 'huawei-osm', status: 'skipped', reason: 'no credentials (HUAWEICLOUD_SDK_AK)' }],
    operations: operationsOf(sampleResults()),
    findings: [{ provider: 'alibaba-dypnsapi-intl', operationId: 'CheckVerification', caseId: 'a-3', check: 'response-schema', kind: 'contract', message: FAILED_CHECK.message! }],
    coverage: undefined as never,
    errors: [],
    ...over,
  };
}
