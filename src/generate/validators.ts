/**
 * Response/request validators for others (checks, runner, replay), two ways:
 *  - `compileResponseValidator(op)`: compiled at runtime from the spec model with ajv (cached per operation);
 *  - `loadValidators(provider)` / `generatedResponseValidator(...)`: the ajv standalone code committed in
 *    generated/validators/<provider>.cjs (no runtime compile; run `npm run generate` after a spec change).
 * Both return the `ResponseValidator` shape of src/checks/types.ts.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ResponseValidator, SchemaIssue } from '../checks/types.ts';
import type { CaseInput } from '../core/types.ts';
import { VerikitError } from '../core/errors.ts';
import { createAjv, type Ajv2020 } from '../spec/ajv.ts';
import type { JSONSchema, Operation, ProviderId } from '../spec/model.ts';

export interface ValidateFn {
  (data: unknown): boolean;
  errors?: Array<{ instancePath: string; keyword: string; message?: string }> | null;
}
export type GeneratedValidators = Record<string, { request: ValidateFn; responses: Record<number, ValidateFn> }>;
export type InputValidator = (input: CaseInput) => { valid: boolean; errors: SchemaIssue[] };

export const DEFAULT_VALIDATORS_DIR = fileURLToPath(new URL('../../generated/validators/', import.meta.url));

function issues(fn: ValidateFn): SchemaIssue[] {
  return (fn.errors ?? []).map((e) => ({ instancePath: e.instancePath, keyword: e.keyword, message: e.message ?? 'is invalid' }));
}

function run(fn: ValidateFn, data: unknown): { valid: boolean; errors: SchemaIssue[] } {
  const valid = fn(data);
  return { valid, errors: valid ? [] : issues(fn) };
}

let shared: Ajv2020 | undefined;
const compiled = new WeakMap<JSONSchema, ValidateFn>();
function compile(schema: JSONSchema): ValidateFn {
  let fn = compiled.get(schema);
  if (!fn) {
    shared ??= createAjv();
    fn = shared.compile(schema) as ValidateFn;
    compiled.set(schema, fn);
  }
  return fn;
}

/** Runtime-compiled validator of an operation's documented response bodies; undefined for an undocumented status. */
export function compileResponseValidator(op: Operation): ResponseValidator {
  return (status, body) => {
    const r = op.responses.find((x) => x.status === status);
    if (!r || !r.contentType) return undefined;
    return run(compile(r.schema), body);
  };
}

/** Runtime-compiled validator of a case input against the operation's `requestSchema`. */
export function compileRequestValidator(op: Operation): InputValidator {
  return (input) => run(compile(op.requestSchema), input);
}

const loaded = new Map<string, GeneratedValidators>();

/** The committed standalone validators of a provider: `{ [operationId]: { request, responses: { [status]: fn } } }`. */
export function loadValidators(provider: ProviderId, dir: string = DEFAULT_VALIDATORS_DIR): GeneratedValidators {
  const file = join(dir, `${provider}.cjs`);
  const hit = loaded.get(file);
  if (hit) return hit;
  let mod: { validators?: GeneratedValidators };
  try {
    mod = createRequire(import.meta.url)(file) as { validators?: GeneratedValidators };
  } catch (e) {
    throw new VerikitError('VK_GENERATED_MISSING', `cannot load the generated validators ${file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, 'run `npm run generate` (and commit generated/)');
  }
  if (!mod.validators) throw new VerikitError('VK_GENERATED_STALE', `${file} exports no validators map`, 'run `npm run generate`');
  loaded.set(file, mod.validators);
  return mod.validators;
}

/** The standalone validator of one operation as a `ResponseValidator`; throws when the operation was never generated. */
export function generatedResponseValidator(provider: ProviderId, operationId: string, dir?: string): ResponseValidator {
  const op = loadValidators(provider, dir)[operationId];
  if (!op) throw new VerikitError('VK_GENERATED_STALE', `generated validators of ${provider} have no operation ${operationId}`, 'run `npm run generate` after changing the spec');
  return (status, body) => {
    const fn = op.responses[status];
    return fn ? run(fn, body) : undefined;
  };
}
