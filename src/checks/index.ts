import type { CheckResult } from '../core/types.ts';
import { authEnforced } from './auth-enforced.ts';
import { bodyWithinLimits } from './body-within-limits.ts';
import { contentTypeDocumented } from './content-type-documented.ts';
import { documentedAnswerReceived } from './documented-answer-received.ts';
import { errorCodeDocumented } from './error-code-documented.ts';
import { negativeDataRejected } from './negative-data-rejected.ts';
import { noUndocumentedFields } from './no-undocumented-fields.ts';
import { responseReceived } from './response-received.ts';
import { responseSchemaConforms } from './response-schema-conforms.ts';
import { responseTimeWithinBudget } from './response-time-within-budget.ts';
import { statusCodeDocumented } from './status-code-documented.ts';
import type { Check, CheckInput } from './types.ts';

export type { Check, CheckInput, ResponseValidator, SchemaIssue } from './types.ts';
export { outcomeOf, codeOf } from './outcome.ts';

/** Every check, in the order they run and appear in reports. */
export const CHECKS: readonly Check[] = [
  responseReceived,
  statusCodeDocumented,
  contentTypeDocumented,
  bodyWithinLimits,
  responseSchemaConforms,
  errorCodeDocumented,
  negativeDataRejected,
  authEnforced,
  documentedAnswerReceived,
  noUndocumentedFields,
  responseTimeWithinBudget,
];

export const CHECK_NAMES: readonly string[] = CHECKS.map((c) => c.name);

/** Runs every check over one exchange. A check that throws becomes a failed 'error' result, never a crash. */
export function runChecks(input: CheckInput, checks: readonly Check[] = CHECKS): CheckResult[] {
  const out: CheckResult[] = [];
  for (let i = 0; i < checks.length; i++) out.push(runOne(checks[i], input));
  return out;
}

function runOne(c: Check, input: CheckInput): CheckResult {
  try {
    return c.run(input);
  } catch (err) {
    return { check: c.name, status: 'fail', kind: 'error', message: `check crashed: ${err instanceof Error ? err.message : String(err)}` };
  }
}
