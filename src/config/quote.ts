/**
 * Quoting user-supplied values (config values, flags) in error messages: JSON-escaped (newlines,
 * control and escape characters become visible escapes, nothing reaches the terminal raw) and cut to
 * a bounded length, so a 50 MB value never becomes a 100 MB message. Pure.
 */
export const MAX_QUOTED_CHARS = 80;

export function quoteForError(value: unknown, max = MAX_QUOTED_CHARS): string {
  const s = typeof value === 'string' ? value : String(value);
  if (s.length <= max) return escapeAll(JSON.stringify(s));
  return `${escapeAll(JSON.stringify(s.slice(0, max)))}… (${s.length} characters, cut to ${max})`;
}

/** JSON.stringify leaves U+007F-U+009F and the line/paragraph separators raw: escape them too. */
function escapeAll(json: string): string {
  // eslint-disable-next-line no-control-regex
  return json.replace(/[\u007f-\u009f\u2028\u2029]/gu, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Like quoteForError without the quotes, for paths ("/costGuard/maxSends"): escaped and cut. */
export function pathForError(path: string, max = MAX_QUOTED_CHARS): string {
  const cut = path.length > max ? `${path.slice(0, max)}…` : path;
  return escapeAll(JSON.stringify(cut).slice(1, -1));
}
