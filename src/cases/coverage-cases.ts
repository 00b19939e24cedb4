/**
 * Coverage cases (mock target only): one armed case per documented status/code pair of an operation that
 * verikit's own run does not reach naturally — the pairs without a natural trigger in the mock's registry
 * (src/mock/triggers.ts) and the natural ones the run does not provoke (RUN_ARMS). Each is armed through
 * the mock's control plane (`POST /__verikit/answers`, keyed to that case's request) and checks the full
 * documented answer: status, schema and code.
 *
 * Planned from the specs and the registry alone (never from what a run left uncovered), so the cases are
 * the same in every shard, listed by `run --list`, selectable by `--case` and `--operation`, and dealt into
 * shards like every other case. A provider-wide common code is armed once, on the first operation that
 * documents it; another operation gets it again only when none of its other pairs reaches that status.
 * Ids: `<provider>/<operationId>/answer-<status>-<code>` (`no-code` for an ok answer without a code;
 * characters other than A-Z a-z 0-9 . _ - written as `_`). Pure and deterministic.
 */
import type { TestCase } from '../core/types.ts';
import { operationCodes } from '../mock/answers.ts';
import { reachedByRun } from '../mock/triggers.ts';
import type { DocumentedCode, Operation, ProviderSpec } from '../spec/model.ts';
import { operationCases } from './index.ts';
import { validInput } from './operation.ts';
import { createRng, hashSeed } from './prng.ts';

/** The slug every armed case id starts with (after `<provider>/<operationId>/`). */
export const ANSWER_SLUG = 'answer-';

const slug = (code: string) => (code === '' ? 'no-code' : code.replace(/[^A-Za-z0-9._-]/g, '_'));

/** The id of the armed case of one documented pair. */
export const answerCaseId = (provider: string, operationId: string, status: number, code: string) => `${provider}/${operationId}/${ANSWER_SLUG}${status}-${slug(code)}`;

/** The documented pairs each operation of a provider arms, by operationId, in spec order (pure). */
export function armedPairs(spec: ProviderSpec): Map<string, DocumentedCode[]> {
  const out = new Map<string, DocumentedCode[]>();
  const commonArmed = new Set<string>();
  for (const op of spec.operations) {
    const entries = operationCodes(op);
    const natural = (e: DocumentedCode) => reachedByRun(spec.id, op.operationId, e.code);
    const reached = new Set(entries.filter(natural).map((e) => e.status));
    const armed: DocumentedCode[] = [];
    for (const e of entries) {
      if (natural(e)) continue;
      const key = `${e.status} ${e.code}`;
      if (e.common && commonArmed.has(key) && reached.has(e.status)) continue;
      commonArmed.add(key);
      reached.add(e.status);
      armed.push(e);
    }
    out.set(op.operationId, armed);
  }
  return out;
}

/** A well-formed input for the operation: its first documented example, else a valid generated one. */
function wellFormedInput(spec: ProviderSpec, op: Operation, seed: number, generated?: readonly TestCase[]): TestCase['input'] {
  const example = (generated ?? operationCases(spec, op, seed).cases).find((c) => c.kind === 'example' && c.auth === 'valid');
  return example ? example.input : validInput(op, createRng(hashSeed(seed, `${spec.id}/${op.operationId}/armed`)), false);
}

/**
 * The armed cases of one operation (`pairs` from armedPairs). `generated`: the operation's generated
 * cases when the caller has them (their first valid example is the input every armed case sends).
 */
export function armedCases(spec: ProviderSpec, op: Operation, pairs: readonly DocumentedCode[], seed: number, generated?: readonly TestCase[]): TestCase[] {
  if (pairs.length === 0) return [];
  const input = wellFormedInput(spec, op, seed, generated);
  return pairs.map((e) => ({
    id: answerCaseId(spec.id, op.operationId, e.status, e.code),
    provider: spec.id,
    operationId: op.operationId,
    kind: 'example',
    title: `armed answer: HTTP ${e.status} ${e.code === '' ? '(no code)' : e.code}`,
    input,
    auth: 'valid',
    expect: { outcome: e.outcome === 'ok' ? 'success' : 'error', status: [e.status], codes: [e.code] },
    billed: op.cost !== 'free',
    answer: { status: e.status, code: e.code, via: 'armed' },
  }));
}

/** Every armed case of the specs, in plan order (tests, `--case` ids). */
export function allArmedCases(specs: readonly ProviderSpec[], seed: number): TestCase[] {
  const out: TestCase[] = [];
  for (const spec of specs) {
    const pairs = armedPairs(spec);
    for (const op of spec.operations) out.push(...armedCases(spec, op, pairs.get(op.operationId) ?? [], seed));
  }
  return out;
}
