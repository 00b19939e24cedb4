/** Runs verikit's generator (src/generate: pure specs -> files) and writes the files under `dir`. */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ProviderSpec } from '../../src/spec/model.ts';

export async function generateAll(root: string, specs: ProviderSpec[], dir: string): Promise<number> {
  const mod = await import(`${root}/src/generate/index.ts`);
  const files = (await mod.generateFiles(specs)) as Map<string, string> | Array<{ path: string; content: string }>;
  const list = files instanceof Map ? [...files].map(([path, content]) => ({ path, content })) : files;
  for (const f of list) {
    await mkdir(dirname(join(dir, f.path)), { recursive: true });
    await writeFile(join(dir, f.path), f.content);
  }
  return list.length;
}
