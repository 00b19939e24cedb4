/** The wire side of the mock server: input limits, reading a bounded body, node's headers, writing an answer. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MockResponse } from './types.ts';

export const LIMITS = {
  /** Largest request body accepted; bigger gets the provider's error with 413. */
  maxBodyBytes: 64 * 1024,
  /** Node's header-size limit (a flood beyond it gets 431). */
  maxHeaderBytes: 16 * 1024,
  maxHeadersCount: 100,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 15_000,
  keepAliveTimeoutMs: 5_000,
};

const JSON_TYPE = 'application/json;charset=utf-8';

/**
 * Node's parsed headers (lower-case names, duplicates already merged or dropped by node) as a string record.
 * Only set-cookie can be an array; the object is used as is otherwise (no copy per request).
 */
export function headerMap(req: IncomingMessage): Record<string, string> {
  const h = req.headers;
  if (h['set-cookie'] === undefined) return h as Record<string, string>;
  const out: Record<string, string> = {};
  for (const k in h) {
    const v = h[k];
    if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

export function send(res: ServerResponse, r: MockResponse, close = false): void {
  if (res.headersSent || res.destroyed) return;
  const extra = r.headers;
  const type = extra?.['content-type'];
  const payload = typeof r.body === 'string' && type !== undefined && type.startsWith('text/') ? r.body : JSON.stringify(r.body ?? {});
  const headers: Record<string, string | number> = { 'content-type': JSON_TYPE };
  if (extra) for (const k in extra) headers[k] = extra[k];
  headers['content-length'] = Buffer.byteLength(payload);
  if (close) headers.connection = 'close';
  res.writeHead(r.status, headers);
  res.end(payload);
}

/** Reads the body up to the limit; resolves null when it was too large. */
export function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > LIMITS.maxBodyBytes) return resolve(null);
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (v: string | null) => {
      if (done) return;
      done = true;
      resolve(v);
    };
    req.on('data', (c: Buffer) => {
      if (done) return;
      size += c.length;
      if (size > LIMITS.maxBodyBytes) return finish(null);
      chunks.push(c);
    });
    req.on('end', () => finish(Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => finish(''));
    req.on('close', () => finish(Buffer.concat(chunks).toString('utf8')));
  });
}
