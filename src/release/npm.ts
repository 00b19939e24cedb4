/**
 * The npm client for a release: does a version exist, pack, publish. The registry is `--registry` or
 * npm's own configuration. The token: NODE_AUTH_TOKEN when set (as actions/setup-node sets it), put in
 * a temporary userconfig as the literal `${NODE_AUTH_TOKEN}` that npm expands itself, so the token is
 * never written to disk nor passed on a command line; otherwise the user's .npmrc applies.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { redactText } from '../core/redact.ts';
import { ReleaseError } from './errors.ts';

export interface NpmResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface NpmClient {
  registry: string;
  run(args: string[], cwd?: string): Promise<NpmResult>;
  close(): Promise<void>;
}

function exec(args: string[], env: NodeJS.ProcessEnv, cwd?: string): Promise<NpmResult> {
  return new Promise((resolve) => {
    execFile('npm', args, { env, cwd, maxBuffer: 16 * 1024 * 1024, timeout: 300_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

/** `//host[:port]/path/`, the key prefix npm reads a registry's token under. */
export function nerfDart(registry: string): string {
  const u = new URL(registry);
  return `//${u.host}${u.pathname.endsWith('/') ? u.pathname : `${u.pathname}/`}`;
}

export async function openNpm(registry: string | undefined): Promise<NpmClient> {
  const env: NodeJS.ProcessEnv = { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' };
  let temp: string | undefined;
  const resolved = registry ?? (await exec(['config', 'get', 'registry'], env)).stdout.trim();
  if (!/^https?:\/\//.test(resolved)) throw new ReleaseError('VK_RELEASE_NPM', `the registry "${resolved}" is not an http(s) URL`, 'pass --registry https://registry.npmjs.org/ (or your registry)');
  if (process.env.NODE_AUTH_TOKEN) {
    temp = await mkdtemp(join(tmpdir(), 'vk-release-npmrc-'));
    const rc = join(temp, '.npmrc');
    await writeFile(rc, `registry=${resolved}\n${nerfDart(resolved)}:_authToken=\${NODE_AUTH_TOKEN}\n`, { mode: 0o600 });
    env.npm_config_userconfig = rc;
  }
  return {
    registry: resolved,
    run: (args, cwd) => exec([...args, '--registry', resolved], env, cwd),
    close: async () => {
      if (temp) await rm(temp, { recursive: true, force: true });
    },
  };
}

const failure = (what: string, r: NpmResult) =>
  new ReleaseError('VK_RELEASE_NPM', `${what} failed (npm exit ${r.code}): ${redactText(r.stderr.split('\n').filter((l) => /ERR|error/i.test(l)).slice(0, 8).join(' | ') || r.stderr.slice(-600))}`, 'check --registry and the token (NODE_AUTH_TOKEN or your .npmrc), then run the release again: it publishes the version it recorded');

/** true when `name@version` is on the registry. */
export async function versionExists(npm: NpmClient, name: string, version: string): Promise<boolean> {
  const r = await npm.run(['view', `${name}@${version}`, 'version', '--json']);
  if (r.code === 0) return r.stdout.trim() !== '';
  if (/E404|404 Not Found/.test(r.stderr)) return false;
  throw failure(`npm view ${name}@${version}`, r);
}

/** Packs `dir` into `dest`; returns the tarball's path. */
export async function pack(npm: NpmClient, dir: string, dest: string): Promise<string> {
  const r = await npm.run(['pack', resolve(dir), '--pack-destination', dest, '--json', '--ignore-scripts']);
  if (r.code !== 0) throw failure('npm pack', r);
  const [first] = JSON.parse(r.stdout) as Array<{ filename: string }>;
  return join(dest, first.filename);
}

export async function publish(npm: NpmClient, tarball: string): Promise<void> {
  const r = await npm.run(['publish', tarball, '--access', 'public', '--ignore-scripts']);
  if (r.code !== 0) throw failure('npm publish', r);
}
