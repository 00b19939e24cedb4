/**
 * Dereferences local `$ref`s (`#/components/...`) into inline copies. Pure.
 * OpenAPI 3.1 allows siblings next to `$ref` (summary, description): they override the target's.
 * External and recursive references are reported as SpecError with the pointer of the `$ref`.
 */
import { SpecError } from '../core/errors.ts';
import { childPointer, resolvePointer } from './pointer.ts';

export function deref<T>(doc: unknown, file: string, value: T = doc as T, at = ''): T {
  return walk(doc, file, value, at, []) as T;
}

function walk(doc: unknown, file: string, value: unknown, at: string, stack: string[]): unknown {
  if (Array.isArray(value)) return value.map((v, i) => walk(doc, file, v, childPointer(at, i), stack));
  if (value === null || typeof value !== 'object') return value;
  const obj = value as Record<string, unknown>;
  if (typeof obj.$ref === 'string') {
    const ref = obj.$ref;
    const refAt = childPointer(at, '$ref');
    if (!ref.startsWith('#')) {
      throw new SpecError(file, refAt, `external $ref "${ref}" is not supported`, 'inline the referenced definition under #/components and point to it with "#/components/..."', 'VK_SPEC_REF');
    }
    const target = ref.slice(1);
    if (stack.includes(target)) {
      throw new SpecError(file, refAt, `recursive $ref "${ref}" cannot be inlined`, 'verikit specs must not be recursive: write the nested schema out instead of referring back to an enclosing one', 'VK_SPEC_REF');
    }
    const resolved = resolvePointer(doc, target);
    if (resolved === undefined) {
      throw new SpecError(file, refAt, `$ref "${ref}" points to nothing`, `define ${ref} in the spec or correct the reference`, 'VK_SPEC_REF');
    }
    const inlined = walk(doc, file, resolved, target, [...stack, target]);
    const { $ref: _ref, ...siblings } = obj;
    if (Object.keys(siblings).length === 0) return inlined;
    const rest = walk(doc, file, siblings, at, stack) as Record<string, unknown>;
    return inlined !== null && typeof inlined === 'object' && !Array.isArray(inlined) ? { ...(inlined as object), ...rest } : inlined;
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) out[k] = walk(doc, file, v, childPointer(at, k), stack);
  return out;
}
