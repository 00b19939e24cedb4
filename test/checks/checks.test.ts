import { describe, expect, it } from 'vitest';
import { CHECKS, runChecks } from '../../src/checks/index.ts';
import type { CheckStatus } from '../../src/core/types.ts';
import { flowStepOutcome } from '../../src/checks/flow-step-outcome.ts';
import { input, operation, res, spec } from './fixtures.ts';

const ok = res(200, { Code: 'OK', Success: true });
const cases: Array<{ given: string; check: string; in: ReturnType<typeof input>; want: CheckStatus; msg?: RegExp }> = [
  { given: 'a documented 200', check: 'status-code-documented', in: input(ok), want: 'pass' },
  { given: 'an undocumented 502', check: 'status-code-documented', in: input(res(502, { Code: 'X' })), want: 'fail', msg: /received HTTP 502 documented 200, 400/ },
  { given: 'no response', check: 'status-code-documented', in: input(undefined), want: 'skip' },
  { given: 'json', check: 'content-type-documented', in: input(ok), want: 'pass' },
  { given: 'an HTML page', check: 'content-type-documented', in: input(res(200, '<html>oops</html>', 'text/html')), want: 'fail', msg: /received content-type text\/html documented application\/json/ },
  { given: 'a conforming body', check: 'response-schema-conforms', in: input(ok), want: 'pass' },
  { given: 'Success as a string', check: 'response-schema-conforms', in: input(res(200, { Code: 'OK', Success: 'true' })), want: 'fail', msg: /\/Success must be boolean/ },
  { given: 'an HTML body', check: 'response-schema-conforms', in: input(res(200, '<html>oops</html>', 'text/html')), want: 'fail', msg: /not JSON/ },
  { given: 'an undocumented status', check: 'response-schema-conforms', in: input(res(418, {})), want: 'skip' },
  { given: 'a documented code', check: 'error-code-documented', in: input(res(400, { Code: 'Invalid.Parameters' })), want: 'pass' },
  { given: 'a common code', check: 'error-code-documented', in: input(res(400, { Code: 'SignatureDoesNotMatch' })), want: 'pass' },
  { given: 'an undocumented code', check: 'error-code-documented', in: input(res(400, { Code: 'Boom' })), want: 'fail', msg: /received Code "Boom" with HTTP 400 documented OK, Invalid.Parameters/ },
  { given: 'a code with the wrong status', check: 'error-code-documented', in: input(res(500, { Code: 'Invalid.Parameters' })), want: 'fail', msg: /documented "Invalid.Parameters" with HTTP 400/ },
  { given: 'a negative case rejected', check: 'negative-data-rejected', in: input(res(400, { Code: 'Invalid.Parameters' }), 'negative'), want: 'pass' },
  { given: 'a negative case rejected in a 200 body', check: 'negative-data-rejected', in: input(res(200, { Code: 'MOBILE_NUMBER_ILLEGAL' }), 'negative'), want: 'pass' },
  { given: 'a negative case accepted', check: 'negative-data-rejected', in: input(ok, 'negative'), want: 'fail', msg: /received HTTP 200 OK \(accepted\) for enum violated at \/query\/Channel documented a rejection/ },
  { given: 'a positive case', check: 'negative-data-rejected', in: input(ok), want: 'skip' },
  { given: 'an auth case refused', check: 'auth-enforced', in: input(res(400, { Code: 'SignatureDoesNotMatch' }), 'auth'), want: 'pass' },
  { given: 'an auth case accepted', check: 'auth-enforced', in: input(ok, 'auth'), want: 'fail', msg: /with auth "none" documented an authentication error/ },
  { given: 'only documented fields', check: 'no-undocumented-fields', in: input(ok), want: 'pass' },
  { given: 'an extra field', check: 'no-undocumented-fields', in: input(res(200, { Code: 'OK', Success: true, Extra: 1 })), want: 'fail', msg: /Extra/ },
  { given: 'a __proto__ field', check: 'no-undocumented-fields', in: input(res(200, '{"Code":"OK","Success":true,"__proto__":{"x":1}}')), want: 'fail', msg: /received field "__proto__" \(object\) at \/body/ },
  { given: 'a whole body', check: 'body-within-limits', in: input(ok), want: 'pass' },
  { given: 'a body cut at the size limit', check: 'body-within-limits', in: input({ ...res(200, '{"Code":"OK"'), bodyLimit: { kind: 'size', received: 80_000_000, limit: 65536 } }), want: 'fail', msg: /body of 80\.0 MB exceeds the 64 KiB limit \(--max-body\); first 64 KiB kept/ },
  { given: 'a body nested too deep', check: 'body-within-limits', in: input({ ...res(200, '[[[['), bodyLimit: { kind: 'depth', received: 65, limit: 64 } }), want: 'fail', msg: /nested more than 64 levels deep/ },
  { given: 'a cut body', check: 'response-schema-conforms', in: input({ ...res(200, '{"Code":"OK"'), bodyLimit: { kind: 'size', received: 80_000_000, limit: 65536 } }), want: 'skip' },
  { given: 'a fast answer', check: 'response-time-within-budget', in: input(ok), want: 'pass' },
  { given: 'a slow answer', check: 'response-time-within-budget', in: input(res(200, { Code: 'OK' }, 'application/json', 1500)), want: 'fail', msg: /after 1500 ms documented a budget of 1000 ms/ },
  { given: 'a reset connection', check: 'response-received', in: input(undefined, 'positive', { error: { code: 'VK_CONN_RESET', message: 'socket hang up' } }), want: 'fail', msg: /VK_CONN_RESET/ },
];

describe('checks', () => {
  it.each(cases)('$check: $given -> $want', (c) => {
    const r = runChecks(c.in).find((x) => x.check === c.check)!;
    expect(r.status).toBe(c.want);
    if (c.msg) expect(r.message).toMatch(c.msg);
  });

  it('registry names are unique and every check answers', () => {
    expect(new Set(CHECKS.map((c) => c.name)).size).toBe(CHECKS.length);
    expect(runChecks(input(ok)).map((r) => r.check)).toEqual(CHECKS.map((c) => c.name));
  });

  it('marks undocumented fields as drift, not contract', () => {
    const r = runChecks(input(res(200, { Code: 'OK', Extra: 1 }))).find((x) => x.check === 'no-undocumented-fields')!;
    expect([r.kind, r.driftClass]).toEqual(['drift', 'undocumented-field']);
  });
});

describe('flow-step-outcome', () => {
  const table = [
    { given: 'success expected, OK', res: ok, expect: 'success' as const, want: 'pass' },
    { given: 'success expected, error code', res: res(200, { Code: 'MOBILE_NUMBER_ILLEGAL' }), expect: 'success' as const, want: 'fail' },
    { given: 'error expected, OK', res: ok, expect: 'error' as const, want: 'fail' },
    { given: 'not-approved, approved', res: res(200, { Code: 'OK', Model: { status: 'approved' } }), expect: 'not-approved' as const, want: 'fail' },
    { given: 'not-approved, error', res: res(400, { Code: 'Invalid.Parameters' }), expect: 'not-approved' as const, want: 'pass' },
  ];
  it.each(table)('$given -> $want', (t) => {
    expect(flowStepOutcome(spec, operation, t.res, { title: 'step', expect: t.expect }).status).toBe(t.want);
  });
});
