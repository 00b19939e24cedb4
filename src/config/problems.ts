/**
 * ajv's errors on a config, as one bounded message: every path and key quoted (escaped, cut to a
 * bounded length), at most MAX_PROBLEMS of them, then how many more. Pure.
 */
import type { ErrorObject } from 'ajv';
import { pathForError, quoteForError } from './quote.ts';

export const MAX_PROBLEMS = 10;

export function configProblems(errors: readonly ErrorObject[]): string {
  const seen = new Set<string>();
  let more = 0;
  for (const e of errors) {
    const where = e.instancePath ? pathForError(e.instancePath, 60) : '/';
    let p: string;
    if (e.keyword === 'additionalProperties') p = `${where}: unknown key ${quoteForError((e.params as { additionalProperty: string }).additionalProperty, 40)}`;
    else if (e.keyword === 'enum') p = `${where}: must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`;
    else p = `${where}: ${e.message}`;
    if (seen.has(p)) continue;
    if (seen.size < MAX_PROBLEMS) seen.add(p);
    else more++;
  }
  return [...seen].join('; ') + (more ? `; and ${more} more` : '');
}
