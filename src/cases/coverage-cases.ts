/**
 * Coverage cases: one case per documented status and error code that no other case of the run reached,
 * armed through the mock's control plane (`POST /__verikit/answers`, keyed to that case's request). Natural
 * triggers (negative cases, flows) run first; these fill only the gaps, so the coverage report can tell
 * the answers the mock gave on its own from the armed ones. Pure and deterministic.
 */
import type { Coverage, TestCase } from '../core/types.ts';
import { operationCodes } from '../mock/answers.ts';
import type { Operation, ProviderSpec } from '../spec/model.ts';
import { operationCases } from './index.ts';
import { validInput } from './operation.ts';
import { createRng, hashSeed } from './prng.ts';

/** A well-formed input for the operation: its first documented example, else a valid generated one. */
function wellFormedInput(spec: ProviderSpec, op: Operation, seed: number): TestCase['input'] {
  const example = operationCases(spec, op, seed).cases.find((c) => c.kind === 'example' && c.auth === 'valid');
  return example ? example.input : validInput(op, createRng(hashSeed(seed, `${spec.id}/${op.operationId}/armed`)), false);
}

const slug = (code: string) => (code === '' ? 'no-code' : code.replace(/[^A-Za-z0-9._-]/g, '_'));

/**
 * The armed cases for what `coverage` leaves uncovered (status codes and error codes), in spec order:
 * an entry is armed when its code or its status (per operation) is still uncovered; a provider-wide
 * common code is armed once, on the first operation that documents it.
 */
export function armedCoverageCases(specs: ProviderSpec[], coverage: Pick<Coverage, 'statusCodes' | 'errorCodes'>, seed: number): TestCase[] {
  const statuses = new Set(coverage.statusCodes.uncovered);
  const codes = new Set(coverage.errorCodes.uncovered);
  const out: TestCase[] = [];
  for (const spec of specs) {
    for (const op of spec.operations) {
      const k = `${spec.id}/${op.operationId}`;
      let input: TestCase['input'] | undefined;
      for (const entry of operationCodes(op)) {
        const codeKey = entry.common ? `${spec.id} * ${entry.code}` : `${k} ${entry.code}`;
        const statusKey = `${k} ${entry.status}`;
        const needCode = entry.outcome === 'error' && codes.has(codeKey);
        if (!needCode && !statuses.has(statusKey)) continue;
        codes.delete(codeKey);
        // an answer also marks the operation's own key of a common code
        codes.delete(`${k} ${entry.code}`);
        statuses.delete(statusKey);
        input ??= wellFormedInput(spec, op, seed);
        out.push({
          id: `${k}/armed/${entry.status}-${slug(entry.code)}`,
          provider: spec.id,
          operationId: op.operationId,
          kind: 'example',
          title: `armed answer: HTTP ${entry.status} ${entry.code === '' ? '(no code)' : entry.code}`,
          input,
          auth: 'valid',
          expect: { outcome: entry.outcome === 'ok' ? 'success' : 'error', status: [entry.status], codes: [entry.code] },
          billed: op.cost !== 'free',
          answer: { status: entry.status, code: entry.code, via: 'armed' },
        });
      }
    }
  }
  return out;
}
