/**
 * The generation pipeline, pure: specs -> Map<path relative to generated/, file content>. Deterministic:
 * the same specs always give byte-identical files. `verikit generate` writes or checks them.
 */
import type { ProviderSpec } from '../spec/model.ts';
import { renderIndex, renderPackageJson, renderReadme } from './package.ts';
import { renderSchemas } from './schemas.ts';
import { renderValidators, VALIDATOR_TYPES } from './standalone.ts';
import { renderTypes } from './types.ts';

/** Top-level folders of generated/ that the pipeline owns entirely (stale files in them are reported). */
export const MANAGED_DIRS = ['types', 'schemas', 'validators'];

export async function generateFiles(specs: ProviderSpec[], version = '0.1.0'): Promise<Map<string, string>> {
  const sorted = [...specs].sort((a, b) => a.id.localeCompare(b.id));
  const files = new Map<string, string>();
  files.set('package.json', renderPackageJson(sorted, version));
  files.set('README.md', renderReadme(sorted));
  // Every type entry twice: as ES module typings (.ts) and as CommonJS typings (.d.cts, the same declarations),
  // so a consumer compiled as CommonJS (module node16/nodenext) imports the types without resolution-mode.
  files.set('types/index.ts', renderIndex(sorted, 'js'));
  files.set('types/index.d.cts', renderIndex(sorted, 'cjs'));
  files.set('validators/types.d.cts', VALIDATOR_TYPES);
  for (const spec of sorted) {
    const types = await renderTypes(spec);
    files.set(`types/${spec.id}.ts`, types);
    files.set(`types/${spec.id}.d.cts`, types);
    for (const [path, content] of renderSchemas(spec)) files.set(path, content);
    const v = renderValidators(spec);
    files.set(`validators/${spec.id}.cjs`, v.code);
    files.set(`validators/${spec.id}.d.cts`, v.dts);
  }
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export interface StaleFile {
  path: string;
  reason: 'differs' | 'missing' | 'extra';
}

/** Compares wanted files with what is on disk (`existing`: path -> content for the managed files present). Pure. */
export function staleFiles(wanted: Map<string, string>, existing: Map<string, string>): StaleFile[] {
  const out: StaleFile[] = [];
  for (const [path, content] of wanted) {
    const have = existing.get(path);
    if (have === undefined) out.push({ path, reason: 'missing' });
    else if (have !== content) out.push({ path, reason: 'differs' });
  }
  for (const path of existing.keys()) if (!wanted.has(path)) out.push({ path, reason: 'extra' });
  return out.sort((a, b) => (a.path < b.path ? -1 : 1));
}
