/**
 * Lint: full OpenAPI 3.1 structure through Redocly's `struct` rule (@redocly/openapi-core, the validator
 * openapi-typescript itself builds on). Runs on the parsed document, offline; problems keep their pointers.
 */
import { createConfig, lintFromString } from '@redocly/openapi-core';
import type { LintIssue } from './lint-issue.ts';

type Config = Awaited<ReturnType<typeof createConfig>>;
let config: Promise<Config> | undefined;

export async function lintOpenApi(document: Record<string, unknown>, file: string): Promise<LintIssue[]> {
  config ??= createConfig({ rules: { struct: 'error' } } as Parameters<typeof createConfig>[0]);
  const problems = await lintFromString({ source: JSON.stringify(document), absoluteRef: `/verikit/${file.replace(/\\/g, '/')}`, config: await config });
  return problems.map((p) => {
    const pointer = (p.location[0]?.pointer ?? '#').replace(/^#/, '');
    const suggest = p.suggest?.length ? `did you mean ${p.suggest.map((s) => `"${s}"`).join(' or ')}? ` : '';
    return { file, pointer, problem: `not valid OpenAPI 3.1: ${p.message.replace(/`/g, '"')}`, fix: `${suggest}follow the OpenAPI 3.1 specification for this object (custom fields need an "x-" prefix)` };
  });
}
