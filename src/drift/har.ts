/**
 * HAR 1.2 input for `verikit replay` (browser devtools, mitmproxy, Playwright's recordHar): each entry is
 * mapped to a provider by its host (the spec's servers, plus any extra hosts given) and to an operation by
 * path and parameters (the mock's own routing); entries that match no provider or operation are counted and
 * ignored. The file is size-capped and read with flat loops over known fields (no walk over the document);
 * a malformed entry is a HarInputError naming the entry.
 */
import { stat, readFile } from 'node:fs/promises';
import { VerikitError } from '../core/errors.ts';
import type { WireResponse } from '../core/types.ts';
import { createMocks } from '../mock/index.ts';
import type { MockRequest } from '../mock/types.ts';
import { TEST_CREDENTIALS } from '../signing/credentials.ts';
import { completeResponse, cutBody, MAX_BODY_BYTES } from '../runner/wire-response.ts';
import type { ProviderId, ProviderSpec } from '../spec/model.ts';
import type { ExchangeRecord } from './ndjson.ts';

export const HAR_LIMITS = { maxFileBytes: 256 * 1024 * 1024, maxEntries: 200_000, maxHeaders: 500 };

export class HarInputError extends VerikitError {
  constructor(file: string, message: string) {
    super('VK_HAR_INPUT', `${file}: ${message}`, 'pass a HAR 1.2 file ({"log":{"entries":[…]}}) as exported by browser devtools, mitmproxy or Playwright recordHar');
    this.name = 'HarInputError';
  }
}

