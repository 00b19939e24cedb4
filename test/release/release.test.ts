/**
 * `verikit release` against a real npm registry: Verdaccio 6.8.0, installed at test time into the
 * git-ignored prefix test/.peers/verdaccio the way the bench installs its peers (bench/lib/peers.ts),
 * started on loopback with a throw-away storage and no uplink. On a temporary copy of specs/,
 * generated/ and releases/ (never the real ones): a stale generated/ is refused, the first release
 * publishes 0.1.0, releasing it again is refused, a breaking spec edit gives 1.0.0 with its changelog
 * entry, and a fresh consumer project installs @verikit/types@1.0.0 from the registry and compiles as
 * an ES module and as CommonJS with tsc.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensurePackage } from '../../bench/lib/peers.ts';
import { verikit } from '../drift/cli.ts';

const exec = promisify(execFile);
const ROOT = resolve('.');
const TSC = resolve('node_modules/typescript/bin/tsc');
const VERDACCIO = { pkg: 'verdaccio', version: '6.8.0', bin: 'bin/verdaccio' };
const npmEnv = { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };

/** A fresh consumer project: an ES-module and a CommonJS consumer of types and validators, and one written against 0.1.0. */
const USES = `import type { StartVerificationRequest } from '@verikit/types/alibaba-dypnsapi-intl';
import type { HuaweiOsm } from '@verikit/types';
import { validators } from '@verikit/types/validators/huawei-osm';
export const start: StartVerificationRequest = { query: { Channel: 'SMS', To: '6212345****01', ServiceSid: 'FA00000000000001' } };
export const body: HuaweiOsm.CheckVerifyCodesBody = { verify_code: '123456', contact_value: 'a@b.c', contact_way: 1 };
export const ok: boolean = validators.CheckVerifyCodes.responses[200](body);
`;
const CONSUMER: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'verikit-types-consumer', version: '1.0.0', private: true, type: 'module' }),
  'esm.mts': USES,
  'cjs.cts': USES,
  // 1.0.0 removed WHATSAPP from StartVerification's Channel (the breaking change)
  'whatsapp.mts': `import type { StartVerificationRequest } from '@verikit/types/alibaba-dypnsapi-intl';
export const start: StartVerificationRequest = { query: { Channel: 'WHATSAPP', To: '6212345****01', ServiceSid: 'FA00000000000001' } };
`,
};

let dir = '';
let work = '';
let registry = '';
let token = '';
let server: ChildProcess | undefined;

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });
}

async function waitForRegistry(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const until = Date.now() + 60_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`verdaccio exited (${child.exitCode}): ${log()}`);
    try {
      const r = await request(`${url}-/ping`);
      await r.body.text();
      if (r.statusCode === 200) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`verdaccio did not answer on ${url}: ${log()}`);
}

const release = (args: string[]) => verikit(['release', '--registry', registry, ...args], work, { NODE_AUTH_TOKEN: token });

beforeAll(async () => {
  const peer = await ensurePackage(join(ROOT, 'test', '.peers', 'verdaccio'), VERDACCIO, true);
  if (peer.error) throw new Error(peer.error);
  dir = await mkdtemp(join(tmpdir(), 'vk-release-'));
  const port = await freePort();
  registry = `http://127.0.0.1:${port}/`;
  await writeFile(join(dir, 'config.yaml'), [
    `storage: ${join(dir, 'storage')}`,
    'auth:',
    `  htpasswd: { file: ${join(dir, 'htpasswd')}, max_users: 10 }`,
    'uplinks: {}',
    'packages:',
    "  '**': { access: $all, publish: $authenticated }",
    'web: { enable: false }',
    'log: { type: stdout, format: pretty, level: warn }',
    '',
  ].join('\n'));
  let out = '';
  server = spawn(process.execPath, [peer.bin!, '--config', join(dir, 'config.yaml'), '--listen', `127.0.0.1:${port}`], { stdio: ['ignore', 'pipe', 'pipe'] });
  server.stdout!.on('data', (d: Buffer) => (out = (out + d).slice(-4000)));
  server.stderr!.on('data', (d: Buffer) => (out = (out + d).slice(-4000)));
  await waitForRegistry(registry, server, () => out);
  // A user on the registry; its token reaches npm only through NODE_AUTH_TOKEN.
  const r = await request(`${registry}-/user/org.couchdb.user:verikit`, {
    method: 'PUT', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'verikit', password: 'release-test-password', type: 'user', roles: [] }),
  });
  const created = (await r.body.json()) as { token?: string };
  expect(r.statusCode).toBe(201);
  token = created.token!;
  expect(token).toBeTruthy();
  // The release works on a copy: the real specs, generated/ and releases/ are never touched.
  work = join(dir, 'repo');
  for (const d of ['specs', 'generated', 'releases']) await cp(join(ROOT, d), join(work, d), { recursive: true });
}, 400_000);

afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((r) => server!.once('exit', r));
    server.kill('SIGTERM');
    await exited;
  }
  if (dir) await rm(dir, { recursive: true, force: true });
});

const npmView = async (spec: string) => {
  const r = await exec('npm', ['view', spec, 'version', '--json', '--registry', registry], { env: npmEnv });
  return r.stdout.trim();
};
const pkgVersion = async () => JSON.parse(await readFile(join(work, 'generated', 'package.json'), 'utf8')).version;

