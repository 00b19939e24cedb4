/** Puts one WireRequest on the wire over a keep-alive undici Pool per origin; never throws. */
import { Pool } from 'undici';
import type { TransportError, WireRequest, WireResponse } from '../core/types.ts';
import { completeResponse, cutBody, MAX_BODY_BYTES } from './wire-response.ts';

/** Bytes of a response body kept by default (`--max-body`); the rest is counted, not stored. */
export { MAX_BODY_BYTES };

export interface PoolSet {
  get(origin: string): Pool;
  close(): Promise<void>;
}

export function createPools(connections = 8): PoolSet {
  const pools = new Map<string, Pool>();
  return {
    get(origin) {
      let p = pools.get(origin);
      if (!p) pools.set(origin, (p = new Pool(origin, { connections, keepAliveTimeout: 10_000, pipelining: 1 })));
      return p;
    },
    async close() {
      await Promise.all([...pools.values()].map((p) => p.close().catch(() => undefined)));
      pools.clear();
    },
  };
}

export function transportError(err: unknown, timedOut: boolean): TransportError {
  const e = err as { code?: string; name?: string; message?: string; cause?: { code?: string } };
  const code = e?.code ?? e?.cause?.code ?? '';
  const message = e?.message ?? String(err);
  if (timedOut || /TIMEOUT/.test(code) || e?.name === 'TimeoutError') return { code: 'VK_TIMEOUT', message: `no answer in time (${message})` };
  if (code === 'ECONNREFUSED') return { code: 'VK_CONN_REFUSED', message };
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE' || /other side closed|socket hang up/i.test(message)) return { code: 'VK_CONN_RESET', message };
  return { code: 'VK_NETWORK', message: code ? `${code}: ${message}` : message };
}

/**
 * One request's undici dispatch handler (the legacy handler interface undici's core calls directly): the
 * status, the headers and at most `maxBody` bytes of the body, collected as they arrive. `request()` would
 * wrap the same calls in an AsyncResource and a Readable stream per response (about a tenth of a case's
 * CPU time against the embedded mocks); nothing here needs a stream.
 */
class Collector {
  status = 0;
  rawHeaders: Buffer[] = [];
  chunks: Buffer[] = [];
  size = 0;
  /** Set when the request's own timer fired. */
  timedOut = false;
  /** undici's abort for this request, once it is dispatched. */
  private abortRequest: ((reason?: Error) => void) | undefined;
  private reason: Error | undefined = undefined;
  private settled = false;
  constructor(
    private readonly resolve: (c: Collector) => void,
    private readonly reject: (err: unknown) => void,
    private readonly signal: AbortSignal | undefined,
    readonly maxBody: number,
  ) {}
  /** Aborts the request (its timer, or the run's signal); undici then calls onError with `reason`. */
  abort(reason: Error): void {
    if (this.settled || this.reason !== undefined) return;
    this.reason = reason;
    this.abortRequest?.(reason);
  }
  /**
   * The run's signal fired: the collector is its own 'abort' listener (an EventListener object), so a
   * request costs no listener closure — under tsx each named closure also costs a __name() call.
   */
  handleEvent(): void {
    this.abort(this.signal?.reason ?? new DOMException('This operation was aborted', 'AbortError'));
  }
  onConnect(abort: (reason?: Error) => void): void {
    if (this.reason !== undefined) abort(this.reason);
    else this.abortRequest = abort;
  }
  onHeaders(statusCode: number, rawHeaders: Buffer[]): boolean {
    this.status = statusCode;
    this.rawHeaders = rawHeaders;
    return true;
  }
  onData(chunk: Buffer): boolean {
    if (this.size < this.maxBody) this.chunks.push(chunk);
    this.size += chunk.length;
    return true;
  }
  onComplete(): void {
    if (this.settled) return;
    this.settled = true;
    this.resolve(this);
  }
  onError(err: unknown): void {
    if (this.settled) return;
    this.settled = true;
    this.reject(err);
  }
  body(): string {
    return cutBody(this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks), this.maxBody);
  }
  /** Lower-case names; a repeated header's values joined by ", " (as the request API's header object would give them). */
  headers(): Record<string, string> {
    const out: Record<string, string> = {};
    const raw = this.rawHeaders;
    for (let i = 0; i + 1 < raw.length; i += 2) {
      const k = raw[i].toString('latin1').toLowerCase();
      const v = raw[i + 1].toString('latin1');
      const had = Object.hasOwn(out, k) ? out[k] : undefined;
      const value = had === undefined ? v : `${had}, ${v}`;
      // a header named __proto__ is a header, not the object's prototype
      if (k === '__proto__') Object.defineProperty(out, k, { value, enumerable: true, configurable: true, writable: true });
      else out[k] = value;
    }
    return out;
  }
}

