/** Shared argument handling of the `verikit pact` subcommands. */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';

export const HELP = { type: 'boolean', short: 'h' } as const;
import { UsageError, VerikitError } from '../../core/errors.ts';
import { PROVIDER_IDS, type ProviderId } from '../../spec/model.ts';

export const DEFAULT_PACT_DIR = 'reports/pacts';

/** node:util parseArgs (strict) with `--help`; bad flags become a UsageError. */
export function parse<T extends ParseArgsConfig>(config: T, sub: string): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (err) {
    throw new UsageError((err as Error).message, `run \`verikit pact ${sub} --help\` for the options`);
  }
}

export function providerId(v: string, flag: string): ProviderId {
  if (!PROVIDER_IDS.includes(v as ProviderId)) throw new UsageError(`unknown provider "${v}" in ${flag}`, `use one of: ${PROVIDER_IDS.join(', ')}`);
  return v as ProviderId;
}

export function integer(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v)) throw new UsageError(`--${name} must be a non-negative integer, got "${v}"`, `pass a number, e.g. --${name} 1`);
  return Number(v);
}

/** `--base-url <provider>=<url>` flags. */
export function baseUrls(values: string[] | undefined): Partial<Record<ProviderId, string>> {
  const out: Partial<Record<ProviderId, string>> = {};
  for (const b of values ?? []) {
    const i = b.indexOf('=');
    const url = b.slice(i + 1);
    if (i < 1 || !/^https?:\/\//.test(url)) throw new UsageError(`invalid --base-url "${b}"`, 'use --base-url <provider>=http(s)://host[:port]');
    out[providerId(b.slice(0, i), '--base-url')] = url;
  }
  return out;
}

/** The pact files named on the command line, or every *.json in the default directory. */
export async function pactFiles(positionals: string[], dir = DEFAULT_PACT_DIR): Promise<string[]> {
  if (positionals.length) return positionals;
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    names = [];
  }
  const files = names.filter((n) => n.endsWith('.json')).sort().map((n) => join(dir, n));
  if (!files.length) throw new VerikitError('VK_PACT_NONE', `no pact files given and none in ${dir}`, 'run `verikit pact generate` first, or pass pact files');
  return files;
}
