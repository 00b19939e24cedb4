/**
 * Reads specs/<provider>.yaml into the spec model. I/O lives here; the model is built by `buildSpec` (pure).
 * Malformed YAML and missing fields become SpecError (file, JSON pointer, fix), never a stack trace.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, isAbsolute } from 'node:path';
import { parseDocument } from 'yaml';
import { SpecError } from '../core/errors.ts';
import type { Operation, ProviderSpec } from './model.ts';
import { buildSpec } from './build.ts';
import { pointerAt } from './yaml-pointer.ts';
import { parseYamlInPieces } from './yaml-chunks.ts';

/** Specs at least this big are parsed piece by piece (bounded memory); smaller ones in one go. */
export const PIECEWISE_YAML_CHARS = 256 * 1024;

/** Path shown in messages: relative to the working directory when inside it. */
export function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

/** Parses YAML text; syntax errors become SpecError with line and column. Pure. */
export function parseYaml(text: string, file: string): unknown {
  const options = { prettyErrors: true, uniqueKeys: true, merge: false };
  if (text.length >= PIECEWISE_YAML_CHARS) {
    const value = parseYamlInPieces(text, options, { maxAliasCount: 100 });
    if (value) return value;
  }
  const doc = parseDocument(text, options);
  const err = doc.errors[0];
  if (err) {
    const pos = err.linePos?.[0];
    const where = pos ? ` at line ${pos.line}, column ${pos.col}` : '';
    throw new SpecError(file, pointerAt(doc, err.pos[0]), `malformed YAML${where}: ${err.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`, 'fix the YAML syntax at that position (indentation, quoting, duplicate keys)', 'VK_SPEC_YAML');
  }
  return doc.toJS({ maxAliasCount: 100 });
}

export async function loadSpec(file: string): Promise<ProviderSpec> {
  const shown = displayPath(file);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'EIO';
    throw new SpecError(shown, '', `cannot read the spec (${code})`, 'check the path; specs live in specs/<provider-id>.yaml', 'VK_SPEC_READ');
  }
  const spec = buildSpec(parseYaml(text, shown), shown);
  if (text.length >= PIECEWISE_YAML_CHARS) lazyDocument(spec, text, shown);
  const base = file.replace(/\\/g, '/').split('/').pop()!.replace(/\.ya?ml$/, '');
  if (base !== spec.id) {
    throw new SpecError(shown, '/info/x-verikit-provider', `provider id "${spec.id}" does not match the file name "${base}"`, `rename the file to specs/${spec.id}.yaml or fix info.x-verikit-provider`);
  }
  return spec;
}

/**
 * A big spec keeps its document as text, parsed again (once) on first use: runs never read it, the tools
 * that do (types, diff, lint) get the same value. The parsed tree of a 10 MB spec is ~35 MB of heap.
 */
function lazyDocument(spec: ProviderSpec, text: string, file: string): void {
  let doc: Record<string, unknown> | undefined;
  Object.defineProperty(spec, 'document', {
    enumerable: true,
    configurable: true,
    get: () => (doc ??= parseYaml(text, file) as Record<string, unknown>),
    set: (value: Record<string, unknown>) => {
      doc = value;
    },
  });
}

/** Loads every specs/*.yaml, sorted by provider id. */
export async function loadSpecs(dir = 'specs'): Promise<ProviderSpec[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    throw new SpecError(displayPath(dir), '', 'the spec directory cannot be read', 'run verikit from the project root or pass the directory holding the <provider>.yaml files', 'VK_SPEC_READ');
  }
  const files = names.filter((n) => /\.ya?ml$/.test(n)).sort();
  const specs = await Promise.all(files.map((n) => loadSpec(join(dir, n))));
  return specs.sort((a, b) => a.id.localeCompare(b.id));
}

/** Looks an operation up by provider and operationId; undefined when either is unknown. */
export function findOperation(specs: ProviderSpec[], provider: string, operationId: string): Operation | undefined {
  const spec = specs.find((s) => s.id === provider);
  return spec && operationOf(spec, operationId);
}

/** operationId -> index, per operations array (a spec of thousands of operations is searched per case). */
const indexes = new WeakMap<Operation[], Map<string, number>>();

/** A spec's operation by operationId (the first one, as a linear search would find); undefined when unknown. */
export function operationOf(spec: ProviderSpec, operationId: string): Operation | undefined {
  const ops = spec.operations;
  let index = indexes.get(ops);
  let i = index?.get(operationId);
  // Rebuilt when the array changed since it was indexed.
  if (i === undefined || ops[i]?.operationId !== operationId) {
    index = new Map();
    for (let j = ops.length - 1; j >= 0; j--) index.set(ops[j].operationId, j);
    indexes.set(ops, index);
    i = index.get(operationId);
  }
  return i === undefined ? undefined : ops[i];
}
