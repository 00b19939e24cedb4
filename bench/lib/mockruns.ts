/**
 * The mock section's runs: the load for one server (a pool of freshly signed requests), a probe of its
 * answer, and one measured autocannon run with the CPU the server spent on it and what ran beside it.
 */
import { hammer, type HttpTarget, type LoadResult } from './load.ts';
import { answerOf, type Answer, type BenchOp } from './benchop.ts';
import { cpuSeconds, foreignCpu } from './affinity.ts';
import { leastDisturbed } from './foreign.ts';
import type { Child } from './proc.ts';

export interface Server { name: string; child: Child; baseUrl: string; path?: string; /** one fixed request, no per-request signing */ fixed?: boolean }

/**
 * The load for one server: a pool of `pool` freshly signed requests (new nonce and phone number each), built
 * before the run and cycled, so the load generator does no signing while it measures. The pool is larger than
 * the mock's nonce memory (50,000) and resend guard (10,000), so a request that comes round again is accepted.
 */
export function target(b: BenchOp, s: Server, pool: number): HttpTarget {
  const toPath = (url: string) => {
    const u = new URL(url);
    return `${s.path ?? u.pathname}${u.search}`;
  };
  const first = b.request(s.baseUrl);
  const base = { url: `${s.baseUrl}${toPath(first.url)}`, method: first.method, headers: first.headers, body: first.body };
  if (s.fixed) return base;
  const requests = Array.from({ length: pool }, () => {
    const r = b.request(s.baseUrl);
    return { path: toPath(r.url), headers: r.headers, body: r.body };
  });
  let i = 0;
  return { ...base, next: () => requests[i++ % pool] };
}

/** One request of the pool through undici, to check every server answers the call as a success. */
export function probe(t: HttpTarget): Promise<Answer> {
  const n = t.next!();
  return answerOf(`${new URL(t.url).origin}${n.path}`, { method: t.method, headers: n.headers ?? {}, body: n.body });
}

/** One autocannon run, with the CPU time the server's process spent during it and what ran beside it. */
export interface Run extends LoadResult {
  serverCpuUsPerRequest: number | null;
  /** CPU of the harness process (autocannon) over the run, % of one CPU: near 100, the load generator is the limit. */
  loadGenCpuPct: number;
  foreignCpuPct: number | null;
  repeats: number;
}

export async function measureOnce(autocannon: Parameters<typeof hammer>[0], t: HttpTarget, srv: Server, seconds: number, connections: number): Promise<Run> {
  const foreign = foreignCpu([srv.child.proc.pid]);
  const c0 = cpuSeconds(srv.child.proc.pid);
  const h0 = process.cpuUsage();
  const t0 = performance.now();
  const r = await hammer(autocannon, t, seconds, connections);
  const h = process.cpuUsage(h0);
  const wallUs = (performance.now() - t0) * 1000;
  const c1 = cpuSeconds(srv.child.proc.pid);
  return {
    ...r, serverCpuUsPerRequest: c0 === null || c1 === null || r.total === 0 ? null : ((c1 - c0) * 1e6) / r.total,
    loadGenCpuPct: ((h.user + h.system) / wallUs) * 100, foreignCpuPct: foreign.stop(), repeats: 0,
  };
}

/** One measured run, repeated while other processes disturbed it (lib/foreign.ts). */
export function measure(autocannon: Parameters<typeof hammer>[0], t: HttpTarget, srv: Server, seconds: number, connections: number, log: (m: string) => void): Promise<Run> {
  return leastDisturbed(() => measureOnce(autocannon, t, srv, seconds, connections), 'run', log);
}
