/**
 * Spec lint, pure: (spec model, seed codes) -> issues. `lintFile` adds the async OpenAPI 3.1 structure check. `verikit lint` (src/cli/commands/lint.ts) loads the
 * files, turns load failures into issues with `lintFile` and prints them with `formatIssue`.
 */
import { SpecError } from '../core/errors.ts';
import { createAjv } from './ajv.ts';
import { lintCodes, lintSeedCodes } from './lint-codes.ts';
import { lintExamples } from './lint-examples.ts';
import { lintOpenApi } from './lint-openapi.ts';
import type { LintIssue } from './lint-issue.ts';
import { lintStructure } from './lint-structure.ts';
import { loadSpec } from './load.ts';
import type { ProviderSpec } from './model.ts';
import { seedCodesFor, type SeedCode } from './seed-codes.ts';

export { formatIssue, type LintIssue } from './lint-issue.ts';

export function lintSpec(spec: ProviderSpec, seeds: SeedCode[] = seedCodesFor(spec.id)): LintIssue[] {
  const ajv = createAjv();
  const issues = lintStructure(spec.document, spec.file);
  if (spec.operations.length === 0) issues.push({ file: spec.file, pointer: '/paths', problem: 'the spec has no operation', fix: 'add the provider\'s documented operations under paths' });
  for (const op of spec.operations) issues.push(...lintExamples(op, spec.file, ajv));
  issues.push(...lintCodes(spec), ...lintSeedCodes(spec, seeds));
  return issues;
}

/** Loads and lints one file (plus the full OpenAPI 3.1 structure check); a load failure becomes a single issue. */
export async function lintFile(file: string, seeds?: SeedCode[]): Promise<{ spec?: ProviderSpec; issues: LintIssue[] }> {
  try {
    const spec = await loadSpec(file);
    return { spec, issues: [...(await lintOpenApi(spec.document, spec.file)), ...lintSpec(spec, seeds)] };
  } catch (e) {
    if (e instanceof SpecError) return { issues: [{ file: e.file, pointer: e.pointer, problem: e.message.slice(e.message.indexOf(': ') + 2), fix: e.fix }] };
    throw e;
  }
}
