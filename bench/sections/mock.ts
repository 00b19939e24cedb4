/**
 * 1. Mock throughput: autocannon against a bare node:http server (the limit), the verikit mock (signature
 * verification, nonce replay guard and verification state on the path) and the Prism mock serving the same
 * spec — same operation, same freshly signed requests, same run. Targets: verikit >= 10x Prism, >= 40% of bare.
 */
import { join } from 'node:path';
import { request } from 'undici';
import { startChild, type Child } from '../lib/proc.ts';
import { startVerikitMock } from '../lib/servers.ts';
import { freePort, hammer, loadAutocannon, type HttpTarget, type LoadResult } from '../lib/load.ts';
import { loadBenchOp, BENCH_OP, type BenchOp } from '../lib/benchop.ts';
import { summarize, ratio, fmt } from '../lib/stats.ts';
import type { Ctx } from '../lib/context.ts';
import { PEERS } from '../lib/peers.ts';
import { readProfileDir, renderProfile } from '../lib/profile.ts';
import type { Row, Section } from '../lib/types.ts';

interface Server { name: string; child: Child; baseUrl: string; path?: string; /** one fixed request, no per-request signing */ fixed?: boolean }

/**
 * The load for one server: a pool of `pool` freshly signed requests (new nonce and phone number each), built
 * before the run and cycled, so the load generator does no signing while it measures. The pool is larger than
 * the mock's nonce memory (50,000) and resend guard (10,000), so a request that comes round again is accepted.
 */
