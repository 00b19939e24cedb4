/**
 * The HTTP server around one provider mock: bounded input, the control plane, fault injection, and a
 * guarantee that every request gets an answer (or a deliberate close) and nothing crashes the process.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ANSWER_HEADER } from './answers.ts';
import { CONTROL_PREFIX, handleControl } from './control.ts';
import { UNAUTHORIZED, type ControlGate } from './control-auth.ts';
import { applyDrift, type Fault } from './faults.ts';
import { headerMap, LIMITS, readBody, send } from './io.ts';
import type { MockRequest, MockResponse, ProviderMock } from './types.ts';

export { LIMITS } from './io.ts';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref());

/** An armed answer for the request (POST /__verikit/answers), else the handler's; no look-up when none is armed. */
function answerOrHandle(mock: ProviderMock, req: MockRequest): MockResponse | Promise<MockResponse> {
  if (mock.answers.size === 0) return mock.handle(req);
  return mock.answers.take(mock.operationOf(req), req.headers[ANSWER_HEADER]) ?? mock.handle(req);
}

/** Sends a handler's answer, after any drift faults; waits only when the handler is asynchronous. */
function deliver(mock: ProviderMock, res: ServerResponse, out: MockResponse | Promise<MockResponse>, faults: readonly Fault[]): void | Promise<void> {
  if (out instanceof Promise) return out.then((o) => deliver(mock, res, o, faults));
  let r = out;
  for (const f of faults) if (f.kind === 'drift') r = { ...r, body: applyDrift(r.body, f, mock.drift) };
  send(res, r);
}

/** The answer after the armed faults were taken and any latency fault waited out. */
function afterLatency(mock: ProviderMock, req: MockRequest, res: ServerResponse, faults: readonly Fault[]): void | Promise<void> {
  const terminal = faults.find((f) => f.kind !== 'latency' && f.kind !== 'drift');
  if (terminal?.kind === 'drop') {
    res.socket?.destroy();
    return;
  }
  if (terminal?.kind === 'html') {
    const html = '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><hr>verikit mock</body></html>';
    return send(res, { status: terminal.status ?? 502, body: html, headers: { 'content-type': 'text/html; charset=utf-8' } });
  }
  if (terminal?.kind === 'status5xx') {
    const status = terminal.status ?? 503;
    return send(res, mock.protocolError(status === 500 ? 'internal' : 'unavailable', 'The service failed (injected fault).', status));
  }
  if (terminal?.kind === 'throttle') return send(res, mock.protocolError('throttled', 'Request was denied due to flow control (injected fault).'));
  return deliver(mock, res, answerOrHandle(mock, req), faults);
}

/** Answers one request; synchronous unless a latency fault is armed or the handler is asynchronous. */
function respond(mock: ProviderMock, req: MockRequest, res: ServerResponse): void | Promise<void> {
  if (req.path.startsWith(CONTROL_PREFIX)) {
    let body: unknown;
    if (req.body.trim()) {
      try {
        body = JSON.parse(req.body);
      } catch {
        return send(res, { status: 400, body: { error: 'control-plane body must be JSON' } });
      }
    }
    return send(res, handleControl(mock, req.path.slice(CONTROL_PREFIX.length), req.method, body));
  }
  // No armed faults (the usual case): no fault targeting, no classification of the request.
  if (mock.faults.size === 0) return deliver(mock, res, answerOrHandle(mock, req), NO_FAULTS);
  const faults = mock.faults.take(mock.operationOf(req));
  const latency = faults.filter((f) => f.kind === 'latency').reduce((s, f) => s + (f.latencyMs ?? 1000), 0);
  if (latency > 0) return sleep(latency).then(() => afterLatency(mock, req, res, faults));
  return afterLatency(mock, req, res, faults);
}

const NO_FAULTS: readonly Fault[] = [];

/** A handler bug must not take the mock down: answer in the provider's format. */
function internalError(mock: ProviderMock, res: ServerResponse): void {
  try {
    send(res, mock.protocolError('internal', 'An internal error occurred in the mock.', 500), true);
  } catch {
    res.socket?.destroy();
  }
}

function dispatch(mock: ProviderMock, req: MockRequest, res: ServerResponse): void {
  try {
    const pending = respond(mock, req, res);
    if (pending) pending.catch(() => internalError(mock, res));
  } catch {
    internalError(mock, res);
  }
}

function onRequest(mock: ProviderMock, req: IncomingMessage, res: ServerResponse, gate?: ControlGate): void {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  // The control plane's one entry: every verb under the prefix is refused here without the token, body unread.
  if (gate && path.startsWith(CONTROL_PREFIX) && !gate(req.headers.authorization)) return send(res, UNAUTHORIZED, true);
  const rawQuery = q < 0 ? '' : url.slice(q + 1);
  const method = req.method ?? 'GET';
  const length = req.headers['content-length'];
  // No body announced (no content-length or 0, not chunked): answer at once; node discards the empty rest.
  if (req.headers['transfer-encoding'] === undefined && (length === undefined || length === '0')) {
    return dispatch(mock, { method, path, rawQuery, headers: headerMap(req), body: '' }, res);
  }
  readBody(req)
    .then((body) => {
      if (body === null) {
        send(res, mock.protocolError('too-large', `The request body exceeds ${LIMITS.maxBodyBytes} bytes.`), true);
        // Stop reading a huge upload: close once the answer is out.
        res.on('finish', () => req.socket?.destroySoon?.());
        return;
      }
      dispatch(mock, { method, path, rawQuery, headers: headerMap(req), body }, res);
    })
    .catch(() => internalError(mock, res));
}

export interface RunningServer {
  server: Server;
  url: string;
  close(): Promise<void>;
}

/** An HTTP server with the mock's header limits and timeouts, answering malformed requests itself (also used by `verikit proxy`). */
export function createLimitedServer(handler: (req: IncomingMessage, res: ServerResponse) => void): Server {
  const server = createServer(
    {
      maxHeaderSize: LIMITS.maxHeaderBytes,
      headersTimeout: LIMITS.headersTimeoutMs,
      requestTimeout: LIMITS.requestTimeoutMs,
      keepAliveTimeout: LIMITS.keepAliveTimeoutMs,
    },
    handler,
  );
  server.maxHeadersCount = LIMITS.maxHeadersCount;
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    if (socket.writable && err.code !== 'ECONNRESET') {
      const status = err.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout' : '400 Bad Request';
      socket.end(`HTTP/1.1 ${status}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
    }
    socket.destroy();
  });
  return server;
}

/** Listens on host:port (0 = a free port); resolves with the URL and a close() that drops open connections. */
export function listenServer(server: Server, host: string, port: number): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const addr = server.address() as AddressInfo;
      const h = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
      resolve({
        server,
        url: `http://${h}:${addr.port}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

/** Starts one provider mock on host:port (0 = a free port); `gate` guards the control plane (none: open). */
export function listen(mock: ProviderMock, host: string, port: number, gate?: ControlGate): Promise<RunningServer> {
  return listenServer(createLimitedServer((req, res) => onRequest(mock, req, res, gate)), host, port);
}
