/**
 * Drift filters: `--operation` and `--checks` / `--exclude-checks` over drift classes. A filtered run
 * sees only part of the deviations, so the baseline it is compared with is cut to the same scope (an
 * entry outside it is not "fixed", merely not looked at). Pure.
 */
import type { Baseline } from './baseline.ts';
import { DRIFT_CLASSES } from './types.ts';

/** The names `drift --checks` takes: the drift classes (also accepted as `drift:<class>`, the JUnit check name). */
export const DRIFT_CHECK_NAMES: readonly string[] = DRIFT_CLASSES;

export const driftClassName = (name: string) => (name.startsWith('drift:') ? name.slice('drift:'.length) : name);

export interface DriftScope {
  /** provider/operationId keys (empty: all). */
  operations: readonly string[];
  /** The drift classes kept (undefined: all). */
  classes?: ReadonlySet<string>;
}

export function inScope(scope: DriftScope, f: { provider: string; operationId: string; class: string }): boolean {
  return (!scope.operations.length || scope.operations.includes(`${f.provider}/${f.operationId}`)) && (!scope.classes || scope.classes.has(f.class));
}

/** The baseline with only the entries inside the scope (the same object when nothing is filtered). */
export function scopeBaseline(baseline: Baseline | undefined, scope: DriftScope): Baseline | undefined {
  if (!baseline || (!scope.operations.length && !scope.classes)) return baseline;
  return { ...baseline, entries: baseline.entries.filter((e) => inScope(scope, e)) };
}
