/** verikit.config.yaml: read, parse and validate against schemas/config.schema.json (clear errors, exit 2). */
import { readFileSync } from 'node:fs';
import { ConfigError } from '../core/errors.ts';
import { parseConfigYaml, readBounded } from './bounded-yaml.ts';
import { configProblems } from './problems.ts';
import { createAjv } from '../spec/ajv.ts';
import { checkBaseUrls } from './url.ts';
import type { ProviderId } from '../spec/model.ts';

export const DEFAULT_CONFIG_FILE = 'verikit.config.yaml';

export interface VerikitConfig {
  target?: 'mock' | 'live';
  providers?: ProviderId[];
  baseUrls?: Partial<Record<ProviderId, string>>;
  seed?: number;
  reportDir?: string;
  latencyBudgetMs?: number;
  maxPerOperation?: number;
  concurrency?: number;
  timeoutMs?: number;
  ratePerSecond?: number;
  /** Filters, as --operation, --checks and --exclude-checks. */
  operations?: string[];
  checks?: string[];
  excludeChecks?: string[];
  /** Bytes of a response body kept (--max-body). */
  maxBodyBytes?: number;
  costGuard?: { allowSend?: boolean; allowNumbers?: string[]; maxSends?: number };
  /** Minimum coverage in percent per kind (`--min-coverage`); below it the run exits 1. */
  coverage?: { operations?: number; statuses?: number; codes?: number; constraints?: number };
}

const schema = JSON.parse(readFileSync(new URL('../../schemas/config.schema.json', import.meta.url), 'utf8')) as Record<string, unknown>;
const validate = createAjv({ strict: false }).compile(schema);

/** Validates parsed config data; every problem is named by its path. Pure. */
export function parseConfig(data: unknown, file: string): VerikitConfig {
  if (data === null || data === undefined) return {};
  if (validate(data)) return checkBaseUrls(data as VerikitConfig, file);
  throw new ConfigError(`${file} is invalid: ${configProblems(validate.errors ?? [])}`, `fix those keys (the format is schemas/config.schema.json)`);
}

/** Loads a config file; `explicit` = named with --config (then a missing file is an error). */
export async function loadConfig(file: string, explicit: boolean): Promise<VerikitConfig> {
  let text: string;
  try {
    text = await readBounded(file);
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    if (!explicit) return {};
    throw new ConfigError(`cannot read the config file ${file}`, 'check the --config path, or leave --config out to use verikit.config.yaml when present');
  }
  return parseConfig(parseConfigYaml(text, file), file);
}
