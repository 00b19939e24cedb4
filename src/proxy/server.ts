/**
 * `startProxy()`: one reverse proxy per provider, each on its own port (like the mocks). Each request is
 * bounded as the mock bounds it, authorized (src/proxy/auth.ts), forwarded and streamed back
 * (src/proxy/forward.ts); the exchange is checked after the app has its answer (src/proxy/observe.ts) and
 * recorded (src/proxy/recorder.ts). The proxy sends no request of its own.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Pool } from 'undici';
import { escapeTerminal } from '../core/terminal.ts';
import { VerikitError } from '../core/errors.ts';
import { redactText } from '../core/redact.ts';
import type { Exchange, RunSummary } from '../core/types.ts';
import type { Baseline } from '../drift/baseline.ts';
import { acceptedCredentials } from '../mock/credentials.ts';
import { createLimitedServer, listenServer, type RunningServer } from '../mock/http.ts';
import { createMocks, portFor } from '../mock/index.ts';
import { headerMap, LIMITS, readBody, send } from '../mock/io.ts';
import type { MockRequest, MockResponse, ProviderMock } from '../mock/types.ts';
import { validatorCache } from '../runner/validators.ts';
import type { Credentials } from '../signing/credentials.ts';
import type { Operation, ProviderId, ProviderSpec } from '../spec/model.ts';
import type { ResponseValidator } from '../checks/types.ts';
import { authorize } from './auth.ts';
import { forward, upstreamHeaders } from './forward.ts';
import { createObserver } from './observe.ts';
import { openRecorder } from './recorder.ts';

export const DEFAULT_PROXY_PORT_BASE = 4200;
export const DEFAULT_PROXY_TIMEOUT_MS = 10_000;
export const DEFAULT_FLUSH_EVERY_S = 60;
/** Exchanges waiting for their checks (each holds at most 64 KiB of answer); more are counted and dropped. */
export const MAX_PENDING_CHECKS = 10_000;

export interface ProxyOptions {
  specs: ProviderSpec[];
  /** Upstream origin per proxied provider (only these are started). */
  upstreams: Partial<Record<ProviderId, string>>;
  host?: string;
  portBase?: number;
  reportDir: string;
  baseline?: Baseline;
  timeoutMs?: number;
  /** Seconds between report flushes (0 = only on close). */
  flushEverySeconds?: number;
  latencyBudgetMs?: number;
  /** Credentials for verifying and re-signing; default as the mock: the environment, else the test credentials. */
  credentials?: Credentials;
  /** Response validators per operation (default: the generated ones, as `verikit run`). */
  validator?: (op: Operation) => ResponseValidator;
  /** Log lines (already redacted and escaped). */
  log?: (line: string) => void;
}

export interface RunningProxy {
  urls: Partial<Record<ProviderId, string>>;
  /** Waits for the checks in flight and writes the reports; returns the paths. */
  flush(): Promise<string[]>;
  /** Stops listening, finishes the checks in flight, writes the reports a last time. */
  close(): Promise<string[]>;
}

/** A wire value for a log line: redacted, control characters escaped, bounded. */
export function printable(s: string, max = 200): string {
  const t = s.length > max ? `${s.slice(0, max)}…` : s;
  return escapeTerminal(JSON.stringify(redactText(t)).slice(1, -1));
}

interface Side {
  provider: ProviderId;
  spec: ProviderSpec;
  mock: ProviderMock;
  pool: Pool;
  origin: string;
  host: string;
}

