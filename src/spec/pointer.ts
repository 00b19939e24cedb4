/** JSON pointer helpers (RFC 6901) used by the loader, lint and error messages. */
export function escapeToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function unescapeToken(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** Joins tokens into a pointer: ('/paths', '/rpc/X', 'post') -> '/paths/~1rpc~1X/post'. */
export function pointerOf(...tokens: Array<string | number>): string {
  return tokens.map((t) => '/' + escapeToken(String(t))).join('');
}

/** Appends tokens to an existing pointer. */
export function childPointer(base: string, ...tokens: Array<string | number>): string {
  return base + pointerOf(...tokens);
}

/** Resolves a pointer inside a document; undefined when any step is missing. */
export function resolvePointer(doc: unknown, pointer: string): unknown {
  if (pointer === '' || pointer === '/') return doc;
  let cur: unknown = doc;
  for (const raw of pointer.replace(/^\//, '').split('/')) {
    const key = unescapeToken(decodeURIComponent(raw));
    if (cur === null || typeof cur !== 'object' || !(key in (cur as object))) return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}
