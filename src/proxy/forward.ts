/**
 * One request to the upstream over a keep-alive undici Pool, its answer streamed to the app as it
 * arrives: the same status, headers (hop-by-hop ones aside) and bytes. The first 64 KiB of the body are
 * kept for the checks, with the runner's limits (src/runner/wire-response.ts). Never throws: a failure before the answer started resolves with the transport
 * error and `answered: false` (the caller answers the app); a failure mid-answer destroys the app's socket.
 */
import type { ServerResponse } from 'node:http';
import type { Dispatcher } from 'undici';
import { setOwn } from '../core/bounded-json.ts';
import type { TransportError, WireResponse } from '../core/types.ts';
import { transportError } from '../runner/http.ts';
import { completeResponse, cutBody, MAX_BODY_BYTES } from '../runner/wire-response.ts';

export interface UpstreamRequest {
  method: string;
  /** Path with the query, as the app sent it. */
  path: string;
  headers: Record<string, string | string[]>;
  body: string;
}

export interface ForwardOutcome {
  response?: WireResponse;
  error?: TransportError;
  /** true when the app got (part of) the upstream's answer. */
  answered: boolean;
}

/** Connection-level headers a proxy must not pass on (RFC 9110 7.6.1), plus content-length (set from the bytes). */
const HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'expect', 'content-length']);

/** The request headers for the upstream: the app's minus hop-by-hop ones, with `replace` applied. */
export function upstreamHeaders(app: Record<string, string | string[] | undefined>, replace: Record<string, string>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const k in app) {
    const v = app[k];
    if (v !== undefined && !HOP.has(k)) out[k] = v;
  }
  for (const k in replace) out[k] = replace[k];
  return out;
}

class StreamHandler implements Dispatcher.DispatchHandler {
  status = 0;
  recorded: Record<string, string> = {};
  chunks: Buffer[] = [];
  size = 0;
  answered = false;
  private abortUpstream: ((err?: Error) => void) | undefined;
  private readonly started = performance.now();
  constructor(
    private readonly res: ServerResponse,
    private readonly done: (o: ForwardOutcome) => void,
  ) {
    // The app went away before the answer was complete: stop reading the upstream.
    res.once('close', () => {
      if (!res.writableFinished) this.abortUpstream?.(new Error('the app closed the connection'));
    });
  }
  onConnect(abort: (err?: Error) => void): void {
    this.abortUpstream = abort;
  }
  onHeaders(statusCode: number, raw: Buffer[], resume: () => void, statusText: string): boolean {
    this.status = statusCode;
    const pass: string[] = [];
    for (let i = 0; i + 1 < raw.length; i += 2) {
      const k = raw[i].toString('latin1');
      const v = raw[i + 1].toString('latin1');
      const lower = k.toLowerCase();
      const had = Object.hasOwn(this.recorded, lower) ? this.recorded[lower] : undefined;
      // a header named __proto__ is recorded as a header (as the runner records it), not as the prototype
      setOwn(this.recorded, lower, had === undefined ? v : `${had}, ${v}`);
      if (!HOP.has(lower) || (lower === 'content-length' && !this.hasChunked(raw))) pass.push(k, v);
    }
    if (this.res.destroyed) return false;
    try {
      this.res.writeHead(statusCode, statusText || undefined, pass);
    } catch {
      this.res.writeHead(statusCode, pass);
    }
    this.answered = true;
    this.res.on('drain', resume);
    return true;
  }
  private hasChunked(raw: Buffer[]): boolean {
    for (let i = 0; i + 1 < raw.length; i += 2) if (raw[i].toString('latin1').toLowerCase() === 'transfer-encoding') return true;
    return false;
  }
  onData(chunk: Buffer): boolean {
    if (this.size < MAX_BODY_BYTES) this.chunks.push(chunk);
    this.size += chunk.length;
    return this.res.write(chunk);
  }
  onComplete(): void {
    this.res.end();
    const body = cutBody(this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks), MAX_BODY_BYTES);
    const durationMs = Math.round((performance.now() - this.started) * 100) / 100;
    // the same limits and parse as a run's answers: a body over a limit is marked, not parsed
    this.done({ response: completeResponse({ status: this.status, headers: this.recorded, body, durationMs }, this.size, MAX_BODY_BYTES), answered: true });
  }
  onError(err: Error): void {
    // Mid-answer there is no way to tell the app but to cut the connection.
    if (this.answered) this.res.destroy();
    this.done({ error: transportError(err, false), answered: this.answered });
  }
}

export function forward(pool: Dispatcher, origin: string, req: UpstreamRequest, res: ServerResponse, timeoutMs: number): Promise<ForwardOutcome> {
  return new Promise((resolve) => {
    const handler = new StreamHandler(res, resolve);
    try {
      pool.dispatch(
        { origin, method: req.method as Dispatcher.HttpMethod, path: req.path, headers: req.headers, body: req.body === '' && (req.method === 'GET' || req.method === 'HEAD') ? null : req.body, headersTimeout: timeoutMs, bodyTimeout: timeoutMs },
        handler,
      );
    } catch (err) {
      resolve({ error: transportError(err, false), answered: false });
    }
  });
}
