/**
 * The samples printed on the seed pages (../shared/seeds) against the specs, verbatim: every JSON block of
 * every page validates where it belongs (request body, response of its status, or the value of a response
 * field such as Model), and the request each page shows validates as a request. A provider's own example is
 * never rejected (the JVerification curl body with `"phone": 15813554612`, a number, included).
 */
import { describe, expect, it } from 'vitest';
import { compileRequestValidator, compileResponseValidator } from '../../src/generate/validators.ts';
import { createAjv } from '../../src/spec/ajv.ts';
import { findOperation, loadSpecs } from '../../src/spec/load.ts';
import type { JSONSchema } from '../../src/spec/model.ts';
import { HAVE_SEEDS, jsonBlocks, readSeed, SEED_PAGES } from './seed-samples.ts';

const specs = await loadSpecs('specs');
const ajv = createAjv();

describe.skipIf(!HAVE_SEEDS)('seed page samples against the specs', () => {
  it.each(SEED_PAGES)('$seed: every JSON block validates where it belongs', async (page) => {
    const blocks = jsonBlocks(await readSeed(page.seed));
    const op = findOperation(specs, page.provider, page.operationId)!;
    const response = compileResponseValidator(op);
    const request = compileRequestValidator(op);
    const placed = new Set<Record<string, unknown>>();
    for (const want of page.blocks) {
      const samples = blocks.filter((b) => want.has in b && (want.code === undefined || b.code === want.code));
      expect(samples.length, `a ${want.has} sample in ${page.seed}`).toBeGreaterThan(0);
      for (const s of samples) {
        placed.add(s);
        const at = want.at;
        if ('request' in at) {
          expect(request({ body: s }), JSON.stringify(s)).toEqual({ valid: true, errors: [] });
        } else if ('field' in at) {
          const schema = op.responses.find((r) => r.status === at.status)?.schema as JSONSchema;
          const field = (schema.properties as Record<string, JSONSchema>)[at.field];
          expect(ajv.validate(field, s), `${JSON.stringify(s)}: ${ajv.errorsText()}`).toBe(true);
        } else {
          if (want.code !== undefined) expect(op.codes.find((c) => c.code === String(want.code))?.status).toBe(at.status);
          expect(response(at.status, s), JSON.stringify(s)).toEqual({ valid: true, errors: [] });
        }
      }
    }
    // no sample of the page is left unchecked
    expect(blocks.filter((b) => !placed.has(b)).map((b) => JSON.stringify(b))).toEqual([]);
  });

  it.each(SEED_PAGES)('$seed: the request the page shows validates as a request', async (page) => {
    const text = await readSeed(page.seed);
    // the example values are the page's own
    for (const v of Object.values(page.request.query ?? {})) expect(text, v).toContain(v);
    if (page.request.body) expect(jsonBlocks(text).map((b) => JSON.stringify(b))).toContain(JSON.stringify(page.request.body));
    const op = findOperation(specs, page.provider, page.operationId)!;
    expect(compileRequestValidator(op)(page.request)).toEqual({ valid: true, errors: [] });
  });

  it('JVerification: the table form (phone as a string) and the page form (a number) both validate; other shapes do not', () => {
    const op = findOperation(specs, 'jiguang-jverification', 'Verify')!;
    const validate = compileRequestValidator(op);
    const table: Array<{ given: unknown; want: boolean }> = [
      { given: '15813554612', want: true },
      { given: 15813554612, want: true },
      { given: '1581355461', want: false },
      { given: 1581355461, want: false },
      { given: 15813554612.5, want: false },
      { given: '+8615813554612', want: false },
    ];
    for (const { given, want } of table) expect(validate({ body: { token: 'STsid1', phone: given } }).valid, String(given)).toBe(want);
  });
});
