/** Reads files as they were at a git ref (`git show <ref>:<path>`). Small I/O helpers for `verikit diff --since`. */
import { execFile } from 'node:child_process';
import { VerikitError } from '../core/errors.ts';

export class GitRefError extends VerikitError {
  constructor(ref: string, detail: string) {
    super('VK_GIT_REF', `cannot read specs at git ref "${ref}": ${detail}`,
      'run verikit inside the git work tree and pass a ref that exists (e.g. origin/main, HEAD~1, a tag); in CI fetch enough history (actions/checkout fetch-depth: 0)');
    this.name = 'GitRefError';
  }
}

function git(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('git', args, { cwd, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 128) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** Spec file names (relative to the working directory) under `dir` at `ref`. */
export async function listSpecsAt(ref: string, dir: string, cwd = process.cwd()): Promise<string[]> {
  if (ref.startsWith('-')) throw new GitRefError(ref, 'a ref cannot start with "-"');
  const verify = await git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], cwd);
  if (verify.code !== 0) throw new GitRefError(ref, 'no such commit');
  const r = await git(['ls-tree', '--name-only', ref, '--', `${dir.replace(/\/$/, '')}/`], cwd);
  if (r.code !== 0) throw new GitRefError(ref, r.stderr.trim().split('\n')[0] || 'git ls-tree failed');
  return r.stdout.split('\n').filter((n) => /\.ya?ml$/.test(n)).sort();
}

/** A file's text at `ref`; undefined when it does not exist there. `path` is relative to the working directory. */
export async function showAt(ref: string, path: string, cwd = process.cwd()): Promise<string | undefined> {
  const r = await git(['show', `${ref}:./${path.replace(/^\.\//, '')}`], cwd);
  return r.code === 0 ? r.stdout : undefined;
}
