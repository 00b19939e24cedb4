/** Reading and writing generated/ against what the specs produce (`verikit generate`, `verikit release`). */
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { MANAGED_DIRS, type StaleFile } from './index.ts';

async function listFiles(root: string, rel: string): Promise<string[]> {
  const entries = await readdir(join(root, rel), { withFileTypes: true }).catch(() => []);
  const out: string[] = [];
  for (const e of entries) {
    const p = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await listFiles(root, p)));
    else out.push(p);
  }
  return out;
}

/** The files of `out` that generation owns: every wanted path plus everything in the managed folders. */
export async function existingFiles(out: string, wanted: Map<string, string>): Promise<Map<string, string>> {
  const paths = new Set<string>([...wanted.keys()]);
  for (const d of MANAGED_DIRS) for (const p of await listFiles(out, d)) paths.add(p);
  const have = new Map<string, string>();
  for (const p of paths) {
    const text = await readFile(join(out, p), 'utf8').catch(() => undefined);
    if (text !== undefined) have.set(p, text);
  }
  return have;
}

/** Writes (or removes) the stale files. */
export async function writeStale(out: string, wanted: Map<string, string>, stale: StaleFile[]): Promise<void> {
  for (const s of stale) {
    const target = join(out, s.path);
    if (s.reason === 'extra') await rm(target);
    else {
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, wanted.get(s.path)!);
    }
  }
}