export interface HarReplayInput {
  records: ExchangeRecord[];
  entries: number;
  /** Entries whose host is no provider's, or whose request matches no documented operation. */
  unmatched: number;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

function headersOf(v: unknown, where: string, fail: (m: string) => never): Record<string, string> {
  if (v === undefined) return {};
  if (!Array.isArray(v)) fail(`${where} is not an array`);
  if (v.length > HAR_LIMITS.maxHeaders) fail(`${where} has ${v.length} headers (limit ${HAR_LIMITS.maxHeaders})`);
  const out: Record<string, string> = {};
  for (let i = 0; i < v.length; i++) {
    const h = v[i];
    if (!isObj(h) || typeof h.name !== 'string' || typeof h.value !== 'string') fail(`${where}[${i}] is not {name, value} strings`);
    const k = h.name.toLowerCase();
    // HTTP/2 pseudo-headers (:authority, :path) are not headers of the request
    if (k.startsWith(':') || k === '__proto__') continue;
    out[k] = Object.hasOwn(out, k) ? `${out[k]}, ${h.value}` : h.value;
  }
  return out;
}

/** Parses HAR text into replayable records. `extraHosts` maps more hosts (host[:port]) to providers. Pure apart from building the router. */
export function harRecords(text: string, file: string, specs: ProviderSpec[], extraHosts: Partial<Record<string, ProviderId>> = {}): HarReplayInput {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new HarInputError(file, `is not JSON (${(e as Error).message.slice(0, 120)})`);
  }
  if (!isObj(doc) || !isObj(doc.log) || !Array.isArray(doc.log.entries)) throw new HarInputError(file, 'has no log.entries array (not a HAR file)');
  const entries = doc.log.entries as unknown[];
  if (entries.length > HAR_LIMITS.maxEntries) throw new HarInputError(file, `has ${entries.length} entries (limit ${HAR_LIMITS.maxEntries}); split it`);
  const byHost = new Map<string, ProviderId>();
  for (const s of specs) for (const u of s.servers) byHost.set(new URL(u).host, s.id);
  for (const [h, p] of Object.entries(extraHosts)) if (p) byHost.set(h, p);
  // The mocks are used for their routing only (operationOf), never to answer.
  const routers = createMocks(specs, specs.map((s) => s.id), TEST_CREDENTIALS);
  const records: ExchangeRecord[] = [];
  let unmatched = 0;
  for (let i = 0; i < entries.length; i++) {
    const fail = (m: string): never => {
      throw new HarInputError(file, `entry ${i} (log.entries[${i}]): ${m}`);
    };
    const e = entries[i];
    if (!isObj(e)) fail('is not an object');
    const entry = e as Obj;
    const { request: rq, response: rs } = entry;
    if (!isObj(rq)) fail('has no request object');
    if (!isObj(rs)) fail('has no response object');
    const req = rq as Obj;
    const res = rs as Obj;
    if (typeof req.method !== 'string' || typeof req.url !== 'string') fail('request.method and request.url must be strings');
    let url: URL;
    try {
      url = new URL(req.url as string);
    } catch {
      return fail('request.url is not an absolute URL');
    }
    if (typeof res.status !== 'number' || !Number.isInteger(res.status)) fail('response.status must be an integer');
    const reqHeaders = headersOf(req.headers, 'request.headers', fail);
    const resHeaders = headersOf(res.headers, 'response.headers', fail);
    const post = req.postData;
    if (post !== undefined && (!isObj(post) || (post.text !== undefined && typeof post.text !== 'string'))) fail('request.postData.text must be a string');
    const content = res.content;
    if (content !== undefined && (!isObj(content) || (content.text !== undefined && typeof content.text !== 'string'))) fail('response.content.text must be a string');
    const provider = byHost.get(url.host);
    if (!provider) {
      unmatched++;
      continue;
    }
    const body = (isObj(post) && typeof post.text === 'string' ? post.text : '') as string;
    const mreq: MockRequest = { method: (req.method as string).toUpperCase(), path: url.pathname, rawQuery: url.search.slice(1), headers: reqHeaders, body };
    const mock = routers.get(provider)!;
    const operationId = mock.operationOf(mreq);
    if (!operationId || !mock.spec.operations.some((o) => o.operationId === operationId)) {
      unmatched++;
      continue;
    }
    const caseId = `har/${i}`;
    const startedAt = typeof entry.startedDateTime === 'string' ? (entry.startedDateTime as string) : new Date(0).toISOString();
    const request = { method: mreq.method as 'GET' | 'POST', url: url.href, headers: reqHeaders, ...(body !== '' && { body }) };
    const base = { caseId, provider, operationId, startedAt, request };
    if (res.status === 0) {
      // browsers record a failed or blocked request with status 0
      records.push({ ...base, error: { code: 'VK_NETWORK', message: 'the HAR entry has no response (status 0)' } });
      continue;
    }
    let raw = (isObj(content) && typeof content.text === 'string' ? content.text : '') as string;
    if (isObj(content) && content.encoding === 'base64') raw = Buffer.from(raw, 'base64').toString('utf8');
    const bytes = Buffer.from(raw, 'utf8');
    const durationMs = typeof entry.time === 'number' && (entry.time as number) >= 0 ? (entry.time as number) : 0;
    // the same limits and parse as a run's answers: a body over a limit is marked, not parsed
    records.push({ ...base, response: completeResponse({ status: res.status as number, headers: resHeaders, body: cutBody(bytes, MAX_BODY_BYTES), durationMs }, bytes.length, MAX_BODY_BYTES) });
  }
  return { records, entries: entries.length, unmatched };
}

/** Reads a HAR file within HAR_LIMITS.maxFileBytes. */
export async function readHar(file: string, specs: ProviderSpec[], extraHosts?: Partial<Record<string, ProviderId>>): Promise<HarReplayInput> {
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch (e) {
    throw new HarInputError(file, `cannot read the file (${(e as NodeJS.ErrnoException).code ?? 'EIO'})`);
  }
  if (size > HAR_LIMITS.maxFileBytes) throw new HarInputError(file, `is ${size} bytes (limit ${HAR_LIMITS.maxFileBytes}); export fewer entries or split it`);
  return harRecords(await readFile(file, 'utf8'), file, specs, extraHosts);
}