describe('verikit release against Verdaccio', { timeout: 240_000 }, () => {
  it('refuses a stale generated/ (VK_RELEASE_STALE) and publishes nothing', async () => {
    const file = join(work, 'generated', 'types', 'huawei-osm.ts');
    const text = await readFile(file, 'utf8');
    await writeFile(file, `${text}// edited by hand\n`);
    const r = await release([]);
    await writeFile(file, text);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('error[VK_RELEASE_STALE]: generated/ is stale: types/huawei-osm.ts (differs)');
    expect(r.stderr).toContain('fix: run `npm run generate`');
    await expect(npmView('@verikit/types')).rejects.toThrow(/E404/);
  });

  it('publishes the first release as 0.1.0, and refuses to publish it again', async () => {
    const r = await release([]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('release: @verikit/types 0.1.0 -> 0.1.0 (bump none: 0 breaking, 0 non-breaking change(s))');
    expect(r.stdout).toContain(`published @verikit/types@0.1.0 to ${registry}`);
    expect(await npmView('@verikit/types@0.1.0')).toBe('"0.1.0"');
    const changelog = await readFile(join(work, 'generated', 'CHANGELOG.md'), 'utf8');
    expect(changelog).toMatch(/^# Changelog of @verikit\/types\n/);
    expect(changelog).toMatch(/\n## 0\.1\.0 \(\d{4}-\d{2}-\d{2}\)\n\nFirst release published to a registry/);

    const again = await release([]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(`error[VK_RELEASE_EXISTS]: @verikit/types@0.1.0 is already on ${registry} and the specs have not changed since it`);
  });

  it('bumps the major version after a breaking spec edit, with the changelog entry, and generate --check agrees', async () => {
    const spec = join(work, 'specs', 'alibaba-dypnsapi-intl.yaml');
    const text = await readFile(spec, 'utf8');
    expect(text).toContain('enum: [SMS, VOICE, WHATSAPP]');
    await writeFile(spec, text.replace('enum: [SMS, VOICE, WHATSAPP]', 'enum: [SMS, VOICE]'));
    // generated/ is stale now: regenerate it as a developer would before releasing
    const gen = await verikit(['generate'], work);
    expect(gen.code, gen.stderr).toBe(0);

    const dry = await release(['--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('release: @verikit/types 0.1.0 -> 1.0.0 (bump major: 1 breaking, 0 non-breaking change(s))');
    expect(dry.stdout).toContain('dry run: would write');
    expect(await pkgVersion()).toBe('0.1.0');
    expect(await readFile(join(work, 'releases', 'types', 'release.json'), 'utf8')).toContain('"version": "0.1.0"');

    const r = await release([]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`published @verikit/types@1.0.0 to ${registry}`);
    expect(await pkgVersion()).toBe('1.0.0');
    expect(JSON.parse(await readFile(join(work, 'releases', 'types', 'release.json'), 'utf8'))).toEqual({ package: '@verikit/types', version: '1.0.0' });
    expect(await readFile(join(work, 'releases', 'types', 'specs', 'alibaba-dypnsapi-intl.yaml'), 'utf8')).toContain('enum: [SMS, VOICE] }');
    const changelog = await readFile(join(work, 'generated', 'CHANGELOG.md'), 'utf8');
    const entry = changelog.slice(changelog.indexOf('\n## 1.0.0 ('), changelog.indexOf('\n## 0.1.0 ('));
    expect(entry).toContain('Since 0.1.0: 1 breaking, 0 non-breaking change(s); bump major.');
    expect(entry).toMatch(/### alibaba-dypnsapi-intl\n\n- `StartVerification`\n {2}- Breaking:\n {4}- `enum-value-removed`: .*WHATSAPP/);
    expect(changelog.indexOf('## 1.0.0')).toBeLessThan(changelog.indexOf('## 0.1.0'));
    expect(await npmView('@verikit/types@1.0.0')).toBe('"1.0.0"');

    // the released version stays: generate writes 1.0.0, and --check finds generated/ fresh
    const check = await verikit(['generate', '--check'], work);
    expect(check.code, check.stderr).toBe(0);
  });

  it('installs @verikit/types@1.0.0 from the registry in a fresh project; ES-module and CommonJS consumers compile', async () => {
    const project = join(dir, 'consumer');
    await mkdir(project);
    for (const [file, text] of Object.entries(CONSUMER)) await writeFile(join(project, file), text);
    await exec('npm', ['install', '@verikit/types@1.0.0', '--registry', registry, '--no-package-lock', '--ignore-scripts'], { cwd: project, env: npmEnv });
    const installed = JSON.parse(await readFile(join(project, 'node_modules', '@verikit', 'types', 'package.json'), 'utf8'));
    expect(installed.version).toBe('1.0.0');
    expect(await readFile(join(project, 'node_modules', '@verikit', 'types', 'CHANGELOG.md'), 'utf8')).toContain('## 1.0.0 (');
    const tsc = (file: string) => exec(process.execPath, [TSC, '--noEmit', '--strict', '--target', 'es2022', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--skipLibCheck', 'false', file], { cwd: project }).then(
      (r) => ({ code: 0, out: r.stdout + r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
    );
    for (const file of ['esm.mts', 'cjs.cts']) {
      const r = await tsc(file);
      expect(r, file).toEqual({ code: 0, out: '' });
    }
    // and 1.0.0 is the breaking release: WHATSAPP is no longer a Channel
    const old = await tsc('whatsapp.mts');
    expect(old.code).toBe(2);
    expect(old.out).toMatch(/Type '"WHATSAPP"' is not assignable to type '"SMS" \| "VOICE"'/);
  });
});
