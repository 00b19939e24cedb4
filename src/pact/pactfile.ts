/**
 * Reading pact files (V2, V3 and V4 JSON) into one plain shape (pure, except readPactFile).
 */
import { readFile } from 'node:fs/promises';
import { VerikitError } from '../core/errors.ts';

export interface PactHttp {
  method: string;
  path: string;
  query: Record<string, string[]>;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  body?: unknown;
  contentType?: string;
  /** JSON paths (`$.a.b`) and names that carry a provider-state generator. */
  generated: Set<string>;
}

export interface PactInteraction {
  description: string;
  states: string[];
  /** Parameters of each provider state, in the same order. */
  stateParams: Array<Record<string, unknown>>;
  request: PactHttp;
  response: { status: number; headers: Record<string, string>; body?: unknown };
}

export interface PactDocument {
  consumer: string;
  provider: string;
  specVersion: string;
  interactions: PactInteraction[];
}

type Json = Record<string, unknown>;

function asObject(v: unknown): Json {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {};
}

function parseQuery(q: unknown): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  if (typeof q === 'string') {
    for (const [k, v] of new URLSearchParams(q)) (out[k] ??= []).push(v);
    return out;
  }
  for (const [k, v] of Object.entries(asObject(q))) out[k] = (Array.isArray(v) ? v : [v]).map(String);
  return out;
}

function parseHeaders(h: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(asObject(h))) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v);
  return out;
}

/** V4 wraps bodies as {content, contentType, encoded}; V2/V3 store the JSON itself. */
function parseBody(b: unknown): { body?: unknown; contentType?: string } {
  const o = asObject(b);
  if ('content' in o && ('contentType' in o || 'encoded' in o)) {
    let content = o.content;
    if (o.encoded === 'base64' && typeof content === 'string') content = Buffer.from(content, 'base64').toString('utf8');
    if (typeof content === 'string' && String(o.contentType ?? '').includes('json')) {
      try { content = JSON.parse(content); } catch { /* keep text */ }
    }
    return { body: content, contentType: typeof o.contentType === 'string' ? o.contentType : undefined };
  }
  return b === undefined ? {} : { body: b };
}

function generatedKeys(generators: unknown): Set<string> {
  const out = new Set<string>();
  for (const part of Object.values(asObject(generators))) for (const k of Object.keys(asObject(part))) out.add(k);
  return out;
}

function httpPart(raw: unknown): PactHttp {
  const r = asObject(raw);
  const { body, contentType } = parseBody(r.body);
  const headers = parseHeaders(r.headers);
  return {
    method: String(r.method ?? 'GET').toUpperCase(),
    path: String(r.path ?? '/'),
    query: parseQuery(r.query),
    headers,
    body,
    contentType: headers['content-type'] ?? contentType,
    generated: generatedKeys(r.generators),
  };
}

/** Parses a pact document; throws VK_PACT_INVALID when it is not one. */
export function parsePact(json: unknown, file = 'pact'): PactDocument {
  const doc = asObject(json);
  const consumer = asObject(doc.consumer).name;
  const provider = asObject(doc.provider).name;
  if (typeof consumer !== 'string' || typeof provider !== 'string' || !Array.isArray(doc.interactions)) {
    throw new VerikitError('VK_PACT_INVALID', `${file} is not a pact file (consumer.name, provider.name and interactions are required)`, 'pass a pact JSON file written by a Pact consumer test or `verikit pact generate`');
  }
  const meta = asObject(asObject(doc.metadata).pactSpecification ?? asObject(doc.metadata)['pact-specification']);
  const interactions: PactInteraction[] = [];
  for (const raw of doc.interactions as unknown[]) {
    const i = asObject(raw);
    if (i.type !== undefined && i.type !== 'Synchronous/HTTP') continue; // messages are out of scope
    const list = Array.isArray(i.providerStates) ? i.providerStates.map(asObject) : typeof i.providerState === 'string' ? [{ name: i.providerState }] : [];
    const res = asObject(i.response);
    interactions.push({
      description: String(i.description ?? ''),
      states: list.map((s) => String(s.name)),
      stateParams: list.map((s) => asObject(s.params)),
      request: httpPart(i.request),
      response: { status: Number(res.status ?? 200), headers: parseHeaders(res.headers), ...parseBody(res.body) },
    });
  }
  return { consumer, provider, specVersion: String(meta.version ?? 'unknown'), interactions };
}

export async function readPactFile(file: string): Promise<PactDocument> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new VerikitError('VK_PACT_READ', `cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? 'EIO'})`, 'check the path to the pact file');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new VerikitError('VK_PACT_INVALID', `${file} is not valid JSON: ${(e as Error).message}`, 'pass a pact JSON file');
  }
  return parsePact(json, file);
}
