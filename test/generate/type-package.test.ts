/**
 * The type package works for a consumer: `npm pack` generated/, install the tarball into a temporary
 * project (offline: it has no required dependencies), compile a correct consumer with the repo's tsc
 * (must pass) and one with a wrong Channel value (must fail); consumers compiled as ES modules and as
 * CommonJS (module node16 and nodenext) import the types and the validators without resolution-mode.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

const exec = promisify(execFile);
const TSC = resolve('node_modules/typescript/bin/tsc');
const npmEnv = { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
let project = '';

async function tsc(file: string, module: 'node16' | 'nodenext' = 'nodenext'): Promise<{ code: number; out: string }> {
  const args = [TSC, '--noEmit', '--strict', '--target', 'es2022', '--module', module, '--moduleResolution', module, '--skipLibCheck', 'false', file];
  return exec(process.execPath, args, { cwd: project }).then(
    (r) => ({ code: 0, out: r.stdout + r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
  );
}

beforeAll(async () => {
  const packs = await mkdtemp(join(tmpdir(), 'vk-pack-'));
  await exec('npm', ['pack', resolve('generated'), '--pack-destination', packs, '--silent'], { env: npmEnv });
  const tarball = (await readdir(packs)).find((f) => f.endsWith('.tgz'));
  expect(tarball).toMatch(/^verikit-types-\d+\.\d+\.\d+\.tgz$/);
  project = await mkdtemp(join(tmpdir(), 'vk-consumer-'));
  await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true, type: 'module' }));
  await exec('npm', ['install', '--offline', '--no-save', '--ignore-scripts', join(packs, tarball!)], { cwd: project, env: npmEnv });
}, 120_000);

const cases = [
  {
    name: 'correct use compiles',
    given: `import type { StartVerificationRequest, CheckVerificationResponse200, StartVerificationResponse200 } from '@verikit/types/alibaba-dypnsapi-intl';
import type { HuaweiOsm, JiguangJverification } from '@verikit/types';
import type { validators } from '@verikit/types/validators/huawei-osm';
const start: StartVerificationRequest = { query: { Channel: 'WHATSAPP', To: '6212345****01', ServiceSid: 'FA00000000000001' } };
const checked: CheckVerificationResponse200 = { RequestId: 'r', Code: 'OK', Message: 'OK', Success: 'true' };
const started: StartVerificationResponse200 = { RequestId: 'r', Code: 'OK', Message: 'OK', Success: true };
const body: HuaweiOsm.CheckVerifyCodesBody = { verify_code: '123456', contact_value: 'a@b.c', contact_way: 1 };
const answer: JiguangJverification.VerifyResponse200 = { code: 9000, content: 'verify consistent' };
type V = typeof validators.CheckVerifyCodes.responses[200];
export { start, checked, started, body, answer, type V };
`,
    want: { code: 0, error: undefined },
  },
  {
    name: 'a wrong Channel value fails',
    given: `import type { StartVerificationRequest } from '@verikit/types/alibaba-dypnsapi-intl';
export const start: StartVerificationRequest = { query: { Channel: 'FAX', To: '6212345****01', ServiceSid: 'FA00000000000001' } };
`,
    want: { code: 2, error: /Type '"FAX"' is not assignable to type '"SMS" \| "VOICE" \| "WHATSAPP"'/ },
  },
  {
    name: 'CheckVerification Success as a boolean fails (it is a string)',
    given: `import type { CheckVerificationResponse200 } from '@verikit/types/alibaba-dypnsapi-intl';
export const checked: CheckVerificationResponse200 = { RequestId: 'r', Code: 'OK', Message: 'OK', Success: true };
`,
    want: { code: 2, error: /Type 'true' is not assignable to type '("true" \| "false"|"false" \| "true")'/ },
  },
];

// Every entry, types and validators, from either module system.
const everyEntry = `import type { StartVerificationRequest } from '@verikit/types/alibaba-dypnsapi-intl';
import type { HuaweiOsm } from '@verikit/types';
import { validators } from '@verikit/types/validators/huawei-osm';
export const start: StartVerificationRequest = { query: { Channel: 'SMS', To: '6212345****01', ServiceSid: 'FA00000000000001' } };
export const body: HuaweiOsm.CheckVerifyCodesBody = { verify_code: '123456', contact_value: 'a@b.c', contact_way: 1 };
export const ok: boolean = validators.CheckVerifyCodes.responses[200](body);
`;
const moduleSystems = [
  { name: 'CommonJS consumer, module node16', ext: 'cts', module: 'node16' },
  { name: 'CommonJS consumer, module nodenext', ext: 'cts', module: 'nodenext' },
  { name: 'ES module consumer, module node16', ext: 'mts', module: 'node16' },
  { name: 'ES module consumer, module nodenext', ext: 'mts', module: 'nodenext' },
] as const;

describe('@verikit/types as an installed package', () => {
  it.each(moduleSystems)('$name: types and validators import', async ({ name, ext, module }) => {
    const file = `${name.replace(/\W+/g, '-')}.${ext}`;
    await writeFile(join(project, file), everyEntry);
    const r = await tsc(file, module);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toBe('');
  });

  it.each(cases)('$name', async ({ name, given, want }) => {
    const file = `${name.replace(/\W+/g, '-')}.ts`;
    await writeFile(join(project, file), given);
    const r = await tsc(file);
    expect(r.code, r.out).toBe(want.code);
    if (want.error) expect(r.out).toMatch(want.error);
    else expect(r.out).toBe('');
  });
});
