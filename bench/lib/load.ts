/** Load generation with autocannon (a peer tool, required from bench/.peers/autocannon). */
import { createRequire } from 'node:module';
import { createServer } from 'node:net';

export interface HttpTarget {
  /** Absolute URL including the path and query string. */
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  /**
   * Optional per-request rewrite (e.g. a fresh signature or token); called once per request.
   * Keep it cheap: it runs in the load generator.
   */
  next?: () => { path?: string; headers?: Record<string, string>; body?: string };
}

export interface LoadResult {
  rps: number;
  meanMs: number;
  /** autocannon records latency in whole milliseconds. */
  p99Ms: number;
  p999Ms: number;
  total: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

type Autocannon = (opts: Record<string, unknown>) => Promise<Record<string, any>>;

export function loadAutocannon(pkgDir: string): Autocannon {
  return createRequire(`${pkgDir}/`)(pkgDir) as Autocannon;
}

export async function hammer(ac: Autocannon, t: HttpTarget, seconds: number, connections: number): Promise<LoadResult> {
  const opts: Record<string, unknown> = {
    url: t.url, method: t.method, headers: t.headers, body: t.body, connections, duration: seconds, pipelining: 1,
  };
  if (t.next) {
    const next = t.next;
    const u = new URL(t.url);
    opts.requests = [{ setupRequest: (req: Record<string, unknown>) => {
      const n = next();
      return { ...req, path: n.path ?? `${u.pathname}${u.search}`, headers: { ...t.headers, ...n.headers }, body: n.body ?? t.body };
    } }];
  }
  const r = await ac(opts);
  return {
    rps: r.requests.average, meanMs: r.latency.mean, p99Ms: r.latency.p99, p999Ms: r.latency.p99_9, total: r.requests.total,
    non2xx: r.non2xx, errors: r.errors, timeouts: r.timeouts,
  };
}

/** A free TCP port on 127.0.0.1 (for tools that cannot listen on port 0 and report it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}
