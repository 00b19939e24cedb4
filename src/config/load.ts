/** verikit.config.yaml: read, parse and validate against schemas/config.schema.json (clear errors, exit 2). */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { parseDocument } from 'yaml';
import { ConfigError } from '../core/errors.ts';
import { createAjv } from '../spec/ajv.ts';
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
  costGuard?: { allowSend?: boolean; allowNumbers?: string[]; maxSends?: number };
  /** Minimum coverage in percent per kind (`--min-coverage`); below it the run exits 1. */
  coverage?: { operations?: number; statuses?: number; codes?: number; constraints?: number };
}

const schema = JSON.parse(readFileSync(new URL('../../schemas/config.schema.json', import.meta.url), 'utf8')) as Record<string, unknown>;
const validate = createAjv({ strict: false }).compile(schema);

/** Validates parsed config data; every problem is named by its path. Pure. */
export function parseConfig(data: unknown, file: string): VerikitConfig {
  if (data === null || data === undefined) return {};
  if (validate(data)) return data as VerikitConfig;
  const problems = (validate.errors ?? []).map((e) => {
    const where = e.instancePath || '/';
    if (e.keyword === 'additionalProperties') return `${where}: unknown key "${(e.params as { additionalProperty: string }).additionalProperty}"`;
    if (e.keyword === 'enum') return `${where}: must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`;
    return `${where}: ${e.message}`;
  });
  throw new ConfigError(`${file} is invalid: ${[...new Set(problems)].join('; ')}`, `fix those keys (the format is schemas/config.schema.json)`);
}

/** Loads a config file; `explicit` = named with --config (then a missing file is an error). */
export async function loadConfig(file: string, explicit: boolean): Promise<VerikitConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    if (!explicit) return {};
    throw new ConfigError(`cannot read the config file ${file}`, 'check the --config path, or leave --config out to use verikit.config.yaml when present');
  }
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length) {
    const pos = doc.errors[0].linePos?.[0];
    throw new ConfigError(`${file}: malformed YAML${pos ? ` at line ${pos.line}, column ${pos.col}` : ''}`, 'fix the YAML syntax at that position');
  }
  return parseConfig(doc.toJS(), file);
}
