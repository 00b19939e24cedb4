import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { generateFiles, staleFiles } from '../../src/generate/index.ts';
import { compileRequestValidator, compileResponseValidator, generatedResponseValidator, loadValidators } from '../../src/generate/validators.ts';
import { createAjv } from '../../src/spec/ajv.ts';
import { findOperation, loadSpecs } from '../../src/spec/load.ts';

const exec = promisify(execFile);
const specs = await loadSpecs('specs');
const files = await generateFiles(specs);

describe('generateFiles', () => {
  it('is deterministic and matches the committed generated/', async () => {
    const again = await generateFiles(specs);
    expect([...again]).toEqual([...files]);
    for (const [path, content] of files) expect(await readFile(join('generated', path), 'utf8'), path).toBe(content);
  });

  it('writes schemas, types and validators for every operation', () => {
    for (const s of specs) {
      expect(files.has(`types/${s.id}.ts`)).toBe(true);
      expect(files.has(`validators/${s.id}.cjs`)).toBe(true);
      expect(files.has(`validators/${s.id}.d.cts`)).toBe(true);
      expect(files.get(`types/${s.id}.d.cts`)).toBe(files.get(`types/${s.id}.ts`));
      for (const op of s.operations) {
        expect(files.has(`schemas/${s.id}/${op.operationId}.request.json`)).toBe(true);
        for (const r of op.responses) expect(files.has(`schemas/${s.id}/${op.operationId}.response.${r.status}.json`)).toBe(true);
        expect(files.get(`types/${s.id}.ts`)).toContain(`export interface ${op.operationId}Request`);
      }
    }
    expect(JSON.parse(files.get('package.json')!)).toMatchObject({ name: '@verikit/types', types: './types/index.ts', exports: { './huawei-osm': { import: { types: './types/huawei-osm.ts' }, require: { types: './types/huawei-osm.d.cts' } }, './validators/huawei-osm': { types: './validators/huawei-osm.d.cts', default: './validators/huawei-osm.cjs' } } });
  });

  it('every schema file is self-contained 2020-12 that ajv strict compiles, and the spec examples validate', () => {
    const ajv = createAjv();
    for (const s of specs) {
      for (const op of s.operations) {
        for (const r of op.responses) {
          const text = files.get(`schemas/${s.id}/${op.operationId}.response.${r.status}.json`)!;
          expect(text).not.toContain('"$ref"');
          const schema = JSON.parse(text);
          expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
          const validate = ajv.compile(schema);
          for (const [name, ex] of Object.entries(r.examples)) expect(validate(ex), `${s.id} ${op.operationId} ${r.status} ${name}`).toBe(true);
        }
        const req = ajv.compile(JSON.parse(files.get(`schemas/${s.id}/${op.operationId}.request.json`)!));
        for (const ex of Object.values(op.requestBody?.examples ?? {})) expect(req({ body: ex })).toBe(true);
      }
    }
  });
});

const bodies: Array<{ given: { provider: 'alibaba-dypnsapi-intl' | 'jiguang-jverification' | 'huawei-osm'; op: string; status: number; body: unknown }; want: { valid: boolean; path?: string } | undefined }> = [
  { given: { provider: 'alibaba-dypnsapi-intl', op: 'CheckVerification', status: 200, body: { RequestId: 'r', Code: 'OK', Message: 'OK', Success: 'true' } }, want: { valid: true } },
  { given: { provider: 'alibaba-dypnsapi-intl', op: 'CheckVerification', status: 200, body: { RequestId: 'r', Code: 'OK', Message: 'OK', Success: true } }, want: { valid: false, path: '/Success' } },
  { given: { provider: 'alibaba-dypnsapi-intl', op: 'StartVerification', status: 200, body: { RequestId: 'r', Code: 'OK', Message: 'OK', Success: 'true' } }, want: { valid: false, path: '/Success' } },
  { given: { provider: 'jiguang-jverification', op: 'Verify', status: 200, body: { id: 117270465679982592, code: 9000, content: 'verify consistent', exID: '1234566' } }, want: { valid: true } },
  { given: { provider: 'jiguang-jverification', op: 'Verify', status: 200, body: { code: '9000', content: 'x' } }, want: { valid: false, path: '/code' } },
  { given: { provider: 'huawei-osm', op: 'CheckVerifyCodes', status: 200, body: { error_code: 'X'.repeat(33) } }, want: { valid: false, path: '/error_code' } },
  { given: { provider: 'huawei-osm', op: 'CheckVerifyCodes', status: 418, body: {} }, want: undefined },
];

