/** Turns a finished run into the contents of summary.json, junit.xml and index.html. Pure. */
import type { Coverage, RunSummary } from '../core/types.ts';
import { redactValue } from '../core/redact.ts';
import type { ProviderSpec } from '../spec/model.ts';
import { diffSummaries } from './changes.ts';
import type { Collected } from './collect.ts';
import { renderHtml, type ProviderView } from './html/render.ts';
import { renderJunit } from './junit.ts';

export interface RenderInput {
  summary: RunSummary;
  specs: ProviderSpec[];
  collected: Collected;
  /** Used when the summary carries no coverage. */
  fallbackCoverage: () => Coverage;
  previous?: RunSummary | null;
  /** false: leave junit.xml out (the report writer spools it to disk instead). Default true. */
  junit?: boolean;
}

/** File name -> content, in the order they should be written. Summaries are redacted here. */
export function renderReportFiles(input: RenderInput): Array<[string, string]> {
  const safe = redactValue(input.summary, 'response');
  const coverage = safe.coverage ?? input.fallbackCoverage();
  const status = new Map((safe.providers ?? []).map((p) => [p.provider, p]));
  const specs = reportedSpecs(safe, input.specs);
  const providers: ProviderView[] = specs.map((s) => ({
    id: s.id,
    title: s.title,
    operations: s.operations.map((o) => o.operationId),
    status: status.get(s.id)?.status ?? 'ran',
    reason: status.get(s.id)?.reason,
  }));
  const changes = input.previous ? diffSummaries(redactValue(input.previous, 'response'), safe) : null;
  const files: Array<[string, string]> = [['summary.json', `${JSON.stringify({ ...safe, coverage }, null, 2)}\n`]];
  if (input.junit !== false) files.push(['junit.xml', renderJunit(safe, input.collected.cases, specs.map((s) => s.id))]);
  files.push(['index.html', renderHtml({ summary: safe, providers, collected: input.collected, coverage, changes })]);
  return files;
}

/** A run limited to some providers (--provider) reports on those only. */
export function reportedSpecs(summary: RunSummary, specs: ProviderSpec[]): ProviderSpec[] {
  const ran = new Set((summary.providers ?? []).map((p) => p.provider));
  return ran.size ? specs.filter((s) => ran.has(s.id)) : specs;
}
