/**
 * Flag parsing shared by the commands that drive the engine (run, drift, pact verify): integers,
 * provider ids, --base-url, --allow-number, and the current git commit. Errors are UsageErrors (exit 2).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { UsageError } from '../core/errors.ts';
import { parseAllowNumber } from '../cases/allow-numbers.ts';
import { quoteForError } from './quote.ts';
import { baseUrlMessage, baseUrlProblem } from './url.ts';
import { PROVIDER_IDS, type ProviderId } from '../spec/model.ts';

export function intFlag(name: string, v: string | undefined, min = 0): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v) || Number(v) < min) throw new UsageError(`--${name} must be an integer >= ${min}, got "${v}"`, `pass a number, e.g. --${name} ${Math.max(min, 1)}`);
  return Number(v);
}

export function providerFlag(v: string, flag: string): ProviderId {
  if (!PROVIDER_IDS.includes(v as ProviderId)) throw new UsageError(`unknown provider "${v}" in ${flag}`, `use one of: ${PROVIDER_IDS.join(', ')}`);
  return v as ProviderId;
}

/** `--base-url <provider>=<url>` (repeatable), only meaningful for the live target. */
export function parseBaseUrls(values: string[] | undefined, target: string): Partial<Record<ProviderId, string>> {
  const out: Partial<Record<ProviderId, string>> = {};
  const fix = 'use --base-url <provider>=http(s)://host[:port][/path], e.g. --base-url huawei-osm=http://127.0.0.1:4102';
  for (const b of values ?? []) {
    const i = b.indexOf('=');
    if (i < 1) throw new UsageError(`invalid --base-url ${quoteForError(b)}: no <provider>=`, fix, 'VK_BASE_URL');
    const url = b.slice(i + 1);
    const problem = baseUrlProblem(url);
    if (problem) throw new UsageError(baseUrlMessage(`invalid --base-url: ${quoteForError(b.slice(0, i), 40)} =`, url, problem), fix, 'VK_BASE_URL');
    out[providerFlag(b.slice(0, i), '--base-url')] = url;
  }
  if (target !== 'live' && values?.length) throw new UsageError('--base-url only applies to --target live', 'add --target live, or drop --base-url to use the embedded mocks');
  return out;
}

/**
 * `--allow-number` values (and costGuard.allowNumbers): international form only, `+8613900001234` or
 * `86-13900001234`. A number without a country code is a usage error (VK_ALLOW_NUMBER), never a guess.
 */
export function parseAllowNumbers(values: string[]): string[] {
  for (const n of values) parseAllowNumber(n);
  return values;
}

export async function gitCommit(): Promise<string | null> {
  try {
    return (await promisify(execFile)('git', ['rev-parse', 'HEAD'], { timeout: 2000 })).stdout.trim() || null;
  } catch {
    return null;
  }
}
