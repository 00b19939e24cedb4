/** Finds the standalone validator for (operationId, status) in a generated/validators/<provider>.cjs module. */
type Fn = (body: unknown) => boolean;

export function findGenerated(mod: Record<string, unknown>, operationId: string, status: number): Fn | undefined {
  const keys = [`${operationId}/${status}`, `${operationId}.${status}`, `${operationId}_${status}`, `${operationId}${status}`, `#/${operationId}/${status}`];
  for (const k of keys) if (typeof mod[k] === 'function') return mod[k] as Fn;
  const nested = mod[operationId];
  if (nested && typeof nested === 'object') {
    const f = (nested as Record<string, unknown>)[String(status)];
    if (typeof f === 'function') return f as Fn;
  }
  return undefined;
}
