import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatError, SpecError } from '../../src/core/errors.ts';
import { findOperation, loadSpec, loadSpecs } from '../../src/spec/load.ts';
import { PROVIDER_IDS } from '../../src/spec/model.ts';

const specs = await loadSpecs('specs');

describe('loadSpecs', () => {
  it('loads one spec per provider, sorted by id, with servers and code field', () => {
    expect(specs.map((s) => s.id)).toEqual([...PROVIDER_IDS].sort());
    expect(specs.map((s) => s.codeField)).toEqual(['Code', 'Code', 'error_code', 'code']);
    for (const s of specs) expect(s.servers[0]).toMatch(/^https:\/\//);
  });

  const table: Array<{ given: [string, string]; want: { cost: string; auth: string[]; wire: string; action?: string; method: string } }> = [
    { given: ['alibaba-dypnsapi-intl', 'StartVerification'], want: { cost: 'message', auth: ['acs3-hmac-sha256', 'acs-hmac-sha1'], wire: '/', action: 'StartVerification', method: 'POST' } },
    { given: ['alibaba-dypnsapi-intl', 'CheckVerification'], want: { cost: 'free', auth: ['acs3-hmac-sha256', 'acs-hmac-sha1'], wire: '/', action: 'CheckVerification', method: 'POST' } },
    { given: ['alibaba-dypnsapi-intl', 'SearchVerification'], want: { cost: 'free', auth: ['acs3-hmac-sha256', 'acs-hmac-sha1'], wire: '/', action: 'SearchVerification', method: 'POST' } },
    { given: ['alibaba-resourcedirectorymaster', 'SendPhoneVerificationForMessageContact'], want: { cost: 'message', auth: ['acs3-hmac-sha256', 'acs-hmac-sha1'], wire: '/', action: 'SendPhoneVerificationForMessageContact', method: 'POST' } },
    { given: ['alibaba-resourcedirectorymaster', 'AddMessageContact'], want: { cost: 'free', auth: ['acs3-hmac-sha256', 'acs-hmac-sha1'], wire: '/', action: 'AddMessageContact', method: 'POST' } },
    { given: ['huawei-osm', 'CheckVerifyCodes'], want: { cost: 'free', auth: ['huawei-token', 'huawei-sdk-hmac-sha256'], wire: '/v2/servicerequest/verifycodes', method: 'POST' } },
    { given: ['huawei-osm', 'SendVerifyCodes'], want: { cost: 'message', auth: ['huawei-token', 'huawei-sdk-hmac-sha256'], wire: '/v2/servicerequest/verifycodes/send', method: 'POST' } },
    { given: ['jiguang-jverification', 'Verify'], want: { cost: 'per-call', auth: ['jpush-basic'], wire: '/v1/web/verify', method: 'POST' } },
    { given: ['jiguang-jverification', 'VerifyH5'], want: { cost: 'per-call', auth: ['jpush-basic'], wire: '/v1/web/h5/verify', method: 'POST' } },
  ];
  it.each(table)('$given.1: cost, auth and wire binding', ({ given, want }) => {
    const op = findOperation(specs, ...given)!;
    expect(op).toBeDefined();
    expect(op.cost).toBe(want.cost);
    expect(op.auth).toEqual(want.auth);
    expect(op.wire.path).toBe(want.wire);
    expect(op.wire.method).toBe(want.method);
    expect(op.wire.rpc?.action).toBe(want.action);
    expect(JSON.stringify(op)).not.toContain('$ref');
    expect(op.summary.length).toBeGreaterThan(0);
  });

  it('keeps the Success quirk: boolean in StartVerification, string in CheckVerification', () => {
    const start = findOperation(specs, 'alibaba-dypnsapi-intl', 'StartVerification')!;
    const check = findOperation(specs, 'alibaba-dypnsapi-intl', 'CheckVerification')!;
    const success = (op: typeof start) => (op.responses.find((r) => r.status === 200)!.schema.properties as Record<string, { type: string }>).Success.type;
    expect(success(start)).toBe('boolean');
    expect(success(check)).toBe('string');
  });

  it('builds requestSchema with required parts and marks common codes', () => {
    const start = findOperation(specs, 'alibaba-dypnsapi-intl', 'StartVerification')!;
    expect(start.requestSchema).toMatchObject({ type: 'object', required: ['query'], properties: { query: { required: ['Channel', 'To', 'ServiceSid'] } } });
    expect(start.codes.find((c) => c.code === 'SignatureDoesNotMatch')).toEqual({ status: 400, code: 'SignatureDoesNotMatch', message: expect.any(String), outcome: 'error', common: true });
    expect(start.codes.find((c) => c.code === 'Invalid.Parameters')?.common).toBe(false);
    const osm = findOperation(specs, 'huawei-osm', 'CheckVerifyCodes')!;
    expect(osm.requestSchema.required).toEqual(['body']);
    expect(osm.requestBody?.examples.seed).toEqual({ verify_code: '123456', contact_value: '123456', contact_way: 1, area_code: '86', x_customer_id: '123456', customer_id: '123456' });
    expect(findOperation(specs, 'huawei-osm', 'Nope')).toBeUndefined();
  });
});

const good = await readFile('specs/huawei-osm.yaml', 'utf8');

describe('loadSpec errors', () => {
  const cases: Array<{ name: string; given: (s: string) => string; want: { code: string; pointer: string; message: RegExp } }> = [
    { name: 'malformed YAML', given: (s) => s.replace('paths:\n', 'paths:\n  : [unclosed\n'), want: { code: 'VK_SPEC_YAML', pointer: '/paths/~1v2~1servicerequest~1verifycodes', message: /malformed YAML at line 41, column 3: Flow sequence in block collection must be sufficiently indented and end with a \]$/ } },
    { name: 'unclosed quote', given: (s) => s.replace("verify_code: '123456'", "verify_code: '123456"), want: { code: 'VK_SPEC_YAML', pointer: '/paths/~1v2~1servicerequest~1verifycodes/post/requestBody/content/application~1json/examples/seed/value/verify_code', message: /malformed YAML at line \d+, column \d+: Missing closing 'quote$/ } },
    { name: 'duplicate key', given: (s) => s.replace('      example: zh-cn\n', '      example: zh-cn\n      example: en\n'), want: { code: 'VK_SPEC_YAML', pointer: '/components/parameters/XLanguage/example', message: /malformed YAML at line \d+, column \d+: Map keys must be unique/ } },
    { name: 'missing operationId', given: (s) => s.replace('      operationId: SendVerifyCodes\n', ''), want: { code: 'VK_SPEC_MISSING', pointer: '/paths/~1v2~1servicerequest~1verifycodes~1send/post/operationId', message: /missing required field "operationId"/ } },
    { name: 'dangling $ref', given: (s) => s.replace("'#/components/parameters/XLanguage'", "'#/components/parameters/Nope'"), want: { code: 'VK_SPEC_REF', pointer: '/paths/~1v2~1servicerequest~1verifycodes/post/parameters/1/$ref', message: /points to nothing/ } },
    { name: 'wrong openapi version', given: (s) => s.replace('openapi: 3.1.0', 'openapi: 3.0.3'), want: { code: 'VK_SPEC_INVALID', pointer: '/openapi', message: /not 3\.1/ } },
    { name: 'bad outcome', given: (s) => s.replace('outcome: ok }', 'outcome: fine }'), want: { code: 'VK_SPEC_INVALID', pointer: '/paths/~1v2~1servicerequest~1verifycodes/post/x-verikit-codes/0/outcome', message: /neither ok nor error/ } },
  ];
  it.each(cases)('$name -> SpecError with file, pointer and fix', async ({ given, want }) => {
    const dir = await mkdtemp(join(tmpdir(), 'vk-load-'));
    const file = join(dir, 'huawei-osm.yaml');
    await writeFile(file, given(good));
    const err = await loadSpec(file).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(SpecError);
    const e = err as SpecError;
    expect(e.code).toBe(want.code);
    expect(e.file).toBe(file);
    expect(e.pointer).toBe(want.pointer);
    expect(e.message).toMatch(want.message);
    expect(e.fix.length).toBeGreaterThan(5);
    const shown = formatError(e);
    expect(shown).toContain(`${file}#${want.pointer || '/'}`);
    expect(shown).toContain('fix: ');
    expect(shown).not.toMatch(/\n\s+at /);
  });

  it('rejects a file whose name is not its provider id', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vk-load-'));
    await writeFile(join(dir, 'osm.yaml'), good);
    await expect(loadSpec(join(dir, 'osm.yaml'))).rejects.toThrow(/does not match the file name "osm"/);
  });
});
