/** Lint: documented codes have a response and a named example; every seed-page code appears in the spec. Pure. */
import type { LintIssue } from './lint-issue.ts';
import type { ProviderSpec } from './model.ts';
import type { SeedCode } from './seed-codes.ts';
import { childPointer } from './pointer.ts';

export function lintCodes(spec: ProviderSpec): LintIssue[] {
  const issues: LintIssue[] = [];
  const file = spec.file;
  for (const op of spec.operations) {
    const codesAt = op.codes.some((c) => !c.common) ? childPointer(op.pointer, 'x-verikit-codes') : '/x-verikit-common-codes';
    const seen = new Set<string>();
    for (const c of op.codes) {
      const key = `${c.status} ${c.code}`;
      if (seen.has(key)) issues.push({ file, pointer: codesAt, problem: `code "${c.code}" with HTTP ${c.status} is listed twice`, fix: 'keep one entry per (status, code)' });
      seen.add(key);
      const r = op.responses.find((x) => x.status === c.status);
      const rAt = childPointer(op.pointer, 'responses', String(c.status));
      if (!r) {
        issues.push({ file, pointer: childPointer(op.pointer, 'responses'), problem: `code "${c.code}" is documented with HTTP ${c.status} but the operation has no ${c.status} response`, fix: `add a '${c.status}' response${c.outcome === 'error' ? ` with an example named "${c.code}"` : ''}` });
        continue;
      }
      if (c.outcome !== 'error') continue;
      const exAt = childPointer(rAt, 'content', r.contentType || 'application/json', 'examples');
      if (!(c.code in r.examples)) {
        issues.push({ file, pointer: exAt, problem: `no example named "${c.code}" for the documented error code ${c.code}`, fix: `add an example named "${c.code}" whose ${spec.codeField} is ${c.code}` });
      }
    }
    for (const r of op.responses) {
      for (const [name, value] of Object.entries(r.examples)) {
        if (!op.codes.some((c) => c.code === name && c.status === r.status)) continue;
        const got = value && typeof value === 'object' ? (value as Record<string, unknown>)[spec.codeField] : undefined;
        if (name !== '' && String(got) !== name) {
          issues.push({ file, pointer: childPointer(op.pointer, 'responses', String(r.status), 'content', r.contentType, 'examples', name, 'value', spec.codeField), problem: `the example named "${name}" carries ${spec.codeField} ${JSON.stringify(got)}`, fix: `set ${spec.codeField} to ${name} or rename the example` });
        }
      }
    }
  }
  return issues;
}

export function lintSeedCodes(spec: ProviderSpec, seeds: SeedCode[]): LintIssue[] {
  const issues: LintIssue[] = [];
  for (const s of seeds) {
    for (const opId of s.operationIds) {
      const op = spec.operations.find((o) => o.operationId === opId);
      if (!op) {
        issues.push({ file: spec.file, pointer: '/paths', problem: `operation ${opId} (documented in ${s.source}) is missing`, fix: `add the ${opId} operation with its parameters, responses and codes` });
        continue;
      }
      if (op.codes.some((c) => c.code === s.code && (s.status === undefined || c.status === s.status))) continue;
      const status = s.status === undefined ? '' : ` (HTTP ${s.status})`;
      issues.push({
        file: spec.file, pointer: childPointer(op.pointer, 'x-verikit-codes'),
        problem: `error code ${s.code}${status} documented in ${s.source} is missing`,
        fix: `add {status: ${s.status ?? '<status>'}, code: ${s.code}, message: <the page's message>, outcome: error} to x-verikit-codes (or x-verikit-common-codes) and a response example named "${s.code}"`,
      });
    }
  }
  return issues;
}
