/**
 * Limits on untrusted JSON (provider answers, recorded files): how deep verikit parses and walks it,
 * and helpers that copy keys faithfully. Pure.
 *
 * JSON.parse itself copes with any depth, but JSON.stringify, ajv, the pact matchers and every
 * recursive walk do not: a body nested deeper than MAX_JSON_DEPTH is never parsed, it stays text and
 * is reported as over the limit (check `body-within-limits`).
 */

/** Nesting levels of arrays/objects verikit parses (real provider answers use fewer than 10). */
export const MAX_JSON_DEPTH = 64;

/**
 * The deepest nesting of `[`/`{` outside strings, counted in one linear pass; stops counting past
 * `stopAt` (returns stopAt + 1). Unbalanced text gets the depth it reached.
 */
export function jsonDepth(text: string, stopAt = Infinity): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
      continue;
    }
    if (c === 34) inString = true;
    else if (c === 91 /* [ */ || c === 123 /* { */) {
      if (++depth > max) {
        max = depth;
        if (max > stopAt) return max;
      }
    } else if (c === 93 /* ] */ || c === 125 /* } */) depth--;
  }
  return max;
}

export type BoundedParse = { ok: true; value: unknown } | { ok: false; error: string; tooDeep?: number };

/** JSON.parse, refused (not thrown) for text nested deeper than `maxDepth`. */
export function parseJsonBounded(text: string, maxDepth = MAX_JSON_DEPTH): BoundedParse {
  const depth = jsonDepth(text, maxDepth);
  if (depth > maxDepth) return { ok: false, error: `nested more than ${maxDepth} levels deep (verikit's limit): not parsed`, tooDeep: maxDepth };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}

/** Sets an own property, `__proto__` included (a plain assignment would set the object's prototype instead). */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true });
  else target[key] = value;
}
