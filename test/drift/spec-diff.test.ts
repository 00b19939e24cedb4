import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseYaml } from '../../src/spec/load.ts';
import { buildSpec } from '../../src/spec/build.ts';
import { diffSpecs } from '../../src/drift/spec-diff.ts';

const FILE = new URL('./fixtures/mini-spec.yaml', import.meta.url);
const raw = () => parseYaml(readFileSync(FILE, 'utf8'), 'mini-spec.yaml') as any;
const spec = (edit: (d: any) => void = () => {}) => { const d = raw(); edit(d); return buildSpec(d, 'mini-spec.yaml'); };
const check = (d: any) => d.paths['/rpc/CheckVerification'].post;
const param = (d: any, name: string) => check(d).parameters.find((p: any) => p.name === name);
const model = (d: any) => d.components.schemas.CheckResponse.properties.Model.properties;

const table: Array<{ name: string; edit: (d: any) => void; want: Array<{ kind: string; severity: string; operationId?: string }>; bump: string }> = [
  { name: 'no change', edit: () => {}, want: [], bump: 'none' },
  { name: 'description only', edit: (d) => (check(d).summary = 'reworded'), want: [{ kind: 'documentation-changed', severity: 'non-breaking' }], bump: 'patch' },
  { name: 'removed operation', edit: (d) => delete d.paths['/rpc/SearchVerification'], want: [{ kind: 'operation-removed', severity: 'breaking', operationId: 'SearchVerification' }], bump: 'major' },
  { name: 'added operation', edit: (d) => (d.paths['/rpc/StartVerification'] = { post: { ...structuredClone(d.paths['/rpc/SearchVerification'].post), operationId: 'StartVerification', 'x-verikit-rpc': { action: 'StartVerification', version: '2017-07-25', path: '/', methods: ['POST'] } } }), want: [{ kind: 'operation-added', severity: 'non-breaking', operationId: 'StartVerification' }], bump: 'minor' },
  { name: 'renamed operationId (same RPC action)', edit: (d) => (d.paths['/rpc/SearchVerification'].post.operationId = 'FindVerification'), want: [{ kind: 'operation-renamed', severity: 'breaking', operationId: 'FindVerification' }], bump: 'major' },
  { name: 'RPC version changed', edit: (d) => (check(d)['x-verikit-rpc'].version = '2024-01-01'), want: [{ kind: 'wire-changed', severity: 'breaking' }], bump: 'major' },
  { name: 'removed response field', edit: (d) => delete model(d).channel, want: [{ kind: 'field-removed', severity: 'breaking' }], bump: 'major' },
  { name: 'added response field', edit: (d) => (model(d).phoneNumber = { type: 'string' }), want: [{ kind: 'field-added', severity: 'non-breaking' }], bump: 'minor' },
  { name: 'type change string -> boolean', edit: (d) => (d.components.schemas.CheckResponse.properties.Success = { type: 'boolean' }), want: [{ kind: 'type-changed', severity: 'breaking' }], bump: 'major' },
  { name: 'new required parameter', edit: (d) => check(d).parameters.push({ name: 'ServiceSid', in: 'query', required: true, schema: { type: 'string' } }), want: [{ kind: 'required-parameter-added', severity: 'breaking' }], bump: 'major' },
  { name: 'new optional parameter', edit: (d) => check(d).parameters.push({ name: 'To', in: 'query', required: false, schema: { type: 'string' } }), want: [{ kind: 'optional-parameter-added', severity: 'non-breaking' }], bump: 'minor' },
  { name: 'optional parameter became required', edit: (d) => (param(d, 'Channel').required = true), want: [{ kind: 'became-required', severity: 'breaking' }], bump: 'major' },
  { name: 'removed enum value in a request', edit: (d) => (param(d, 'Channel').schema.enum = ['SMS']), want: [{ kind: 'enum-value-removed', severity: 'breaking' }], bump: 'major' },
  { name: 'added enum value in a request', edit: (d) => param(d, 'Channel').schema.enum.push('WHATSAPP'), want: [{ kind: 'enum-value-added', severity: 'non-breaking' }], bump: 'minor' },
  { name: 'added enum value in a response', edit: (d) => model(d).status.enum.push('expired'), want: [{ kind: 'enum-value-added', severity: 'breaking' }], bump: 'major' },
  { name: 'tightened request constraint', edit: (d) => (param(d, 'Code').schema.maxLength = 6), want: [{ kind: 'constraint-tightened', severity: 'breaking' }], bump: 'major' },
  { name: 'loosened request constraint', edit: (d) => delete param(d, 'Code').schema.minLength, want: [{ kind: 'constraint-loosened', severity: 'non-breaking' }], bump: 'patch' },
  { name: 'response constraint tightened (format added)', edit: (d) => (d.components.schemas.CheckResponse.properties.RequestId.format = 'uuid'), want: [{ kind: 'constraint-tightened', severity: 'non-breaking' }], bump: 'patch' },
  { name: 'removed error code', edit: (d) => check(d)['x-verikit-codes'].pop(), want: [{ kind: 'code-removed', severity: 'breaking' }], bump: 'major' },
  { name: 'new error code', edit: (d) => check(d)['x-verikit-codes'].push({ status: 400, code: 'Invalid.Code', message: 'x', outcome: 'error' }), want: [{ kind: 'code-added', severity: 'non-breaking' }], bump: 'minor' },
  { name: 'code moved to another status', edit: (d) => (check(d)['x-verikit-codes'][1].status = 200), want: [{ kind: 'code-status-changed', severity: 'breaking' }], bump: 'major' },
  { name: 'removed common code hits every operation', edit: (d) => (d['x-verikit-common-codes'] = []), want: [{ kind: 'code-removed', severity: 'breaking', operationId: 'CheckVerification' }, { kind: 'code-removed', severity: 'breaking', operationId: 'SearchVerification' }], bump: 'major' },
  { name: 'response field became optional', edit: (d) => (d.components.schemas.CheckResponse.required = ['RequestId']), want: [{ kind: 'became-optional', severity: 'breaking' }], bump: 'major' },
  { name: 'GET no longer accepted', edit: (d) => (check(d)['x-verikit-rpc'].methods = ['POST']), want: [{ kind: 'method-removed', severity: 'breaking' }], bump: 'major' },
];

describe('diffSpecs', () => {
  it.each(table)('$name', ({ edit, want, bump }) => {
    const d = diffSpecs(spec(), spec(edit));
    expect(d.changes.map((c) => ({ kind: c.kind, severity: c.severity, ...(want.some((w) => w.operationId) && { operationId: c.operationId }) }))).toEqual(want);
    expect(d.bump).toBe(bump);
    for (const c of d.changes) expect(c.message.length).toBeGreaterThan(5);
  });

  it('a new provider spec is an addition, a deleted one is breaking', () => {
    expect(diffSpecs(undefined, spec()).bump).toBe('minor');
    expect(diffSpecs(spec(), undefined).changes[0]).toMatchObject({ kind: 'spec-removed', severity: 'breaking' });
  });
});
