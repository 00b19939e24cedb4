/**
 * Coverage in the terminal and the coverage gate of `verikit run` (`--min-coverage <kind>=<percent>`,
 * config `coverage:`): a run below a threshold exits 1 and names what is uncovered. A filtered run's
 * coverage (and so its gate) is over the operations the filters kept (src/runner/filters.ts coveredSpecs). Pure.
 */
import { UsageError } from '../core/errors.ts';
import type { Coverage, CoverageItem } from '../core/types.ts';

export type CoverageKind = 'operations' | 'statuses' | 'codes' | 'constraints';
export type CoverageThresholds = Partial<Record<CoverageKind, number>>;

export const COVERAGE_KINDS: Record<CoverageKind, { field: keyof Coverage; label: string }> = {
  operations: { field: 'operations', label: 'operations' },
  statuses: { field: 'statusCodes', label: 'documented statuses' },
  codes: { field: 'errorCodes', label: 'documented error codes' },
  constraints: { field: 'constraints', label: 'constraints' },
};

const KINDS = Object.keys(COVERAGE_KINDS) as CoverageKind[];
/** How many uncovered keys a gate failure names before pointing at summary.json. */
const NAMED = 20;

/** `--min-coverage <kind>=<percent>` values (repeatable; the last one of a kind wins). */
export function parseMinCoverage(values: readonly string[] | undefined): CoverageThresholds {
  const out: CoverageThresholds = {};
  for (const v of values ?? []) {
    const m = /^([a-z]+)=(\d{1,3}(?:\.\d+)?)%?$/.exec(v);
    if (!m || !KINDS.includes(m[1] as CoverageKind) || Number(m[2]) > 100) {
      throw new UsageError(`invalid --min-coverage "${v.slice(0, 80)}"`, `use --min-coverage <kind>=<percent 0-100> with kind one of ${KINDS.join(', ')}, e.g. --min-coverage codes=100`);
    }
    out[m[1] as CoverageKind] = Number(m[2]);
  }
  return out;
}

/** Percent covered, rounded down to 0.1 (an empty universe is fully covered). */
export function percentOf(item: CoverageItem): number {
  return item.total === 0 ? 100 : Math.floor((item.covered / item.total) * 1000) / 10;
}

/** One line per kind: covered/total, percent, and how many were natural and armed when the run armed any. */
export function coverageLines(cov: Coverage): string[] {
  const rows = KINDS.map((k) => {
    const item = cov[COVERAGE_KINDS[k].field];
    const armed = item.armed?.length ?? 0;
    const how = item.natural !== undefined && armed > 0 ? ` (${item.natural} natural, ${armed} armed through the mock)` : '';
    return [COVERAGE_KINDS[k].label, `${item.covered}/${item.total}`, `${percentOf(item)}%`, how] as const;
  });
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  return ['coverage:', ...rows.map(([a, b, c, d]) => `  ${a.padEnd(w0)}  ${b.padStart(w1)}  ${c.padStart(6)}${d}`)];
}

export interface GateResult {
  ok: boolean;
  /** One message per kind below its threshold, naming what is uncovered. */
  failures: string[];
}

/**
 * Compares a run's coverage with the thresholds. `scope`: what a filtered run's coverage is over (its
 * coverage counts only the operations --operation / --case kept), named in each failure.
 */
export function checkCoverage(cov: Coverage, min: CoverageThresholds, scope?: string): GateResult {
  const failures: string[] = [];
  for (const k of KINDS) {
    const want = min[k];
    if (want === undefined) continue;
    const item = cov[COVERAGE_KINDS[k].field];
    const got = percentOf(item);
    if (got >= want) continue;
    const named = item.uncovered.slice(0, NAMED).join(', ');
    const more = item.uncovered.length > NAMED ? ` … ${item.uncovered.length - NAMED} more in summary.json` : '';
    const over = scope ? `, over ${scope}` : '';
    failures.push(`${k} coverage ${got}% is below --min-coverage ${k}=${want}% (${item.covered}/${item.total}${over}); uncovered: ${named}${more}`);
  }
  return { ok: failures.length === 0, failures };
}