describe('response validators: runtime-compiled and generated standalone agree', () => {
  it.each(bodies)('$given.op $given.status', ({ given, want }) => {
    const op = findOperation(specs, given.provider, given.op)!;
    for (const validate of [compileResponseValidator(op), generatedResponseValidator(given.provider, given.op)]) {
      const r = validate(given.status, given.body);
      if (!want) { expect(r).toBeUndefined(); continue; }
      expect(r?.valid).toBe(want.valid);
      if (want.path) expect(r?.errors.map((e) => e.instancePath)).toContain(want.path);
      else expect(r?.errors).toEqual([]);
    }
  });

  it('the standalone module loads from CJS (require) and ESM (import) alike', async () => {
    const file = resolve('generated/validators/jiguang-jverification.cjs');
    const cjs = createRequire(import.meta.url)(file) as { validators: Record<string, { request: (x: unknown) => boolean }> };
    const script = `import { validators } from ${JSON.stringify(pathToFileURL(file).href)};
console.log(JSON.stringify([Object.keys(validators), validators.Verify.request({ body: { token: 't', phone: '15813554612' } }), validators.Verify.request({ body: { token: 't' } })]));`;
    const esm = await exec(process.execPath, ['--input-type=module', '-e', script]);
    expect(JSON.parse(esm.stdout)).toEqual([['Verify', 'VerifyH5'], true, false]);
    expect(loadValidators('jiguang-jverification').VerifyH5.request).toBe(cjs.validators.VerifyH5.request);
    expect(cjs.validators.Verify.request({ body: { token: 't', phone: '15813554612' } })).toBe(true);
    // the page's curl form (a number) is accepted too; a number of the wrong length is not
    expect(cjs.validators.Verify.request({ body: { token: 't', phone: 15813554612 } })).toBe(true);
    expect(cjs.validators.Verify.request({ body: { token: 't', phone: 1581355461 } })).toBe(false);
  });

  it('request validator checks the {query, header, body} input shape', () => {
    const op = findOperation(specs, 'alibaba-dypnsapi-intl', 'StartVerification')!;
    const validate = compileRequestValidator(op);
    expect(validate({ query: { Channel: 'SMS', To: '6212345****01', ServiceSid: 'FA00000000000001' } })).toEqual({ valid: true, errors: [] });
    expect(validate({ query: { Channel: 'FAX', To: '6212345****01', ServiceSid: 'FA00000000000001' } }).errors).toEqual([expect.objectContaining({ instancePath: '/query/Channel', keyword: 'enum' })]);
  });
});

describe('staleness', () => {
  const table = [
    { given: { wanted: [['a', '1'], ['b', '2']], existing: [['a', '1'], ['b', '2']] }, want: [] },
    { given: { wanted: [['a', '1'], ['b', '2']], existing: [['a', 'x'], ['c', '3']] }, want: [{ path: 'a', reason: 'differs' }, { path: 'b', reason: 'missing' }, { path: 'c', reason: 'extra' }] },
  ];
  it.each(table)('staleFiles %#', ({ given, want }) => {
    expect(staleFiles(new Map(given.wanted as Array<[string, string]>), new Map(given.existing as Array<[string, string]>))).toEqual(want);
  });

  it('verikit generate --check exits 1 naming each stale file, and generate makes it fresh again', async () => {
    const out = await mkdtemp(join(tmpdir(), 'vk-gen-'));
    await cp('generated', out, { recursive: true });
    await writeFile(join(out, 'types/huawei-osm.ts'), '// edited by hand\n');
    await rm(join(out, 'validators/jiguang-jverification.d.cts'));
    await writeFile(join(out, 'schemas/huawei-osm/Gone.request.json'), '{}\n');
    const cli = (args: string[]) => exec(process.execPath, ['bin/verikit.js', 'generate', ...args, '--out', out]).then(
      (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }), (e: { code: number; stdout: string; stderr: string }) => e);
    const r = await cli(['--check']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`stale: ${out}/types/huawei-osm.ts (differs)`);
    expect(r.stderr).toContain(`stale: ${out}/validators/jiguang-jverification.d.cts (missing)`);
    expect(r.stderr).toContain(`stale: ${out}/schemas/huawei-osm/Gone.request.json (no longer produced by the specs)`);
    expect((await cli([])).code).toBe(0);
    const again = await cli(['--check']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('is fresh');
  });
});
