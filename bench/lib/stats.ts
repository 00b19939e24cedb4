/** Pure statistics over repeated benchmark runs. */
export interface Summary {
  runs: number[];
  median: number;
  min: number;
  max: number;
}

export function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export function summarize(runs: number[]): Summary {
  return { runs, median: median(runs), min: Math.min(...runs), max: Math.max(...runs) };
}

/** Nearest-rank percentile (p in 0..100) of an unsorted sample. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const rank = Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1));
  return s[rank];
}

/** a / b, or null when either side is missing or b is zero. */
export function ratio(a: number | undefined | null, b: number | undefined | null): number | null {
  if (a == null || b == null || !Number.isFinite(a) || !Number.isFinite(b) || b === 0) return null;
  return a / b;
}

/** Human formatting: 1234567 -> "1.23M", 12345 -> "12.3k", 12.345 -> "12.3". */
export function fmt(n: number | null | undefined, digits = 3): string {
  if (n == null || !Number.isFinite(n)) return 'n/a';
  const abs = Math.abs(n);
  if (abs >= 1e6) return `${(n / 1e6).toPrecision(digits)}M`;
  if (abs >= 1e4) return `${(n / 1e3).toPrecision(digits)}k`;
  if (abs >= 100) return n.toFixed(0);
  return n.toPrecision(digits);
}
