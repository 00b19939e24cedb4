/**
 * Reading a config file as untrusted input: bounded size, bounded alias expansion, bounded nesting,
 * each limit a named ConfigError (exit 2) instead of minutes of parsing, gigabytes of memory or a crash.
 */
import { open } from 'node:fs/promises';
import { isMap, isScalar, isSeq, parseDocument } from 'yaml';
import { ConfigError } from '../core/errors.ts';
import { quoteForError } from './quote.ts';

/**
 * A verikit config is a few hundred bytes; 64 KiB leaves room for thousands of allow-listed numbers
 * and comments, and keeps the yaml library (superlinear on big inputs) well under a second.
 */
export const MAX_CONFIG_BYTES = 64 * 1024;
/** Aliases a config may resolve (yaml's own default is 100; a config needs few, if any). */
export const MAX_CONFIG_ALIASES = 50;
/** Deepest nesting of flow collections ([ ], { }); the schema needs 3. */
export const MAX_CONFIG_DEPTH = 64;

const kib = (n: number) => `${Math.round(n / 1024)} KiB`;

function tooLarge(file: string, atLeast: number): ConfigError {
  return new ConfigError(
    `${file} is larger than the ${kib(MAX_CONFIG_BYTES)} a config file may be (at least ${atLeast} bytes)`,
    'a verikit config holds a few keys (see schemas/config.schema.json); check that --config names the right file',
    'VK_CONFIG_TOO_LARGE',
  );
}

/** Reads at most MAX_CONFIG_BYTES (+1 to notice more) without trusting the file's reported size. */
export async function readBounded(file: string): Promise<string> {
  const fh = await open(file, 'r');
  try {
    const st = await fh.stat();
    if (st.isFile() && st.size > MAX_CONFIG_BYTES) throw tooLarge(file, st.size);
    const buf = Buffer.alloc(MAX_CONFIG_BYTES + 1);
    let n = 0;
    while (n < buf.length) {
      const { bytesRead } = await fh.read(buf, n, buf.length - n, null);
      if (bytesRead === 0) break;
      n += bytesRead;
    }
    if (n > MAX_CONFIG_BYTES) throw tooLarge(file, n);
    return buf.subarray(0, n).toString('utf8');
  } finally {
    await fh.close();
  }
}

/**
 * Deepest [ / { nesting of flow collections, in one linear pass, checked before the yaml library
 * (whose composer recurses, and which needs a minute and a gigabyte for 1 MiB of "["). Quoted scalars
 * and comments are skipped the way YAML reads them; anything else counts, so the bound is never low.
 */
export function flowDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let prev = '\n';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '#' && /\s/.test(prev)) {
      while (i + 1 < text.length && text[i + 1] !== '\n') i++;
    } else if ((c === '"' || c === "'") && /[\s[{,:?-]/.test(prev)) {
      for (i++; i < text.length && text[i] !== c; i++) if (c === '"' && text[i] === '\\') i++;
    } else if (c === '[' || c === '{') {
      if (++depth > max) max = depth;
    } else if ((c === ']' || c === '}') && depth > 0) depth--;
    prev = text[i] ?? '';
  }
  return max;
}

/** Duplicate keys, found in linear time (yaml's own uniqueKeys check is quadratic in a mapping's size). */
function duplicateKey(root: unknown): string | undefined {
  const stack: unknown[] = [root];
  while (stack.length) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Set<string>();
      for (const item of node.items) {
        const k = isScalar(item.key) ? String(item.key.value) : JSON.stringify(item.key);
        if (seen.has(k)) return k;
        seen.add(k);
        stack.push(item.value);
      }
    } else if (isSeq(node)) stack.push(...node.items);
  }
  return undefined;
}

/** Parses config YAML into plain data, or throws a named ConfigError. */
export function parseConfigYaml(text: string, file: string): unknown {
  if (flowDepth(text) > MAX_CONFIG_DEPTH) {
    throw new ConfigError(`${file} nests mappings or sequences more than ${MAX_CONFIG_DEPTH} levels deep`, 'a verikit config is flat (see schemas/config.schema.json); remove the nesting', 'VK_CONFIG_TOO_DEEP');
  }
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: false });
  if (doc.errors.length) {
    const pos = doc.errors[0].linePos?.[0];
    throw new ConfigError(`${file}: malformed YAML${pos ? ` at line ${pos.line}, column ${pos.col}` : ''}`, 'fix the YAML syntax at that position');
  }
  const dup = duplicateKey(doc.contents);
  if (dup !== undefined) throw new ConfigError(`${file}: the key ${quoteForError(dup, 40)} appears twice in one mapping`, 'keep one of them');
  try {
    return doc.toJS({ maxAliasCount: MAX_CONFIG_ALIASES });
  } catch (err) {
    if (err instanceof ReferenceError && /alias/i.test(err.message)) {
      throw new ConfigError(
        `${file} expands its YAML aliases (*name) beyond the limit of ${MAX_CONFIG_ALIASES} (an alias bomb, or a config that repeats itself that much)`,
        'write the values out instead of aliasing them; a verikit config needs no anchors',
        'VK_CONFIG_ALIASES',
      );
    }
    if (err instanceof RangeError) {
      throw new ConfigError(`${file} is too deeply nested to read`, 'a verikit config is flat (see schemas/config.schema.json); remove the nesting', 'VK_CONFIG_TOO_DEEP');
    }
    throw err;
  }
}
