/** Lint: request/response examples exist and validate against their schemas (ajv, JSON Schema 2020-12, strict). Pure. */
import type { Ajv2020 } from './ajv.ts';
import type { LintIssue } from './lint-issue.ts';
import type { JSONSchema, Operation } from './model.ts';
import { childPointer } from './pointer.ts';

type Compiled = ((v: unknown) => boolean) & { errors?: Array<{ instancePath: string; message?: string }> | null };

function compile(ajv: Ajv2020, schema: JSONSchema, at: string, file: string, issues: LintIssue[]): Compiled | undefined {
  try {
    return ajv.compile(schema) as Compiled;
  } catch (e) {
    issues.push({ file, pointer: at, problem: `the schema is not valid JSON Schema 2020-12 for ajv strict mode (${(e as Error).message})`, fix: 'correct the keyword or move OpenAPI-only and custom keywords out of the schema' });
    return undefined;
  }
}

function check(validate: Compiled | undefined, value: unknown, at: string, file: string, issues: LintIssue[]): void {
  if (!validate || validate(value)) return;
  for (const err of validate.errors ?? []) {
    issues.push({ file, pointer: childPointer(at, 'value') + err.instancePath, problem: `the example does not match its schema: ${err.instancePath || '(root)'} ${err.message ?? 'is invalid'}`, fix: 'correct the example value (or the schema, if the provider page says otherwise)' });
  }
}

export function lintExamples(op: Operation, file: string, ajv: Ajv2020): LintIssue[] {
  const issues: LintIssue[] = [];
  const p = op.pointer;
  op.parameters.forEach((param, i) => {
    const at = childPointer(p, 'parameters', i);
    const v = compile(ajv, param.schema, childPointer(at, 'schema'), file, issues);
    if (param.example !== undefined) check(v, param.example, at, file, issues);
  });
  const bodyExamples = op.requestBody ? Object.keys(op.requestBody.examples).length : 0;
  if (op.requestBody) {
    const mAt = childPointer(p, 'requestBody', 'content', op.requestBody.contentType);
    const v = compile(ajv, op.requestBody.schema, childPointer(mAt, 'schema'), file, issues);
    for (const [name, value] of Object.entries(op.requestBody.examples)) check(v, value, childPointer(mAt, 'examples', name), file, issues);
    if (bodyExamples === 0) issues.push({ file, pointer: mAt, problem: 'the request body has no example', fix: 'add examples: {<name>: {value: ...}} (the provider page\'s request example, verbatim where it validates)' });
  }
  if (!op.parameters.some((x) => x.example !== undefined) && bodyExamples === 0 && !op.requestBody) {
    issues.push({ file, pointer: p, problem: 'the operation has no request example', fix: 'give the parameters an `example` (the provider page\'s example values) or add requestBody examples' });
  }
  if (op.responses.length === 0) issues.push({ file, pointer: childPointer(p, 'responses'), problem: 'the operation documents no response', fix: 'add the success response and every documented error response' });
  for (const r of op.responses) {
    const rAt = childPointer(p, 'responses', String(r.status));
    if (!r.contentType) continue;
    const mAt = childPointer(rAt, 'content', r.contentType);
    const v = compile(ajv, r.schema, childPointer(mAt, 'schema'), file, issues);
    const names = Object.keys(r.examples);
    if (names.length === 0) issues.push({ file, pointer: mAt, problem: `the ${r.status} response has no example`, fix: 'add a named example (for errors: one per error code, named after the code)' });
    for (const name of names) check(v, r.examples[name], childPointer(mAt, 'examples', name), file, issues);
  }
  return issues;
}
