/** HTML escaping and small formatting helpers for the report renderer. */
export function esc(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export function ms(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : `${Math.round(value)} ms`;
}

export function duration(msValue: number): string {
  if (msValue < 1000) return `${Math.round(msValue)} ms`;
  const s = msValue / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}

/** Indentation stops here: deeper levels are printed compactly (no line per level), so output stays linear. */
export const MAX_PRETTY_INDENT = 16;
/** Output beyond this many characters is not pretty-printed: the body is shown as it is. */
export const MAX_PRETTY_OUTPUT = 1 << 20;
const NEWLINES = Array.from({ length: MAX_PRETTY_INDENT + 1 }, (_, i) => `\n${'  '.repeat(i)}`);

/**
 * Pretty-prints a JSON body for reading, token by token, so numbers keep their exact text (64-bit ids
 * survive) and a truncated body still gets indented. Anything that is not JSON-looking stays as it is.
 * Linear and bounded: at most MAX_PRETTY_INDENT levels are indented (an 8 KB run of unclosed `[` or a
 * 200,000-deep array costs a constant per character), and output past MAX_PRETTY_OUTPUT gives up.
 */
export function prettyBody(body: string | undefined): string {
  if (!body) return '';
  const cut = /… \[\d+ more characters\]$/.exec(body);
  const t = (cut ? body.slice(0, cut.index) : body).trim();
  if (!(t.startsWith('{') || t.startsWith('['))) return body;
  let out = '';
  let depth = 0;
  let inString = false;
  let escaped = false;
  const nl = () => (depth < 0 ? NEWLINES[0] : depth <= MAX_PRETTY_INDENT ? NEWLINES[depth] : '');
  for (let i = 0; i < t.length; i++) {
    if (out.length > MAX_PRETTY_OUTPUT) return body;
    const ch = t[i];
    if (inString) {
      out += ch;
      if (escaped) escaped = false;
      else if (ch === '\\') escaped = true;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') {
      inString = true;
      out += ch;
    } else if (ch === '{' || ch === '[') {
      const close = ch === '{' ? '}' : ']';
      let j = i + 1;
      while (j < t.length && /\s/.test(t[j])) j++;
      if (t[j] === close) {
        out += ch + close;
        i = j;
      } else {
        depth++;
        out += ch + nl();
      }
    } else if (ch === '}' || ch === ']') {
      depth--;
      out += nl() + ch;
    } else if (ch === ',') out += `,${nl()}`;
    else if (ch === ':') out += ': ';
    else if (!/\s/.test(ch)) out += ch;
  }
  return cut ? `${out}${cut[0]}` : out;
}

/** A stable id for an HTML anchor. */
export function anchor(...parts: string[]): string {
  return parts.join('-').replace(/[^A-Za-z0-9_-]+/g, '_');
}