function target(b: BenchOp, s: Server, pool: number): HttpTarget {
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

/** One request through undici: the status and the body, to check every server answers the call as a success. */
async function probe(t: HttpTarget): Promise<{ status: number; body: string }> {
  const n = t.next!();
  const u = new URL(t.url);
  const res = await request(`${u.origin}${n.path}`, { method: t.method, headers: n.headers, body: n.body });
  return { status: res.statusCode, body: await res.body.text() };
}

export async function mockSection(ctx: Ctx): Promise<Section> {
  const s: Section = { id: 'mock', title: '1. Mock throughput (requests/s, autocannon)', status: 'ran', rows: [], targets: [], notes: [] };
  const ac = ctx.peers.autocannon;
  if (!ac || ac.error) return { ...s, status: 'unavailable', notes: [`autocannon unavailable: ${ac?.error ?? 'not checked'}`] };
  const autocannon = loadAutocannon(ac.pkgDir);
  const b = await loadBenchOp(ctx.root);
  const servers: Server[] = [];
  try {
    const { child: vk, url: vkUrl } = await startVerikitMock(ctx.root, BENCH_OP.provider);
    const vkServer: Server = { name: `verikit mock (${BENCH_OP.provider} ${BENCH_OP.operationId}, V3 signature verified, state)`, child: vk, baseUrl: vkUrl };
    const pool = ctx.opts.quick ? 20_000 : 60_000;
    const targets = new Map<Server, HttpTarget>();
    const targetOf = (srv: Server) => targets.get(srv) ?? targets.set(srv, target(b, srv, pool)).get(srv)!;
    const sample = await probe(targetOf(vkServer));
    if (sample.status !== 200 || !/"Code":"OK"/.test(sample.body)) throw new Error(`the verikit mock did not accept the benchmark request: ${sample.status} ${sample.body.slice(0, 300)}`);
    const bare = await startChild(process.execPath, [join(ctx.root, 'bench/servers/bare.js'), sample.body], { cwd: ctx.root, waitFor: 'json' });
    servers.push({ name: 'bare node:http, fixed JSON body (the limit)', child: bare, baseUrl: bare.info.url as string }, vkServer);
    servers.push({ name: 'bare node:http again, one fixed request repeated (autocannon without setupRequest: the load generator\'s own ceiling, for reference)', child: bare, baseUrl: bare.info.url as string, fixed: true });
    const prism = ctx.peers.prism;
    if (!prism || prism.error) s.notes.push(`Prism unavailable: ${prism?.error ?? 'not checked'}`);
    else {
      const port = await freePort();
      try {
        const child = await startChild(process.execPath, [prism.bin!, 'mock', join(ctx.root, 'specs', `${BENCH_OP.provider}.yaml`), '-h', '127.0.0.1', '-p', String(port)], { cwd: ctx.root, waitFor: { url: `http://127.0.0.1:${port}/` }, timeoutMs: 120_000 });
        const ps: Server = { name: `Prism ${PEERS.prism.version} mock (same spec, pseudo-path ${b.op.path})`, child, baseUrl: `http://127.0.0.1:${port}`, path: b.op.path };
        const p = await probe(targetOf(ps));
        s.notes.push(`Prism answers the same signed request on ${b.op.path} with HTTP ${p.status}: ${p.body.slice(0, 200)}`);
        servers.push(ps);
      } catch (e) {
        s.notes.push(`Prism failed to start: ${(e as Error).message}`);
      }
    }
    const { runs, mockSeconds, mockConnections } = ctx.sizes;
    const results = new Map<string, LoadResult[]>(servers.map((x) => [x.name, []]));
    for (const srv of servers) {
      ctx.log(`mock warm-up: ${srv.name}`);
      await hammer(autocannon, targetOf(srv), Math.min(2, mockSeconds), mockConnections);
    }
    for (let r = 0; r < runs; r++) {
      for (const srv of servers) {
        ctx.log(`mock run ${r + 1}/${runs}: ${srv.name}`);
        results.get(srv.name)!.push(await hammer(autocannon, targetOf(srv), mockSeconds, mockConnections));
      }
    }
    for (const srv of servers) {
      const rs = results.get(srv.name)!;
      const row: Row = {
        name: srv.name, unit: 'req/s', value: summarize(rs.map((x) => x.rps)),
        extra: {
          'mean latency ms': summarize(rs.map((x) => x.meanMs)), 'p99 ms': summarize(rs.map((x) => x.p99Ms)), 'p99.9 ms': summarize(rs.map((x) => x.p999Ms)),
          'non-2xx': rs.reduce((a, x) => a + x.non2xx, 0), errors: rs.reduce((a, x) => a + x.errors + x.timeouts, 0),
          'server peak RSS MB': Math.round(srv.child.peakRssMb() ?? NaN),
        },
      };
      s.rows.push(row);
    }
    const med = (i: number) => (s.rows[i] ? s.rows[i].value.median : null);
    const prismRow = s.rows.findIndex((r) => r.name.startsWith('Prism'));
    const vsPrism = prismRow < 0 ? null : ratio(med(1), med(prismRow));
    const vsBare = ratio(med(1), med(0));
    s.targets.push({ name: 'verikit mock vs Prism', want: '>= 10x', got: vsPrism === null ? 'Prism not measured' : `${fmt(vsPrism)}x`, met: vsPrism === null ? null : vsPrism >= 10 });
    s.targets.push({ name: 'verikit mock vs bare node:http', want: '>= 40%', got: vsBare === null ? 'n/a' : `${(vsBare * 100).toFixed(0)}%`, met: vsBare === null ? null : vsBare >= 0.4 });
    if (ctx.opts.diagnose && ((vsBare !== null && vsBare < 0.4) || (vsPrism !== null && vsPrism < 10))) {
      ctx.log('mock: a target was missed, profiling the verikit mock under the same load');
      const dir = join(ctx.opts.workDir, 'prof-mock');
      const { child, url } = await startVerikitMock(ctx.root, BENCH_OP.provider, dir);
      try {
        const t = target(b, { ...vkServer, child, baseUrl: url }, pool);
        child.proc.kill('SIGUSR2');
        await hammer(autocannon, t, mockSeconds, mockConnections);
      } finally {
        await child.stop();
      }
      s.notes.push(renderProfile(`the verikit mock process under ${mockSeconds}s of the same load`, readProfileDir(dir)));
    }
    s.notes.push(`Method: a warm-up run per server, then ${runs} run(s) per server, interleaved, each ${mockSeconds}s with ${mockConnections} connections, pipelining 1. Every request is freshly signed (ACS3-HMAC-SHA256, new nonce and phone number): a pool of ${pool} signed requests per server is built before the runs and cycled by autocannon's setupRequest (larger than the mock's nonce memory of 50,000 and resend guard of 10,000, so a request that comes round again is accepted), for all servers alike, so the load generator does the same (small) work everywhere. Servers run in their own processes; autocannon runs in the harness process (2 cores shared). autocannon records latency percentiles in whole milliseconds.`);
    if (prismRow < 0) s.status = 'partial';
  } finally {
    await Promise.all([...new Set(servers.map((x) => x.child))].map((c) => c.stop()));
  }
  return s;
}
