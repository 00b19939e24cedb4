/** Machine and tool-version information for RESULTS.md. */
import { readFileSync, existsSync } from 'node:fs';
import { cpus, totalmem, type as osType, release } from 'node:os';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { Machine } from './types.ts';

function pkgVersion(dir: string, name: string): string | undefined {
  const file = join(dir, 'node_modules', name, 'package.json');
  if (!existsSync(file)) return undefined;
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}

export function gitCommit(root: string): string | null {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}

/** Versions of verikit's own pinned deps and of every peer installed under bench/.peers/<peer>. */
export function machineInfo(root: string, peerDirs: Record<string, { dir: string; pkg: string }>): Machine {
  const versions: Record<string, string> = {};
  for (const name of ['undici', 'ajv', 'tsx', 'vitest', 'typescript']) {
    const v = pkgVersion(root, name);
    if (v) versions[name] = v;
  }
  for (const [label, p] of Object.entries(peerDirs)) {
    const v = pkgVersion(p.dir, p.pkg);
    versions[label] = v ?? 'not installed';
  }
  const c = cpus();
  return {
    cpu: c[0]?.model.trim() ?? 'unknown',
    cores: c.length,
    memoryGb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${osType()} ${release()}`,
    node: process.version,
    versions,
  };
}
