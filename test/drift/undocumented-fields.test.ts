import { describe, expect, it } from 'vitest';
import { undocumentedFields, walkSchema } from '../../src/drift/schema-walk.ts';
import { loadSpecs } from '../../src/spec/load.ts';
import type { JSONSchema } from '../../src/spec/model.ts';

const obj = (properties: Record<string, JSONSchema>, more: JSONSchema = {}): JSONSchema => ({ type: 'object', properties, ...more });

const table: Array<{ name: string; schema: JSONSchema; value: unknown }> = [
  { name: 'documented fields only', schema: obj({ a: { type: 'string' }, b: { type: 'integer' } }), value: { a: 'x', b: 1 } },
  { name: 'extra fields, nested, with other deviations around', schema: obj({ a: obj({ c: { type: 'string', format: 'email' } }), e: { enum: ['x'] } }, { required: ['z'] }), value: { a: { c: 'not-mail', d: 1 }, e: 'y', f: null, g: [1] } },
  { name: 'a type change hides the fields below it', schema: obj({ a: obj({ c: { type: 'string' } }) }), value: { a: [{ x: 1 }], b: 2 } },
  { name: 'array items, duplicates once', schema: obj({ list: { type: 'array', items: obj({ id: { type: 'integer' } }) } }), value: { list: [{ id: 1, x: 1 }, { id: 2, x: 2, y: 'a' }] } },
  { name: 'pattern and additional properties', schema: obj({ a: { type: 'string' } }, { patternProperties: { '^x-': { type: 'string' } }, additionalProperties: obj({ v: { type: 'integer' } }) }), value: { a: 'x', 'x-1': 'y', other: { v: 1, w: 2 } } },
  { name: 'allOf merged', schema: { allOf: [obj({ a: { type: 'string' } }), obj({ b: { type: 'string' } })] }, value: { a: 'x', b: 'y', c: 'z' } },
  { name: 'oneOf picks the closest branch', schema: { oneOf: [obj({ a: { type: 'string' } }), obj({ b: { type: 'integer' }, c: { type: 'string' } })] }, value: { b: 1, c: 'x', d: true } },
  { name: 'a sensitive-looking value and a key named like a prototype member', schema: obj({ phone: { type: 'string' } }), value: { phone: '13800138000', constructor: 1, secret: 'abc' } },
  { name: 'not an object at the top', schema: obj({ a: { type: 'string' } }), value: 'text' },
  { name: 'no schema', schema: {}, value: { a: 1 } },
];

describe('undocumentedFields', () => {
  it.each(table)('$name: exactly the undocumented-field deviations of walkSchema', ({ schema, value }) => {
    expect(undocumentedFields(schema, value, '/body')).toEqual(walkSchema(schema, value, '/body').filter((d) => d.class === 'undocumented-field'));
  });

  it('agrees with walkSchema on every documented example of the real specs, with an extra field added', async () => {
    let n = 0;
    for (const spec of await loadSpecs('specs')) {
      for (const op of spec.operations) {
        for (const r of op.responses) {
          for (const ex of Object.values(r.examples ?? {})) {
            for (const value of [ex, ex && typeof ex === 'object' ? { ...(ex as object), Undocumented: { x: 1 } } : ex]) {
              expect(undocumentedFields(r.schema, value, '/body')).toEqual(walkSchema(r.schema, value, '/body').filter((d) => d.class === 'undocumented-field'));
              n++;
            }
          }
        }
      }
    }
    expect(n).toBeGreaterThan(20);
  });
});
