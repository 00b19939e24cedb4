/**
 * Text from the wire (field names, messages, headers a provider or a client chose) made safe for a
 * terminal. Shared by every command that prints such text: run, replay, drift, mock, pact and proxy.
 *
 * Escaped, as visible `\xNN` / `\uNNNN`: C0 controls (ESC, BEL, BS, CR, ...), DEL, C1 controls
 * (U+0080-U+009F, e.g. the one-byte CSI U+009B), and the Unicode characters that reorder or break lines
 * (bidi embeddings, overrides and isolates, LRM/RLM/ALM, U+2028/U+2029). A backslash stays as it is.
 */
const UNSAFE = /[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const UNSAFE_KEEP_LINES = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function visible(c: string): string {
  const n = c.charCodeAt(0);
  return n < 0x100 ? `\\x${n.toString(16).padStart(2, '0')}` : `\\u${n.toString(16).padStart(4, '0')}`;
}

/**
 * Escapes control and reordering characters. With `keepLines`, `\n` and `\t` stay (for text verikit
 * laid out in lines itself, whose wire parts are escaped field by field or hold no line breaks of theirs).
 */
export function escapeTerminal(text: string, opts: { keepLines?: boolean } = {}): string {
  return String(text).replace(opts.keepLines ? UNSAFE_KEEP_LINES : UNSAFE, visible);
}
