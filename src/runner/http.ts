/** Puts one WireRequest on the wire over a keep-alive undici Pool per origin; never throws. */
import { Pool } from 'undici';
import type { TransportError, WireRequest, WireResponse } from '../core/types.ts';

export const MAX_BODY_BYTES = 64 * 1024;

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

function transportError(err: unknown, timedOut: boolean): TransportError {
  const e = err as { code?: string; name?: string; message?: string; cause?: { code?: string } };
  const code = e?.code ?? e?.cause?.code ?? '';
  const message = e?.message ?? String(err);
  if (timedOut || /TIMEOUT/.test(code) || e?.name === 'TimeoutError') return { code: 'VK_TIMEOUT', message: `no answer in time (${message})` };
  if (code === 'ECONNREFUSED') return { code: 'VK_CONN_REFUSED', message };
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE' || /other side closed|socket hang up/i.test(message)) return { code: 'VK_CONN_RESET', message };
  return { code: 'VK_NETWORK', message: code ? `${code}: ${message}` : message };
}

/**
 * The part of AbortSignal undici reads (`aborted`, `reason`, add/removeEventListener), aborted by a request's
 * own timer or the run's signal. An AbortController costs ~2 µs to make in Node 20, per request; this a few
 * dozen ns. undici rejects with `reason` exactly as it would for a real signal's.
 */
class RequestSignal {
  aborted = false;
  reason: unknown = undefined;
  private listeners: Array<() => void> = [];
  addEventListener(_type: 'abort', listener: () => void): void {
    this.listeners.push(listener);
  }
  removeEventListener(_type: 'abort', listener: () => void): void {
    const i = this.listeners.indexOf(listener);
    if (i >= 0) this.listeners.splice(i, 1);
  }
  abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    // what AbortController.abort() records when given no reason
    this.reason = reason === undefined ? new DOMException('This operation was aborted', 'AbortError') : reason;
    for (const l of this.listeners.splice(0)) l();
  }
}

/** Reads a body to its end, keeping at most MAX_BODY_BYTES (listeners instead of an async iterator per body). */
function readBody(body: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    body.on('data', (chunk: Buffer) => {
      if (size < MAX_BODY_BYTES) chunks.push(chunk);
      size += chunk.length;
    });
    body.once('error', reject);
    body.once('end', () => {
      const all = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
      resolve((all.length > MAX_BODY_BYTES ? all.subarray(0, MAX_BODY_BYTES) : all).toString('utf8'));
    });
  });
}

/** Sends a request; the answer (body truncated to 64 KiB, JSON parsed when possible) or a transport error. */
export async function send(pools: PoolSet, req: WireRequest, timeoutMs: number, signal?: AbortSignal): Promise<{ response?: WireResponse; error?: TransportError }> {
  let url: URL;
  try {
    url = new URL(req.url);
  } catch {
    return { error: { code: 'VK_TOOL', message: `invalid request URL` } };
  }
  const started = performance.now();
  // One signal per request, aborted by its own timer or by the run's signal; both are let go when the
  // answer is in (AbortSignal.timeout keeps its timer for the whole timeout, AbortSignal.any ties a
  // signal per request to the run's long-lived one).
  const ctl = new RequestSignal();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    ctl.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
  }, timeoutMs);
  const onAbort = () => ctl.abort(signal?.reason);
  if (signal?.aborted) onAbort();
  else signal?.addEventListener('abort', onAbort, { once: true });
  const abort = ctl as unknown as AbortSignal;
  try {
    const r = await pools.get(url.origin).request({
      method: req.method, path: url.pathname + url.search, headers: req.headers, body: req.body,
      signal: abort, headersTimeout: timeoutMs, bodyTimeout: timeoutMs,
    });
    const body = await readBody(r.body);
    const headers: Record<string, string> = {};
    const raw = r.headers;
    for (const k in raw) {
      const v = raw[k];
      if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : String(v);
    }
    const response: WireResponse = { status: r.statusCode, headers, body, durationMs: Math.round((performance.now() - started) * 100) / 100 };
    try {
      response.json = JSON.parse(body);
    } catch (e) {
      response.parseError = body ? (e as Error).message : 'empty body';
    }
    return { response };
  } catch (err) {
    return { error: transportError(err, timedOut) };
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}
