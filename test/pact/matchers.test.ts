import { describe, expect, it } from 'vitest';
import { MatchersV3 } from '@pact-foundation/pact';
import { stringPattern, template, type RegexRule } from '../../src/pact/matchers.ts';
import { requestValue } from '../../src/pact/request.ts';
import { asExpected, documentedOutcome } from '../../src/pact/select.ts';
import type { TestCase } from '../../src/core/types.ts';
import type { Operation } from '../../src/spec/model.ts';

describe('template: matchers from schemas', () => {
  const cases: Array<{ name: string; value: unknown; schema?: Record<string, unknown>; want: unknown }> = [
    { name: 'integer keeps integer', value: 9000, schema: { type: 'integer' }, want: MatchersV3.integer(9000) },
    { name: 'number with a fraction is decimal', value: 1.5, schema: { type: 'number' }, want: MatchersV3.decimal(1.5) },
    { name: 'whole number typed number is number, not integer', value: 2, schema: { type: 'number' }, want: MatchersV3.number(2) },
    { name: 'boolean Success is a boolean matcher', value: true, schema: { type: 'boolean' }, want: MatchersV3.boolean(true) },
    { name: 'string Success is a type (string) matcher', value: 'true', schema: { type: 'string' }, want: MatchersV3.like('true') },
    { name: 'array -> eachLike of its first element', value: [{ n: 1 }], schema: { type: 'array', items: { type: 'object', properties: { n: { type: 'integer' } } } }, want: MatchersV3.eachLike({ n: MatchersV3.integer(1) }, 1) },
    { name: 'empty array stays exact', value: [], schema: { type: 'array' }, want: [] },
    { name: 'null stays null', value: null, want: null },
  ];
  for (const c of cases) it(c.name, () => expect(template(c.value, c.schema)).toEqual(c.want));

  it('formatted strings: a type matcher plus a regex rule on the same path', () => {
    const rules: RegexRule[] = [];
    const schema = { type: 'object', properties: { Model: { type: 'object', properties: { status: { type: 'string', enum: ['approved', 'pending'] }, id: { type: 'string', pattern: '^c-[A-Za-z0-9]+$' } } } } };
    const out = template({ Model: { status: 'approved', id: 'c-abc' } }, schema, { rules });
    expect(out).toEqual({ Model: { status: MatchersV3.like('approved'), id: MatchersV3.like('c-abc') } });
    expect(rules).toEqual([
      { path: '$.Model.status', regex: '^(approved|pending)$', example: 'approved' },
      { path: '$.Model.id', regex: '^c-[A-Za-z0-9]+$', example: 'c-abc' },
    ]);
  });

  it('a redacted example that no longer satisfies the pattern gets no regex', () => {
    const rules: RegexRule[] = [];
    template({ phoneNumber: '8613800****23' }, { type: 'object', properties: { phoneNumber: { type: 'string', pattern: '^\\d+$' } } }, { rules });
    expect(rules).toEqual([]);
  });

  it('the result-code field stays exact', () => {
    expect(template({ Code: 'OK', Message: 'OK' }, undefined, { exact: ['Code'] })).toEqual({ Code: 'OK', Message: MatchersV3.like('OK') });
  });

  const patterns: Array<{ schema: Record<string, unknown>; want: string | undefined }> = [
    { schema: { pattern: '^a$' }, want: '^a$' },
    { schema: { enum: ['a.b', 'c'] }, want: '^(a\\.b|c)$' },
    { schema: { format: 'date' }, want: '^\\d{4}-\\d{2}-\\d{2}$' },
    { schema: { type: 'string' }, want: undefined },
  ];
  for (const p of patterns) it(`stringPattern(${JSON.stringify(p.schema)})`, () => expect(stringPattern(p.schema)).toBe(p.want));
});

describe('requestValue: redaction with provider-state injection', () => {
  const phone = { type: 'string', pattern: '^\\d{8,15}$' };
  const cases: Array<{ name: string; field: string; value: unknown; schema?: Record<string, unknown>; want: unknown }> = [
    { name: 'valid phone -> masked example injected from the state', field: 'To', value: '8613800138123', schema: phone, want: MatchersV3.fromProviderState('${To}', '8613800****23') },
    { name: 'invalid phone -> masked, not injected (the error must stay)', field: 'To', value: 'abc', schema: phone, want: '****' },
    { name: 'OTP code -> code mask injected', field: 'Code', value: '123456', schema: { type: 'string' }, want: MatchersV3.fromProviderState('${Code}', '******') },
    { name: 'id a state may create -> injected with its own value', field: 'VerificationId', value: 'v-1', schema: { type: 'string' }, want: MatchersV3.fromProviderState('${VerificationId}', 'v-1') },
    { name: 'free value -> type matcher', field: 'ServiceSid', value: 'FA01', schema: { type: 'string' }, want: MatchersV3.like('FA01') },
  ];
  for (const c of cases) it(c.name, () => expect(requestValue(c.field, c.value, c.schema)).toEqual(c.want));
});

describe('selection rules', () => {
  const op = {
    operationId: 'X', responses: [{ status: 200 }, { status: 400 }],
    codes: [{ status: 200, code: 'OK', outcome: 'ok' }, { status: 400, code: 'Bad', outcome: 'error' }],
  } as unknown as Operation;
  const outcomes: Array<{ status: number; code: string; want: string | undefined }> = [
    { status: 200, code: 'OK', want: 'ok' },
    { status: 400, code: 'Bad', want: 'error' },
    { status: 200, code: 'Bad', want: undefined },
    { status: 500, code: '', want: undefined },
    { status: 200, code: '', want: 'ok' },
  ];
  for (const o of outcomes) it(`documentedOutcome(${o.status}, "${o.code}")`, () => expect(documentedOutcome(op, o.status, o.code)).toBe(o.want));

  const tc = (outcome: 'success' | 'error', codes?: string[]) => ({ expect: { outcome, codes } }) as unknown as TestCase;
  const expected: Array<{ name: string; tc?: TestCase; outcome: 'ok' | 'error'; code: string; want: boolean }> = [
    { name: 'positive case answered ok', tc: tc('success'), outcome: 'ok', code: 'OK', want: true },
    { name: 'positive case refused by a leftover rate limit', tc: tc('success'), outcome: 'error', code: 'SENTINEL_BLOCK_EXCEPTION', want: false },
    { name: 'negative case with its expected code', tc: tc('error', ['Bad']), outcome: 'error', code: 'Bad', want: true },
    { name: 'negative case with another code', tc: tc('error', ['Bad']), outcome: 'error', code: 'Other', want: false },
    { name: 'flow step (no case)', outcome: 'error', code: 'Bad', want: true },
  ];
  for (const e of expected) it(e.name, () => expect(asExpected(e.tc, e.outcome, e.code)).toBe(e.want));
});
