/**
 * Peer tools the benchmarks compare against. They are installed by the bench itself into
 * bench/.peers/<name> (git-ignored, one prefix per tool so one install never prunes another),
 * never by `npm ci`, so the product's install stays lean.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runToEnd } from './proc.ts';

export interface PeerSpec {
  /** Package name and the exact version installed. */
  pkg: string;
  version: string;
  /** Entry file (relative to the package) to run with node, for CLIs. */
  bin?: string;
}

export const PEERS = {
  autocannon: { pkg: 'autocannon', version: '9.0.0' },
  prism: { pkg: '@stoplight/prism-cli', version: '5.14.2', bin: 'dist/index.js' },
  dredd: { pkg: 'dredd', version: '14.1.0', bin: 'bin/dredd' },
} satisfies Record<string, PeerSpec>;

export type PeerName = keyof typeof PEERS;

export interface PeerStatus {
  name: PeerName;
  dir: string;
  pkgDir: string;
  /** Absolute path of the CLI entry, when the peer has one. */
  bin?: string;
  /** Why the peer is unusable (exact installer error), or undefined when it is installed. */
  error?: string;
}

export function peerDir(root: string, name: PeerName): string {
  return join(root, 'bench', '.peers', name);
}

export function peerDirs(root: string): Record<string, { dir: string; pkg: string }> {
  const out: Record<string, { dir: string; pkg: string }> = {};
  for (const [name, p] of Object.entries(PEERS)) out[name] = { dir: peerDir(root, name as PeerName), pkg: p.pkg };
  return out;
}

export async function ensurePeer(root: string, name: PeerName, install: boolean): Promise<PeerStatus> {
  return { name, ...(await ensurePackage(peerDir(root, name), PEERS[name], install)) };
}

/**
 * Installs `spec` (exact version, from the npm registry) into the prefix `dir` unless it is there already.
 * The release test installs Verdaccio this way too (into test/.peers/, git-ignored).
 */
export async function ensurePackage(dir: string, spec: PeerSpec, install: boolean): Promise<Omit<PeerStatus, 'name'>> {
  const pkgDir = join(dir, 'node_modules', spec.pkg);
  const status = { dir, pkgDir, bin: spec.bin ? join(pkgDir, spec.bin) : undefined };
  const installed = existsSync(join(pkgDir, 'package.json')) ? (JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { version: string }).version : undefined;
  if (installed === spec.version) return status;
  if (!install) return { ...status, error: `${spec.pkg}@${spec.version} is not installed in ${dir}${installed ? ` (found ${installed})` : ''}: run npm run bench once to install it` };
  mkdirSync(dir, { recursive: true });
  const r = await runToEnd('npm', ['install', '--prefix', dir, '--no-save', '--no-audit', '--no-fund', '--no-package-lock', `${spec.pkg}@${spec.version}`], { cwd: dir, timeoutMs: 300_000 });
  if (r.code !== 0 || !existsSync(join(pkgDir, 'package.json'))) {
    const lines = r.stderr.split('\n').filter((l) => /ERR|error/i.test(l)).slice(0, 12).join('\n');
    return { ...status, error: `npm install ${spec.pkg}@${spec.version} failed (exit ${r.code}):\n${lines || r.stderr.slice(-1500)}` };
  }
  return status;
}
