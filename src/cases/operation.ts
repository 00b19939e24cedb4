import type { CaseInput, Expectation, TestCase } from '../core/types.ts';
import type { Operation } from '../spec/model.ts';
import { fieldsOf, type Field, type OperationFields, type Part } from './fields.ts';
import type { Rng } from './prng.ts';
import { satisfies } from './validate.ts';
import { boundaryValues, validValue } from './values.ts';
import { violationsOf } from './violations.ts';

/** Expected outcome of a valid call: any documented ok status. */
export function successExpectation(op: Operation): Expectation {
  const ok = op.codes.filter((c) => c.outcome === 'ok');
  const status = [...new Set([...ok.map((c) => c.status), ...op.responses.filter((r) => r.status < 300).map((r) => r.status)])];
  return { outcome: 'success', status: status.length ? status : undefined, codes: ok.length ? ok.map((c) => c.code) : undefined };
}

/** Expected outcome of an invalid call: a documented error. */
export function errorExpectation(op: Operation): Expectation {
  const errs = op.codes.filter((c) => c.outcome === 'error');
  return { outcome: 'error', status: [...new Set(errs.map((c) => c.status))], codes: errs.map((c) => c.code) };
}

function setField(input: CaseInput, f: Field, value: unknown): void {
  const part = ((input as Record<Part, Record<string, unknown> | undefined>)[f.part] ??= {});
  part[f.name] = value;
}

/** A deep copy of a case input (plain JSON data): parts copied key by key, nested values through JSON. */
function clone(input: CaseInput): CaseInput {
  const out: CaseInput = {};
  for (const part in input) {
    const v = (input as Record<string, unknown>)[part];
    const c = v === undefined ? undefined : copyRecord(v);
    if (c !== undefined) (out as Record<string, unknown>)[part] = c;
  }
  return out;
}

function copyRecord(v: unknown): unknown {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return copyValue(v);
  const out: Record<string, unknown> = {};
  for (const k in v as Record<string, unknown>) {
    const x = (v as Record<string, unknown>)[k];
    const c = x === undefined ? undefined : copyValue(x);
    if (c !== undefined) out[k] = c;
  }
  return out;
}

/** JSON.parse(JSON.stringify(v)) for one value: primitives as they are (numbers that JSON cannot hold become null). */
function copyValue(v: unknown): unknown {
  if (typeof v === 'string' || typeof v === 'boolean' || v === null) return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'function' || typeof v === 'symbol' || v === undefined) return undefined;
  return JSON.parse(JSON.stringify(v)) as unknown;
}

/** A valid input: required fields always, optional fields when `withOptional`. */
export function validInput(op: Operation, rng: Rng, withOptional: boolean, fo: OperationFields = fieldsOf(op)): CaseInput {
  const { fields, parts } = fo;
  const input: CaseInput = {};
  for (const f of fields) if (f.required || withOptional) setField(input, f, validValue(f.schema, f.name, rng, f.example));
  if (parts.body.present && parts.body.required && input.body === undefined) {
    const ex = Object.values(op.requestBody?.examples ?? {})[0];
    input.body = ex ?? validValue(parts.body.schema ?? {}, 'body', rng);
  }
  return input;
}

export type Draft = Omit<TestCase, 'id' | 'provider' | 'operationId' | 'billed' | 'auth'> & { slug: string; auth?: TestCase['auth'] };

/** Documented examples (masked example values that break their own schema are replaced by valid test values). */
function exampleDrafts(op: Operation, rng: Rng, ok: Expectation, fo: OperationFields): Draft[] {
  const { fields } = fo;
  const base: CaseInput = {};
  let replaced = 0;
  for (const f of fields) {
    if (f.part === 'body' || (f.example === undefined && !f.required)) continue;
    const useExample = f.example !== undefined && satisfies(f.schema, f.example);
    if (f.example !== undefined && !useExample) replaced++;
    setField(base, f, useExample ? f.example : validValue(f.schema, f.name, rng));
  }
  const bodies = Object.entries(op.requestBody?.examples ?? {});
  const out: Draft[] = [];
  const note = replaced ? ` (${replaced} masked example value(s) replaced by test values)` : '';
  if (bodies.length === 0) out.push({ slug: 'example', kind: 'example', title: `documented example${note}`, input: base, expect: ok });
  for (const [name, body] of bodies) {
    const input = clone(base);
    input.body = fixBody(fo, body as Record<string, unknown>, rng);
    out.push({ slug: `example-${name}`, kind: 'example', title: `documented example "${name}"${note}`, input, expect: ok });
  }
  return out;
}

function fixBody(fo: OperationFields, body: unknown, rng: Rng): unknown {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return body;
  const out = { ...(body as Record<string, unknown>) };
  for (const f of fo.fields.filter((x) => x.part === 'body')) {
    if (f.name in out && !satisfies(f.schema, out[f.name])) out[f.name] = validValue(f.schema, f.name, rng);
  }
  return out;
}

/** Every case derived from one operation's schema and examples, before bounding. */
export function operationDrafts(op: Operation, rng: Rng): Draft[] {
  const ok = successExpectation(op);
  const bad = errorExpectation(op);
  const fo = fieldsOf(op);
  const { fields } = fo;
  const full = validInput(op, rng, true, fo);
  const minimal = validInput(op, rng, false, fo);
  const drafts: Draft[] = exampleDrafts(op, rng, ok, fo);
  drafts.push({ slug: 'all-optional-present', kind: 'positive', title: 'all optional fields present', input: full, expect: ok });
  if (fields.some((f) => !f.required)) drafts.push({ slug: 'required-only', kind: 'positive', title: 'required fields only', input: minimal, expect: ok });
  for (const f of fields) {
    for (const b of boundaryValues(f.schema, f.example)) {
      const input = clone(full);
      setField(input, f, b.value);
      drafts.push({ slug: `valid${f.pointer}-${slug(b.label)}`, kind: 'positive', title: `${f.name}: ${b.label}`, input, expect: ok });
    }
  }
  for (const f of fields) {
    if (f.required) {
      const input = clone(full);
      delete (input as Record<string, Record<string, unknown>>)[f.part][f.name];
      drafts.push({ slug: `invalid${f.pointer}-required`, kind: 'negative', title: `${f.name}: required field missing`, input, expect: bad, violates: { keyword: 'required', pointer: f.pointer } });
    }
    const valid = (full as Record<string, Record<string, unknown>>)[f.part]?.[f.name];
    for (const v of violationsOf(f.schema, f.part, valid)) {
      const input = clone(full);
      setField(input, f, v.value);
      drafts.push({ slug: `invalid${f.pointer}-${slug(v.label)}`, kind: 'negative', title: `${f.name}: ${v.label}`, input, expect: bad, violates: { keyword: v.keyword, pointer: f.pointer } });
    }
  }
  for (const mode of ['none', 'wrong-secret', 'tampered'] as const) {
    drafts.push({ slug: `auth-${mode}`, kind: 'auth', title: `auth: ${mode === 'none' ? 'no credentials' : mode === 'wrong-secret' ? 'wrong secret' : 'tampered signature'}`, input: clone(full), auth: mode, expect: bad });
  }
  return drafts;
}

function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}