/** A query URL leaves as it is (nothing in the WHATWG special-query percent-encode set, no fragment). */
const PLAIN_QUERY = /^[^\x00-\x20"#<>'\x7f-\uffff]*$/;

/** Origin and path of a URL without a query, parsed once per distinct URL (a few per run). */
const PARSED = new Map<string, { origin: string; path: string }>();
function splitUrl(raw: string): { origin: string; path: string } {
  const hit = PARSED.get(raw);
  if (hit) return hit;
  const parts = parseUrl(raw);
  if (PARSED.size >= 64) PARSED.clear();
  PARSED.set(raw, parts);
  return parts;
}

function parseUrl(raw: string): { origin: string; path: string } {
  const url = new URL(raw);
  return { origin: url.origin, path: url.pathname + url.search };
}

/**
 * Sends a request; the answer or a transport error. A body over `maxBody` bytes is cut there and not
 * parsed; one nested deeper than verikit walks is not parsed either (both are marked in `bodyLimit`).
 */
export async function send(pools: PoolSet, req: WireRequest, timeoutMs: number, signal?: AbortSignal, maxBody = MAX_BODY_BYTES): Promise<{ response?: WireResponse; error?: TransportError }> {
  let origin: string;
  let path: string;
  try {
    const q = req.url.indexOf('?');
    if (q >= 0 && PLAIN_QUERY.test(req.url.slice(q + 1)) && req.url.lastIndexOf('#', q) < 0) {
      // the query as sent is exactly what URL would make of it: parse only the part before it
      ({ origin, path } = splitUrl(req.url.slice(0, q)));
      path += req.url.slice(q);
    } else {
      // a query that URL re-encodes (or a fragment) makes every URL distinct: parsed, not remembered
      ({ origin, path } = q < 0 ? splitUrl(req.url) : parseUrl(req.url));
    }
  } catch {
    return { error: { code: 'VK_TOOL', message: `invalid request URL` } };
  }
  const started = performance.now();
  let collector!: Collector;
  const done = new Promise<Collector>((resolve, reject) => {
    collector = new Collector(resolve, reject, signal, maxBody);
  });
  // One timer per request, let go when the answer is in; the run's signal aborts every request in flight.
  const timer = setTimeout(timeOut, timeoutMs, collector);
  if (signal?.aborted) collector.handleEvent();
  else signal?.addEventListener('abort', collector, { once: true });
  try {
    pools.get(origin).dispatch({ origin, method: req.method, path, headers: req.headers, body: req.body, headersTimeout: timeoutMs, bodyTimeout: timeoutMs }, collector);
    const c = await done;
    const answer = { status: c.status, headers: c.headers(), body: c.body(), durationMs: Math.round((performance.now() - started) * 100) / 100 };
    return { response: completeResponse(answer, c.size, maxBody) };
  } catch (err) {
    return { error: transportError(err, collector.timedOut) };
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', collector);
  }
}

/** A request's timer fired (a module function with the collector as its argument: no closure per request). */
function timeOut(c: Collector): void {
  c.timedOut = true;
  c.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
}
