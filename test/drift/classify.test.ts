import { describe, expect, it } from 'vitest';
import { classify } from '../../src/drift/classify.ts';
import type { ClassifyOptions } from '../../src/drift/classify.ts';
import { exchange, okBody, operation } from './fixtures.ts';

const edit = (f: (b: ReturnType<typeof okBody>) => void) => { const b = okBody(); f(b); return b; };

const table: Array<{ name: string; given: Parameters<typeof exchange>; opts?: ClassifyOptions; want: Array<{ class: string; pointer: string; value?: string }> }> = [
  { name: 'documented answer: no drift', given: [{ json: okBody() }], want: [] },
  { name: 'undocumented field (schema allows extra properties)', given: [{ json: edit((b) => ((b as any).Extra = 1)) }], want: [{ class: 'undocumented-field', pointer: '/body/Extra' }] },
  { name: 'undocumented nested field inside array items', given: [{ json: edit((b) => ((b.Model.records[0] as any).x = 1)) }], want: [{ class: 'undocumented-field', pointer: '/body/Model/records/*/x' }] },
  { name: 'missing required field', given: [{ json: edit((b) => delete (b as any).Success) }], want: [{ class: 'missing-required-field', pointer: '/body/Success' }] },
  { name: 'changed type (boolean -> string)', given: [{ json: edit((b) => ((b as any).Success = 'true')) }], want: [{ class: 'changed-type', pointer: '/body/Success' }] },
  { name: 'changed format (date-time)', given: [{ json: edit((b) => (b.Model.sendDate = '02/01/2026')) }], want: [{ class: 'changed-format', pointer: '/body/Model/sendDate' }] },
  { name: 'changed format (uuid)', given: [{ json: edit((b) => (b.RequestId = 'not-a-uuid')) }], want: [{ class: 'changed-format', pointer: '/body/RequestId' }] },
  { name: 'new enum value', given: [{ json: edit((b) => (b.Model.status = 'expired')) }], want: [{ class: 'new-enum-value', pointer: '/body/Model/status', value: 'expired' }] },
  { name: 'undocumented status', given: [{ status: 418, json: { Code: 'OK' } }], want: [{ class: 'undocumented-status', pointer: '/status', value: '418' }] },
  { name: 'undocumented error code', given: [{ status: 400, json: { RequestId: 'r', Code: 'Brand.New', Message: 'x' } }], want: [{ class: 'undocumented-error-code', pointer: '/body/Code', value: 'Brand.New' }] },
  { name: 'common code is documented', given: [{ status: 503, json: { Code: 'ServiceUnavailable' } }], want: [] },
  { name: 'content-type change with a JSON body', given: [{ json: okBody(), headers: { 'content-type': 'text/plain' } }], want: [{ class: 'content-type-change', pointer: '/headers/content-type', value: 'text/plain' }] },
  { name: 'HTML answer', given: [{ body: '<html>502 Bad Gateway</html>', parseError: 'Unexpected token <', headers: { 'content-type': 'text/html' } }], want: [{ class: 'content-type-change', pointer: '/headers/content-type', value: 'text/html' }, { class: 'not-json', pointer: '/body' }] },
  { name: 'invalid JSON with a JSON content type', given: [{ body: '{"Code": "OK",' }], want: [{ class: 'not-json', pointer: '/body' }] },
  { name: 'latency regression', given: [{ json: okBody(), durationMs: 900 }], opts: { latencyBaselineMs: 300 }, want: [{ class: 'latency-regression', pointer: '/durationMs' }] },
  { name: 'latency within tolerance', given: [{ json: okBody(), durationMs: 500 }], opts: { latencyBaselineMs: 300, latencyTolerance: 2 }, want: [] },
  { name: 'latency over the factor but within the minimum excess', given: [{ json: okBody(), durationMs: 45 }], opts: { latencyBaselineMs: 10, latencyTolerance: 3, latencyMinExcessMs: 500 }, want: [] },
  { name: 'timeout', given: [undefined, { code: 'VK_TIMEOUT', message: 'no answer in 100 ms' }], want: [{ class: 'no-response', pointer: '', value: 'VK_TIMEOUT' }] },
  { name: 'connection reset', given: [undefined, { code: 'VK_CONN_RESET', message: 'socket hang up' }], want: [{ class: 'no-response', pointer: '', value: 'VK_CONN_RESET' }] },
];

describe('classify', () => {
  it.each(table)('$name', ({ given, opts, want }) => {
    const got = classify(operation(), exchange(...given), { codeField: 'Code', ...opts });
    expect(got.map((d) => ({ class: d.class, pointer: d.pointer, ...(d.value !== undefined && { value: d.value }) }))).toEqual(want);
    for (const d of got) expect(d.message).toMatch(/^received .* documented /);
  });

  it('never writes a phone number into a message', () => {
    const body = edit((b) => ((b.Model as any).phoneNumber = 6212345678901));
    const [d] = classify(operation(), exchange({ json: body }), { codeField: 'Code' });
    expect(d.class).toBe('changed-type');
    expect(d.message).not.toContain('6212345678901');
  });

  it('does not flag a masked phone number as a format change (replayed traffic is redacted)', () => {
    const body = edit((b) => (b.Model.phoneNumber = '6212345****01'));
    expect(classify(operation(), exchange({ json: body }), { codeField: 'Code' })).toEqual([]);
  });
});
