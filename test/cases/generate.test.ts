import { describe, expect, it } from 'vitest';
import { generateCases } from '../../src/cases/index.ts';
import { violationsOf } from '../../src/cases/violations.ts';
import { boundaryValues } from '../../src/cases/values.ts';
import { satisfies } from '../../src/cases/validate.ts';
import { isTestPhone } from '../../src/cases/phones.ts';
import { clearRegisteredSecrets, redactText } from '../../src/core/redact.ts';
import { loadSpecs } from '../../src/spec/load.ts';
import type { Operation, ProviderSpec } from '../../src/spec/model.ts';

const op: Operation = {
  provider: 'huawei-osm', operationId: 'CheckVerifyCodes', summary: '', description: '', method: 'POST', path: '/v2/servicerequest/verifycodes',
  pointer: '', wire: { method: 'POST', path: '/v2/servicerequest/verifycodes' }, cost: 'free', auth: ['huawei-token'], responses: [],
  codes: [{ status: 200, code: 'OSM.01010001', message: 'bad', outcome: 'error', common: false }],
  parameters: [{ name: 'X-Language', in: 'header', required: false, schema: { type: 'string', minLength: 1, maxLength: 32 } }],
  requestBody: { contentType: 'application/json', required: true, schema: {}, examples: { default: { verify_code: '123456', contact_value: '13800138000', contact_way: 0 } } },
  requestSchema: {
    type: 'object', required: ['body'],
    properties: {
      header: { type: 'object', properties: { 'X-Auth-Token': { type: 'string' }, 'X-Language': { type: 'string', minLength: 1, maxLength: 32 } } },
      body: {
        type: 'object', required: ['verify_code', 'contact_value', 'contact_way'],
        properties: {
          verify_code: { type: 'string', minLength: 6, maxLength: 6 },
          contact_value: { type: 'string', minLength: 0, maxLength: 64 },
          contact_way: { type: 'integer', minimum: 0, maximum: 1 },
          area_code: { type: 'string', maxLength: 16 },
        },
      },
    },
  },
};
const spec = { id: 'huawei-osm', codeField: 'error_code', operations: [op] } as unknown as ProviderSpec;

describe('violationsOf: one invalid value per constraint, each really invalid', () => {
  const table = [
    { given: 'string with lengths in a body', schema: { type: 'string', minLength: 6, maxLength: 6 }, wire: 'body' as const, want: ['type', 'maxLength', 'minLength'] },
    { given: 'string in a query (no wrong type on a text wire)', schema: { type: 'string', maxLength: 3 }, wire: 'query' as const, want: ['maxLength'] },
    { given: 'bounded integer', schema: { type: 'integer', minimum: 0, maximum: 1 }, wire: 'body' as const, want: ['type', 'type', 'minimum', 'maximum'] },
    { given: 'enum', schema: { type: 'string', enum: ['SMS', 'VOICE'] }, wire: 'query' as const, want: ['enum'] },
    { given: 'pattern', schema: { type: 'string', pattern: '^[0-9]+$' }, wire: 'query' as const, want: ['pattern'] },
    { given: 'format', schema: { type: 'string', format: 'email' }, wire: 'body' as const, want: ['type', 'format'] },
  ];
  it.each(table)('$given', ({ schema, wire, want }) => {
    const got = violationsOf(schema, wire, undefined);
    expect(got.map((v) => v.keyword)).toEqual(want);
    for (const v of got) if (!(wire !== 'body' && typeof v.value === 'string' && /^\d/.test(v.value))) expect(satisfies(schema, v.value)).toBe(false);
  });
});

describe('boundaryValues', () => {
  const table = [
    { given: 'exact length 6', schema: { type: 'string', minLength: 6, maxLength: 6 }, want: ['minLength 6', 'maxLength 6'] },
    { given: 'enum', schema: { type: 'string', enum: ['A', 'B'] }, want: ['enum "A"', 'enum "B"'] },
    { given: 'integer range', schema: { type: 'integer', minimum: 0, maximum: 1 }, want: ['minimum 0', 'maximum 1'] },
  ];
  it.each(table)('$given', ({ schema, want }) => {
    const got = boundaryValues(schema);
    expect(got.map((b) => b.label)).toEqual(want);
    for (const b of got) expect(satisfies(schema, b.value)).toBe(true);
  });
});

describe('generateCases', () => {
  it('derives examples, positives, one negative per constraint and three auth cases', () => {
    const { cases, counts } = generateCases([spec], { seed: 7 });
    const kinds = cases.reduce<Record<string, number>>((m, c) => ({ ...m, [c.kind]: (m[c.kind] ?? 0) + 1 }), {});
    expect(kinds.example).toBe(1);
    expect(kinds.auth).toBe(3);
    const violated = cases.filter((c) => c.kind === 'negative').map((c) => `${c.violates!.keyword} ${c.violates!.pointer}`);
    expect(violated).toEqual(expect.arrayContaining([
      'required /body/verify_code', 'maxLength /body/verify_code', 'minLength /body/verify_code', 'type /body/contact_way',
      'minimum /body/contact_way', 'maximum /body/contact_way', 'maxLength /header/X-Language', 'maxLength /body/area_code',
    ]));
    expect(violated.some((v) => v.includes('X-Auth-Token'))).toBe(false);
    expect(counts).toEqual([{ provider: 'huawei-osm', operationId: 'CheckVerifyCodes', generated: cases.length, kept: cases.length }]);
    for (const c of cases.filter((x) => x.kind === 'negative')) expect(c.expect).toMatchObject({ outcome: 'error', codes: ['OSM.01010001'] });
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
  });

  it('is deterministic per seed and bounded per operation (examples kept first)', () => {
    const a = generateCases([spec], { seed: 42, maxPerOperation: 5 });
    const b = generateCases([spec], { seed: 42, maxPerOperation: 5 });
    expect(a.cases).toEqual(b.cases);
    expect(a.cases).toHaveLength(5);
    expect(a.cases[0].kind).toBe('example');
    expect(a.counts[0].kept).toBe(5);
    expect(a.counts[0].generated).toBeGreaterThan(5);
    const c = generateCases([spec], { seed: 43, maxPerOperation: 5 });
    expect(c.cases.map((x) => x.id)).not.toEqual(a.cases.map((x) => x.id));
  });

  it('uses recognisable test numbers and registers them for redaction', () => {
    clearRegisteredSecrets();
    const { cases } = generateCases([spec], { seed: 3 });
    const phones = cases.map((c) => (c.input.body as Record<string, unknown>)?.contact_value).filter((v): v is string => typeof v === 'string' && /^\d{11,13}$/.test(v));
    expect(phones.length).toBeGreaterThan(0);
    for (const p of phones) {
      expect(isTestPhone(p)).toBe(true);
      expect(redactText(`to ${p}`)).not.toContain(p);
    }
  });

  it('covers every operation of every real spec, with flows for each provider', async () => {
    const specs = await loadSpecs('specs');
    const { cases, flows, counts } = generateCases(specs, { seed: 1 });
    for (const s of specs) for (const o of s.operations) expect(cases.some((c) => c.provider === s.id && c.operationId === o.operationId), `${s.id}/${o.operationId}`).toBe(true);
    expect(new Set(flows.map((f) => f.provider))).toEqual(new Set(specs.map((s) => s.id)));
    expect(counts.reduce((n, c) => n + c.kept, 0)).toBe(cases.length);
    const billed = cases.filter((c) => c.billed).map((c) => c.operationId);
    expect(billed).toEqual(expect.arrayContaining(['StartVerification', 'SendPhoneVerificationForMessageContact', 'SendVerifyCodes']));
  });
});
