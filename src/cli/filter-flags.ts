/**
 * The filter flags of `run` (and the parts `drift` and `replay` share): --operation, --checks,
 * --exclude-checks, --case, with the config file's `operations`, `checks` and `excludeChecks` under
 * them (a flag replaces the config's list). Turns them into what the engine takes. Errors are UsageErrors.
 */
import type { PlanSelection } from '../cases/plan.ts';
import type { Check } from '../checks/index.ts';
import type { VerikitConfig } from '../config/load.ts';
import { UsageError } from '../core/errors.ts';
import type { ProviderId, ProviderSpec } from '../spec/model.ts';
import { resolveCaseIds } from '../runner/case-ids.ts';
import { parseCheckNames, parseOperations, planSelection, printable, RUN_CHECK_NAMES, selectChecks, splitList } from '../runner/filters.ts';

export const FILTER_OPTIONS = {
  operation: { type: 'string', multiple: true },
  checks: { type: 'string', multiple: true },
  'exclude-checks': { type: 'string', multiple: true },
} as const;

/** Names joined and wrapped under the option column of a help text. */
export function helpList(label: string, names: readonly string[], indent = 27, width = 100): string {
  const lines: string[] = [];
  let line = `${' '.repeat(indent)}${label}`;
  for (const [i, n] of names.entries()) {
    const word = `${n}${i < names.length - 1 ? ',' : ''}`;
    if (line.length + 1 + word.length > width) {
      lines.push(line);
      line = `${' '.repeat(indent + 2)}${word}`;
    } else line += ` ${word}`;
  }
  return [...lines, line].join('\n');
}

export const FILTER_HELP = `  --operation <id>         only this operation: provider/operationId or a bare operationId (repeatable)
  --checks <name,...>      only these checks (repeatable)
  --exclude-checks <n,...> every check but these (repeatable)
${helpList('checks:', RUN_CHECK_NAMES)}`;

export interface RunFilterFlags {
  operation?: string[];
  checks?: string[];
  'exclude-checks'?: string[];
  case?: string[];
}

export interface ResolvedRunFilters {
  /** The providers to run (narrowed to those of --case ids). */
  providers: ProviderId[];
  operations: string[];
  checkNames: string[];
  excludeChecks: string[];
  caseIds: string[];
  select?: PlanSelection;
  checks?: Check[];
  flowStepOutcome?: boolean;
}

/**
 * `providers` are the ones --provider / the config chose (all when none); `explicitProviders` says whether
 * --provider was given (a --case id outside it is an error; otherwise --case picks its providers).
 */
export function resolveRunFilters(f: RunFilterFlags, config: VerikitConfig, specs: ProviderSpec[], providers: ProviderId[], explicitProviders: boolean, seed: number, armed = false): ResolvedRunFilters {
  const caseIds = splitList(f.case);
  let selected = providers;
  if (caseIds.length) {
    const of = resolveCaseIds(specs, seed, caseIds, armed);
    const outside = explicitProviders ? of.filter((p) => !providers.includes(p)) : [];
    if (outside.length) throw new UsageError(`--case names a case of ${outside.join(', ')}, which --provider leaves out`, 'drop --provider (a case id names its provider) or add that provider');
    selected = of;
  }
  // --case runs exactly its cases: the config's operation list does not narrow them (an explicit --operation must agree).
  const operations = parseOperations(f.operation ?? (caseIds.length ? undefined : config.operations), specs);
  const checkNames = parseCheckNames(f.checks ?? config.checks, RUN_CHECK_NAMES, f.checks ? '--checks' : 'the config key checks');
  const excludeChecks = parseCheckNames(f['exclude-checks'] ?? config.excludeChecks, RUN_CHECK_NAMES, f['exclude-checks'] ? '--exclude-checks' : 'the config key excludeChecks');
  for (const id of caseIds) {
    const key = id.split('/').slice(0, 2).join('/');
    if (operations.length && id.split('/')[1] !== 'flow' && !operations.includes(key)) {
      throw new UsageError(`--case ${printable(id)} is not an operation --operation selects`, 'drop --operation, or select the case\'s operation too');
    }
  }
  const picked = checkNames.length || excludeChecks.length ? selectChecks(checkNames, excludeChecks) : undefined;
  if (picked && picked.checks.length === 0 && !picked.flowStepOutcome) throw new UsageError('--checks and --exclude-checks leave no check to run', `keep at least one of: ${RUN_CHECK_NAMES.join(', ')}`);
  return {
    providers: selected, operations, checkNames, excludeChecks, caseIds,
    select: planSelection(operations, caseIds),
    checks: picked?.checks, flowStepOutcome: picked?.flowStepOutcome,
  };
}
