/** Looks up documented codes in the loaded spec, so the mock answers with exactly the spec's codes and statuses. */
import type { DocumentedCode, Operation, ProviderSpec } from '../spec/model.ts';

export function operationByAction(spec: ProviderSpec, action: string): Operation | undefined {
  return spec.operations.find((o) => o.wire.rpc?.action === action);
}

export function operationById(spec: ProviderSpec, operationId: string | undefined): Operation | undefined {
  return operationId ? spec.operations.find((o) => o.operationId === operationId) : undefined;
}

/** The documented entry for `code` on an operation (its own codes first, then the common ones), or any operation's common codes. */
export function findCode(spec: ProviderSpec, operationId: string | undefined, code: string | number): DocumentedCode | undefined {
  const want = String(code);
  const op = operationById(spec, operationId);
  const own = op?.codes.find((c) => c.code === want);
  if (own) return own;
  for (const o of spec.operations) {
    const hit = o.codes.find((c) => c.common && c.code === want);
    if (hit) return hit;
  }
  return undefined;
}

/**
 * The 5xx statuses the spec documents for every operation targeted (one operation, or all of the
 * provider's): the statuses a status5xx fault may answer with, so its answer is a documented pair.
 */
export function serverStatuses(spec: ProviderSpec, operationId?: string): number[] {
  const ops = operationId ? spec.operations.filter((o) => o.operationId === operationId) : spec.operations;
  const per = ops.map((o) => new Set(o.codes.filter((c) => c.status >= 500 && c.status <= 599).map((c) => c.status)));
  if (per.length === 0) return [];
  return [...per[0]].filter((s) => per.every((set) => set.has(s))).sort((a, b) => a - b);
}
