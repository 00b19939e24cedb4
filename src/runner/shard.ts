import { UsageError } from '../core/errors.ts';

export interface Shard {
  index: number;
  total: number;
}

/** Parses "i/n" (1-based). */
export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = m ? Number(m[1]) : NaN;
  const total = m ? Number(m[2]) : NaN;
  if (!m || total < 1 || index < 1 || index > total) throw new UsageError(`invalid --shard "${text}"`, 'use --shard i/n with 1 <= i <= n, e.g. --shard 2/4');
  return { index, total };
}

/** The items of shard i/n: every n-th item starting at i-1 (stable for a given case list). */
export function inShard<T>(items: readonly T[], shard: Shard | undefined): T[] {
  if (!shard || shard.total === 1) return [...items];
  return items.filter((_, i) => i % shard.total === shard.index - 1);
}
