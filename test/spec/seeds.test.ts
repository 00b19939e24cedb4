/**
 * The JSON samples printed on the seed pages (../shared/seeds) against the specs: success and error
 * samples validate against the documented response of their status; request samples against the body
 * schema (the JVerification curl body is rejected on purpose: phone is modelled as a string).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileResponseValidator } from '../../src/generate/validators.ts';
import { createAjv } from '../../src/spec/ajv.ts';
import { findOperation, loadSpecs } from '../../src/spec/load.ts';

const SEEDS = join('..', 'shared', 'seeds');
const specs = await loadSpecs('specs');

/** Every balanced {...} block of a page that parses as JSON (pages print samples twice: kept once). */
export function jsonBlocks(text: string): Array<Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>();
  for (let i = text.indexOf('{'); i >= 0; i = text.indexOf('{', i + 1)) {
    let depth = 0;
    for (let j = i; j < text.length; j++) {
      if (text[j] === '{') depth++;
      else if (text[j] === '}' && --depth === 0) {
        try {
          const v = JSON.parse(text.slice(i, j + 1));
          if (v && typeof v === 'object' && !Array.isArray(v)) out.set(JSON.stringify(v), v);
        } catch { /* prose in braces */ }
        break;
      }
    }
  }
  return [...out.values()];
}

/** `has`: the samples carrying this field; `code`: only those with this code; then the status they must validate under, or the request verdict. */
type Want = { has: string; code?: number; status?: number; request?: 'valid' | 'invalid' };
const table: Array<{ given: { seed: string; provider: string; op: string }; want: Want[] }> = [
  { given: { seed: 'alibaba-dypnsapi-intl-StartVerification.txt', provider: 'alibaba-dypnsapi-intl', op: 'StartVerification' }, want: [{ has: 'RequestId', status: 200 }] },
  { given: { seed: 'alibaba-dypnsapi-intl-CheckVerification.txt', provider: 'alibaba-dypnsapi-intl', op: 'CheckVerification' }, want: [{ has: 'RequestId', status: 200 }] },
  { given: { seed: 'alibaba-resourcedirectorymaster-SendPhoneVerificationForMessageContact.txt', provider: 'alibaba-resourcedirectorymaster', op: 'SendPhoneVerificationForMessageContact' }, want: [{ has: 'RequestId', status: 200 }] },
  { given: { seed: 'huawei-osm-CheckVerifyCodes.txt', provider: 'huawei-osm', op: 'CheckVerifyCodes' }, want: [{ has: 'verify_code', request: 'valid' }] },
  { given: { seed: 'jiguang-jverification-verify.txt', provider: 'jiguang-jverification', op: 'Verify' }, want: [{ has: 'id', code: 9000, status: 200 }, { has: 'content', code: 9011, status: 401 }, { has: 'token', request: 'invalid' }] },
];

describe.skipIf(!existsSync(SEEDS))('seed page samples against the specs', () => {
  it.each(table)('$given.seed', async ({ given, want }) => {
    const blocks = jsonBlocks(await readFile(join(SEEDS, given.seed), 'utf8'));
    const op = findOperation(specs, given.provider, given.op)!;
    const validate = compileResponseValidator(op);
    const body = op.requestBody ? createAjv().compile(op.requestBody.schema) : undefined;
    for (const w of want) {
      const samples = blocks.filter((b) => w.has in b && (w.code === undefined || b.code === w.code));
      expect(samples.length, `${w.has} sample in ${given.seed}`).toBeGreaterThan(0);
      for (const s of samples) {
        if (w.request) expect(body!(s), JSON.stringify(s)).toBe(w.request === 'valid');
        else {
          if (w.code !== undefined) expect(op.codes.find((c) => c.code === String(w.code))?.status).toBe(w.status);
          expect(validate(w.status!, s), JSON.stringify(s)).toEqual({ valid: true, errors: [] });
        }
      }
    }
  });
});
