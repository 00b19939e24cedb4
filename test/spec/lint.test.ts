import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/core/errors.ts';
import { formatIssue, lintFile, lintSpec } from '../../src/spec/lint.ts';
import { loadSpecs } from '../../src/spec/load.ts';
import { SEED_CODES } from '../../src/spec/seed-codes.ts';

const run = promisify(execFile);

describe('lint on the real specs', () => {
  it('finds no issue in any spec', async () => {
    for (const spec of await loadSpecs('specs')) expect(lintSpec(spec).map(formatIssue)).toEqual([]);
  });

  it('the seed-code table only names codes that appear in the named seed page', async () => {
    const seeds = SEED_CODES.filter((s) => s.source.startsWith('seeds/'));
    expect(seeds.length).toBeGreaterThan(10);
    for (const s of seeds) {
      const text = await readFile(join('..', 'shared', s.source), 'utf8').catch(() => undefined);
      if (text === undefined) continue; // the shared docs are not part of a bare clone
      expect(text, `${s.code} in ${s.source}`).toContain(s.code);
    }
  });
});

async function broken(provider: string, edit: (s: string) => string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'vk-lint-'));
  const file = join(dir, `${provider}.yaml`);
  const text = await readFile(`specs/${provider}.yaml`, 'utf8');
  const changed = edit(text);
  expect(changed).not.toBe(text);
  await writeFile(file, changed);
  return file;
}

const cases: Array<{ name: string; given: { provider: string; edit: (s: string) => string }; want: { pointer: string; problem: RegExp; fix: RegExp } }> = [
  {
    name: 'wrong type in a request example',
    given: { provider: 'huawei-osm', edit: (s) => s.replace("contact_way: 1\n", "contact_way: 'one'\n") },
    want: { pointer: '/paths/~1v2~1servicerequest~1verifycodes/post/requestBody/content/application~1json/examples/seed/value/contact_way', problem: /does not match its schema: \/contact_way must be integer/, fix: /correct the example value/ },
  },
  {
    name: 'wrong type in a response example (CheckVerification Success must stay a string)',
    given: { provider: 'alibaba-dypnsapi-intl', edit: (s) => s.replace("Success: 'true'", 'Success: true') },
    want: { pointer: '/paths/~1rpc~1CheckVerification/post/responses/200/content/application~1json/examples/OK/value/Success', problem: /must be string/, fix: /correct the example value/ },
  },
  {
    name: 'a seed error code missing',
    given: { provider: 'alibaba-resourcedirectorymaster', edit: (s) => s.replace(/ {6}- \{ status: 409, code: SendValidateCodeExceedsLimitForAccount.*\n/, '') },
    want: { pointer: '/paths/~1rpc~1SendPhoneVerificationForMessageContact/post/x-verikit-codes', problem: /SendValidateCodeExceedsLimitForAccount \(HTTP 409\) documented in seeds\/alibaba-resourcedirectorymaster-SendPhoneVerificationForMessageContact.txt is missing/, fix: /add \{status: 409, code: SendValidateCodeExceedsLimitForAccount/ },
  },
  {
    name: 'an error code without its named example',
    given: { provider: 'huawei-osm', edit: (s) => s.replace("                OSM.01010024: { $ref: '#/components/examples/OSM.01010024' }\n", '') },
    want: { pointer: '/paths/~1v2~1servicerequest~1verifycodes~1send/post/responses/200/content/application~1json/examples', problem: /no example named "OSM.01010024"/, fix: /add an example named "OSM.01010024"/ },
  },
  {
    name: 'a misspelt OpenAPI field',
    given: { provider: 'huawei-osm', edit: (s) => s.replace('      requestBody:\n        required: true\n', '      requestbody:\n        required: true\n') },
    want: { pointer: '/paths/~1v2~1servicerequest~1verifycodes/post/requestbody', problem: /not valid OpenAPI 3\.1: Property "requestbody" is not expected here/, fix: /did you mean "requestBody"\?/ },
  },
  {
    name: 'an invalid security scheme',
    given: { provider: 'huawei-osm', edit: (s) => s.replace('      in: header\n      name: X-Auth-Token', '      in: body\n      name: X-Auth-Token') },
    want: { pointer: '/components/securitySchemes/IamToken/in', problem: /not valid OpenAPI 3\.1: "in" can be one of the following only/, fix: /follow the OpenAPI 3\.1 specification/ },
  },
  {
    name: 'malformed YAML',
    given: { provider: 'jiguang-jverification', edit: (s) => s.replace('servers:\n', 'servers:\n  - url: [oops\n') },
    want: { pointer: '/servers/0/url/0', problem: /malformed YAML at line \d+/, fix: /fix the YAML syntax/ },
  },
  {
    name: 'an operation without summary',
    given: { provider: 'jiguang-jverification', edit: (s) => s.replace('      summary: Verify a phone number against a web (H5) carrier token\n', '') },
    want: { pointer: '/paths/~1v1~1web~1h5~1verify/post/summary', problem: /missing required field "summary"/, fix: /add "summary"/ },
  },
];

describe('lint on broken copies', () => {
  it.each(cases)('$name: names file, pointer and fix', async ({ given, want }) => {
    const file = await broken(given.provider, given.edit);
    const { issues } = await lintFile(file);
    const hit = issues.find((i) => i.pointer === want.pointer && want.problem.test(i.problem));
    expect(hit, issues.map(formatIssue).join('\n')).toBeDefined();
    expect(hit!.file).toBe(file);
    expect(hit!.fix).toMatch(want.fix);
    expect(formatIssue(hit!)).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}#${(want.pointer || '/').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: .+\\. fix: .+`));
  });

  it('verikit lint --specs exits 1 and prints file#pointer: problem. fix: ...', async () => {
    const file = await broken('huawei-osm', (s) => s.replace("contact_way: 1\n", "contact_way: 'one'\n"));
    const dir = join(file, '..');
    await copyFile('specs/jiguang-jverification.yaml', join(dir, 'jiguang-jverification.yaml'));
    const r = await run(process.execPath, ['bin/verikit.js', 'lint', '--specs', dir]).then(() => ({ code: 0, stderr: '' }), (e: { code: number; stderr: string }) => e);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${file}#/paths/~1v2~1servicerequest~1verifycodes/post/requestBody/content/application~1json/examples/seed/value/contact_way: the example does not match its schema`);
    expect(r.stderr).toContain('. fix: ');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('command-line flags', () => {
  const table = [
    { given: ['--bogus'], want: /Unknown option '--bogus'/ },
    { given: ['stray'], want: /Unexpected argument 'stray'/ },
  ];
  it.each(table)('verikit lint $given is a UsageError', async ({ given, want }) => {
    const { default: lint } = await import('../../src/cli/commands/lint.ts');
    const { default: generate } = await import('../../src/cli/commands/generate.ts');
    for (const cmd of [lint, generate]) {
      const err = await cmd(given).then(() => undefined, (e: unknown) => e);
      expect(err).toBeInstanceOf(UsageError);
      expect((err as UsageError).message).toMatch(want);
      expect((err as UsageError).fix).toMatch(/^usage: verikit (lint|generate)/);
    }
  });
});
