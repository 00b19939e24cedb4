/**
 * Big specs (thousands of operations) parsed piece by piece: the yaml library builds a full document
 * tree (nodes, ranges, tokens) before converting it, which for a 10 MB spec means ~600 MB of peak
 * memory. A block-style top-level mapping is cut into its entries, and a big entry (`paths`,
 * `components`) into its own entries; each piece is parsed alone with the same parser and options, so
 * its tree is garbage as soon as it is converted. Pure.
 *
 * Anything unusual (directives, several documents, a piece that does not parse cleanly, a key seen
 * twice, an alias whose anchor is in another piece) returns undefined and the caller parses the whole
 * text as before, which also gives the exact error position.
 */
import { parseDocument, type DocumentOptions, type ParseOptions, type SchemaOptions, type ToJSOptions } from 'yaml';

type Options = ParseOptions & DocumentOptions & SchemaOptions;

/** Entries bigger than this (characters) are cut into their own entries. */
const SPLIT_ENTRY_CHARS = 64 * 1024;

interface Piece {
  lines: string[];
}

const indentOf = (line: string) => line.length - line.trimStart().length;
const isBlankOrComment = (line: string) => {
  const t = line.trim();
  return t === '' || t.startsWith('#');
};

/**
 * Cuts `lines` (all at or deeper than `indent`, blank lines and comments anywhere) into the entries of a
 * block mapping at `indent`; undefined when they do not look like one.
 */
function entries(lines: string[], indent: number): Piece[] | undefined {
  const out: Piece[] = [];
  let current: Piece | undefined;
  for (const line of lines) {
    if (isBlankOrComment(line)) {
      current?.lines.push(line);
      continue;
    }
    const n = indentOf(line);
    if (n < indent || line[n] === '\t') return undefined;
    if (n === indent) {
      const c = line[n];
      // A compact sequence continues the entry above it ("key:\n- a").
      if (c === '-' && (line.length === n + 1 || line[n + 1] === ' ')) {
        if (!current) return undefined;
        current.lines.push(line);
        continue;
      }
      if (c === '?' || c === '%' || c === '[' || c === '{' || c === '&' || c === '*' || c === '!' || c === '|' || c === '>' || line.startsWith('---') || line.startsWith('...')) return undefined;
      current = { lines: [line] };
      out.push(current);
      continue;
    }
    if (!current) return undefined;
    current.lines.push(line);
  }
  return out;
}

function parsePiece(text: string, options: Options, toJS: ToJSOptions): Record<string, unknown> | undefined {
  const doc = parseDocument(text, options);
  if (doc.errors.length || doc.warnings.length) return undefined;
  let value: unknown;
  try {
    value = doc.toJS(toJS);
  } catch {
    return undefined; // e.g. an alias whose anchor is in another piece
  }
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** Adds the single key of `part` to `into`; false when the piece had not exactly one new key. */
function merge(into: Record<string, unknown>, part: Record<string, unknown> | undefined): boolean {
  if (!part) return false;
  const keys = Object.keys(part);
  if (keys.length !== 1 || Object.hasOwn(into, keys[0]) || keys[0] === '__proto__') return false;
  into[keys[0]] = part[keys[0]];
  return true;
}

/** One entry: parsed whole, or (when big and a block mapping) entry by entry of its value. */
function parseEntry(piece: Piece, indent: number, options: Options, toJS: ToJSOptions, into: Record<string, unknown>, splitAt: number): boolean {
  const strip = (l: string) => (indentOf(l) >= indent ? l.slice(indent) : isBlankOrComment(l) ? '' : l);
  const size = piece.lines.reduce((n, l) => n + l.length + 1, 0);
  const body = piece.lines.slice(1);
  const first = body.find((l) => !isBlankOrComment(l));
  const childIndent = first === undefined ? -1 : indentOf(first);
  if (size > splitAt && first !== undefined && childIndent > indent && first[childIndent] !== '-') {
    const head = parsePiece(strip(piece.lines[0]), options, toJS);
    const keys = head ? Object.keys(head) : [];
    const children = entries(body, childIndent);
    if (head && keys.length === 1 && head[keys[0]] === null && children && children.length > 1) {
      const value: Record<string, unknown> = {};
      for (const child of children) if (!parseEntry(child, childIndent, options, toJS, value, splitAt)) return false;
      return merge(into, { [keys[0]]: value });
    }
  }
  return merge(into, parsePiece(piece.lines.map(strip).join('\n'), options, toJS));
}

/** The text's value parsed piece by piece, or undefined when the caller must parse it whole. */
export function parseYamlInPieces(text: string, options: Options, toJS: ToJSOptions = {}, splitAt = SPLIT_ENTRY_CHARS): Record<string, unknown> | undefined {
  const lines = text.split(/\r?\n/);
  const top = entries(lines, 0);
  if (!top || top.length === 0) return undefined;
  const out: Record<string, unknown> = {};
  for (const piece of top) if (!parseEntry(piece, 0, options, toJS, out, splitAt)) return undefined;
  return out;
}
