/**
 * Finds the standalone validator for (operationId, status) in a generated/validators/<provider>.cjs module,
 * which exports `validators = { <operationId>: { request, responses: { <status>: fn } } }`.
 */
type Fn = (body: unknown) => boolean;

export function findGenerated(mod: Record<string, unknown>, operationId: string, status: number): Fn | undefined {
  const all = mod.validators as Record<string, { responses?: Record<string, unknown> }> | undefined;
  const fn = all?.[operationId]?.responses?.[String(status)];
  return typeof fn === 'function' ? (fn as Fn) : undefined;
}
