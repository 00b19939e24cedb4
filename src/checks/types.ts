import type { CheckResult, Exchange, TestCase } from '../core/types.ts';
import type { Operation, ProviderSpec } from '../spec/model.ts';

export interface SchemaIssue {
  instancePath: string;
  keyword: string;
  message: string;
}

/** Validates a response body against the operation's documented schema for a status; undefined when none is documented. */
export type ResponseValidator = (status: number, body: unknown) => { valid: boolean; errors: SchemaIssue[] } | undefined;

export interface CheckInput {
  spec: ProviderSpec;
  operation: Operation;
  testCase: TestCase;
  exchange: Exchange;
  validate: ResponseValidator;
  options: { latencyBudgetMs: number };
}

/** A check: a small pure function over (operation, exchange) named after the property it asserts. */
export interface Check {
  name: string;
  kind: 'contract' | 'drift';
  run(input: CheckInput): CheckResult;
}