export async function startProxy(opts: ProxyOptions): Promise<RunningProxy> {
  const log = opts.log ?? (() => undefined);
  const host = opts.host ?? '127.0.0.1';
  const portBase = opts.portBase ?? DEFAULT_PROXY_PORT_BASE;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_PROXY_TIMEOUT_MS;
  const providers = Object.keys(opts.upstreams) as ProviderId[];
  const creds = acceptedCredentials(opts.credentials);
  const mocks = createMocks(opts.specs, providers, opts.credentials);
  const observer = createObserver({ specs: opts.specs, validator: opts.validator ?? validatorCache(), baseline: opts.baseline, latencyBudgetMs: opts.latencyBudgetMs ?? 5000 });
  const recorder = await openRecorder(opts.reportDir, opts.specs);
  const startedAt = new Date();
  const runId = startedAt.getTime().toString(36);
  let seq = 0;
  let pending = 0;
  const idle: Array<() => void> = [];

  const record = (side: Side, ex: Omit<Exchange, 'operationId'>, mreq: MockRequest) => {
    try {
      const operationId = side.mock.operationOf(mreq);
      const op = operationId === undefined ? undefined : side.spec.operations.find((o) => o.operationId === operationId);
      if (!op) {
        observer.note('VK_PROXY_UNMATCHED', `${side.provider}: ${mreq.method} ${mreq.path} matched no documented operation (forwarded, not checked)`);
        return;
      }
      const r = observer.check({ ...ex, operationId: op.operationId } as Exchange, side.spec, op);
      for (const c of r.checks) if (c.kind === 'error' && c.message?.startsWith('check crashed')) log(`proxy: ${side.provider} ${ex.caseId}: check ${c.check} threw (the traffic still flows): ${printable(c.message)}`);
      recorder.add(r);
    } catch (err) {
      log(`proxy: checking ${side.provider} ${ex.caseId} failed (the traffic still flows): ${printable((err as Error).message ?? String(err))}`);
      observer.note('VK_PROXY_CHECK_FAILED', `checking an exchange failed: ${(err as Error).message ?? String(err)}`);
    } finally {
      if (--pending === 0) for (const wake of idle.splice(0)) wake();
    }
  };

  const answer = (res: ServerResponse, r: MockResponse, close = false) => {
    try {
      send(res, r, close);
    } catch {
      res.destroy();
    }
  };

  async function handle(side: Side, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const target = req.url ?? '/';
    const q = target.indexOf('?');
    const path = q < 0 ? target : target.slice(0, q);
    const rawQuery = q < 0 ? '' : target.slice(q + 1);
    const method = req.method ?? 'GET';
    const announced = req.headers['transfer-encoding'] !== undefined || (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0');
    const body = announced ? await readBody(req) : '';
    if (body === null) {
      answer(res, side.mock.protocolError('too-large', `The request body exceeds ${LIMITS.maxBodyBytes} bytes.`), true);
      res.on('finish', () => req.socket?.destroySoon?.());
      return;
    }
    const mreq: MockRequest = { method, path, rawQuery, headers: headerMap(req), body };
    const decision = authorize(side.provider, mreq, creds, side.host);
    if (decision.kind === 'reject') {
      // The provider's own answer to this signature failure, as the mock (same verifier, same credentials) gives it.
      let r = await side.mock.handle(mreq);
      if (r.status < 300) r = side.mock.protocolError('bad-request', decision.failure.message, decision.failure.status);
      answer(res, r);
      log(`proxy: ${side.provider} ${printable(method, 16)} ${printable(path)}: ${decision.scheme} signature rejected (${printable(decision.failure.code, 64)}: ${printable(decision.failure.message)}); not forwarded`);
      observer.note('VK_PROXY_SIGNATURE_REJECTED', `${side.provider}: a request signed with ${decision.scheme} did not verify with the proxy's credentials (${decision.failure.code}) and was not forwarded`);
      return;
    }
    const headers = upstreamHeaders(req.headers, decision.kind === 'resign' ? decision.headers : { host: side.host });
    const startedIso = new Date().toISOString();
    const out = await forward(side.pool, side.origin, { method, path: target, headers, body }, res, timeoutMs);
    if (!out.answered) {
      const why = out.error?.code === 'VK_TIMEOUT' ? `The upstream did not answer within ${timeoutMs} ms.` : 'The upstream gave no answer.';
      answer(res, side.mock.protocolError('unavailable', why));
      log(`proxy: ${side.provider} ${printable(method, 16)} ${printable(path)}: upstream ${out.error?.code ?? 'VK_NETWORK'} (${printable(out.error?.message ?? '')}); answered with the provider's gateway error`);
    }
    const flat: Record<string, string> = {};
    for (const k in headers) {
      const v = headers[k];
      flat[k] = Array.isArray(v) ? v.join(', ') : v;
    }
    const ex = {
      caseId: `proxy/${runId}/${++seq}`, provider: side.provider, startedAt: startedIso,
      request: { method: method as 'GET' | 'POST', url: `${side.origin}${target}`, headers: flat, ...(body !== '' && { body }) },
      ...(out.response ? { response: out.response } : { error: out.error ?? { code: 'VK_NETWORK' as const, message: 'no answer' } }),
    };
    // Checking is bounded: when the checks fall this far behind the traffic, an exchange is counted, not kept.
    if (pending >= MAX_PENDING_CHECKS) {
      observer.note('VK_PROXY_BACKLOG', `the checks fell ${MAX_PENDING_CHECKS} exchanges behind the traffic: exchanges were forwarded but neither checked nor recorded`);
      return;
    }
    pending++;
    setImmediate(record, side, ex, mreq);
  }

  const sides: Side[] = [];
  const servers: RunningServer[] = [];
  const urls: Partial<Record<ProviderId, string>> = {};
  try {
    for (const provider of providers) {
      const spec = opts.specs.find((s) => s.id === provider)!;
      const up = new URL(opts.upstreams[provider]!);
      const side: Side = { provider, spec, mock: mocks.get(provider)!, pool: new Pool(up.origin, { connections: 64, keepAliveTimeout: 10_000, pipelining: 1 }), origin: up.origin, host: up.host };
      sides.push(side);
      const server = createLimitedServer((req, res) => {
        handle(side, req, res).catch((err) => {
          log(`proxy: ${provider} internal error: ${printable((err as Error).message ?? String(err))}`);
          if (!res.headersSent) answer(res, side.mock.protocolError('internal', 'An internal error occurred in the proxy.'), true);
          else res.destroy();
        });
      });
      const port = portFor(provider, portBase);
      const s = await listenServer(server, host, port).catch((e: NodeJS.ErrnoException) => {
        throw new VerikitError(
          'VK_PROXY_LISTEN', `cannot listen on ${host}:${port} for ${provider} (${e.code ?? e.message})`,
          e.code === 'EADDRINUSE' ? 'another process holds the port: stop it, or pass --port-base 0 (free ports) or another base' : 'check --host and --port-base',
        );
      });
      servers.push(s);
      urls[provider] = s.url;
    }
  } catch (e) {
    await Promise.all(servers.map((s) => s.close()));
    await Promise.all(sides.map((s) => s.pool.close().catch(() => undefined)));
    await recorder.close();
    throw e;
  }

  const settled = () => (pending === 0 ? Promise.resolve() : new Promise<void>((r) => idle.push(r)));
  const summary = (): RunSummary => observer.summary({
    startedAt: startedAt.toISOString(), durationMs: Date.now() - startedAt.getTime(), interrupted: false,
    providers: opts.specs.map((s) => (providers.includes(s.id) ? { provider: s.id, status: 'ran' as const } : { provider: s.id, status: 'skipped' as const, reason: 'not proxied' })),
  });
  const flush = async () => {
    await settled();
    return recorder.flush(summary());
  };
  const every = opts.flushEverySeconds ?? DEFAULT_FLUSH_EVERY_S;
  const timer = every > 0
    ? setInterval(() => void flush().catch((e: Error) => log(`proxy: writing the reports failed: ${printable(e.message)}`)), every * 1000).unref()
    : undefined;
  let closing: Promise<string[]> | undefined;
  return {
    urls,
    flush,
    close: () => (closing ??= (async () => {
      if (timer) clearInterval(timer);
      await Promise.all(servers.map((s) => s.close()));
      const files = await flush();
      await Promise.all(sides.map((s) => s.pool.close().catch(() => undefined)));
      await recorder.close();
      return files;
    })()),
  };
}
