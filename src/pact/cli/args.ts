/** Argument handling of the `verikit pact` subcommands (flag values: src/config/flags.ts). */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';

export const HELP = { type: 'boolean', short: 'h' } as const;
import { UsageError, VerikitError } from '../../core/errors.ts';

export const DEFAULT_PACT_DIR = 'reports/pacts';

/** node:util parseArgs (strict) with `--help`; bad flags become a UsageError. */
export function parse<T extends ParseArgsConfig>(config: T, sub: string): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (err) {
    throw new UsageError((err as Error).message, `run \`verikit pact ${sub} --help\` for the options`);
  }
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
