/**
 * Pact contracts: the programmatic API (`verikit run` and `verikit pact generate` call generatePacts).
 * See README.md in this folder for the workflow.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { CaseResult } from '../core/types.ts';
import type { ProviderSpec } from '../spec/model.ts';
import { interactionPlan, type InteractionPlan } from './interactions.ts';
import { interactionKeys, keepForPact, preferResult, selectInteractions } from './select.ts';
import { pactFileName, writePact } from './write.ts';

export { keepForPact } from './select.ts';
export { comparePact, type CompareFinding } from './compare.ts';
export { publishPacts, type PublishOptions } from './publish.ts';
export { verifyPacts, type VerifyPactsOptions, type VerifyOutcome } from './verify.ts';

export const DEFAULT_CONSUMER = 'verikit';

export interface GeneratePactsOptions {
  specs: ProviderSpec[];
  results: CaseResult[];
  /** Output directory, e.g. reports/pacts. */
  dir: string;
  /** Consumer name (default "verikit"). */
  consumer?: string;
}

export interface PactCollector {
  /** Feed every CaseResult as it completes (e.g. from runConformance's onResult); keeps only usable ones. */
  add(result: CaseResult): void;
  /** Writes the pacts from what was kept (generatePacts). */
  write(opts: Omit<GeneratePactsOptions, 'results'>): Promise<string[]>;
}

/**
 * For streaming runs (`verikit run`): keeps, per interaction key (provider, operation, status, code), only
 * the result `generatePacts` would pick for it, so memory stays bounded however many cases run.
 */
export function createPactCollector(specs: ProviderSpec[]): PactCollector {
  const best = new Map<string, CaseResult>();
  return {
    add: (result) => {
      if (!keepForPact(result)) return;
      for (const key of interactionKeys(specs, result)) {
        const current = best.get(key);
        if (!current || preferResult(result, current) < 0) best.set(key, result);
      }
    },
    write: (opts) => generatePacts({ ...opts, results: [...new Set(best.values())] }),
  };
}

/** Interaction plans per provider (pure); providers without a usable result are left out. */
export function planPacts(specs: ProviderSpec[], results: CaseResult[]): Map<string, InteractionPlan[]> {
  const byProvider = new Map<string, InteractionPlan[]>();
  for (const selected of selectInteractions(specs, results)) {
    const list = byProvider.get(selected.spec.id) ?? [];
    list.push(interactionPlan(selected));
    byProvider.set(selected.spec.id, list);
  }
  return byProvider;
}

/**
 * Writes one Pact V4 file per provider, `<dir>/<consumer>-<provider>.json`, from the positive and
 * documented-error results. Returns the paths written, in the order of `specs`.
 */
export async function generatePacts(opts: GeneratePactsOptions): Promise<string[]> {
  const consumer = opts.consumer ?? DEFAULT_CONSUMER;
  const plans = planPacts(opts.specs, opts.results);
  const ran = new Set(opts.results.map((r) => r.provider));
  const files: string[] = [];
  for (const spec of opts.specs) {
    const list = plans.get(spec.id);
    if (list) files.push(await writePact(opts.dir, consumer, spec.id, list));
    // a provider that ran without a usable answer must not keep an older pact; others are left alone
    else if (ran.has(spec.id)) await rm(join(opts.dir, pactFileName(consumer, spec.id)), { force: true });
  }
  return files;
}
