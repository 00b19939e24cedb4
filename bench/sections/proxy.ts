/**
 * 7. Proxy overhead: the verikit mock as the upstream, called directly and through `verikit proxy` (which
 * verifies and re-signs the V3 signature, streams the answer back, and checks and records every exchange
 * off the response path), each server in its own process. Latency: one connection, requests one after
 * another, direct and proxied interleaved; added latency = proxied - direct percentile. Throughput:
 * autocannon with the same pool of freshly signed requests. Targets: p50 added < 1 ms, >= 50% of direct req/s.
 */
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { loadBenchOp, BENCH_OP, type BenchOp } from '../lib/benchop.ts';
import type { Ctx } from '../lib/context.ts';
import { loadAutocannon } from '../lib/load.ts';
import { measure, probe, target, type Server } from '../lib/mockruns.ts';
import { startChild } from '../lib/proc.ts';
import { startVerikitMock } from '../lib/servers.ts';
import { fmt, percentile, ratio, summarize } from '../lib/stats.ts';
import type { Section } from '../lib/types.ts';

/** Sequential requests per side per round (direct and proxied alternate, one of each at a time). */
const LATENCY_REQUESTS = { quick: 300, full: 3000 };

async function latencies(b: BenchOp, direct: string, proxied: string, n: number): Promise<{ direct: number[]; proxied: number[] }> {
  const agent = new Agent({ connections: 1, pipelining: 1, keepAliveTimeout: 30_000 });
  const out = { direct: [] as number[], proxied: [] as number[] };
  const once = async (base: string, into: number[]) => {
    const r = b.request(base);
    const t0 = performance.now();
    const res = await request(r.url, { method: r.method, headers: r.headers, body: r.body, dispatcher: agent });
    await res.body.arrayBuffer();
    into.push(performance.now() - t0);
    if (res.statusCode !== 200) throw new Error(`${base} answered ${res.statusCode}`);
  };
  try {
    // warm-up: connections, JIT, the proxy's validators
    for (let i = 0; i < 50; i++) await once(direct, []), await once(proxied, []);
    for (let i = 0; i < n; i++) {
      await once(direct, out.direct);
      await once(proxied, out.proxied);
    }
  } finally {
    await agent.close();
  }
  return out;
}

export async function proxySection(ctx: Ctx): Promise<Section> {
  const s: Section = { id: 'proxy', title: '7. Proxy overhead (verikit proxy in front of the verikit mock)', status: 'ran', rows: [], targets: [], notes: [] };
  const b = await loadBenchOp(ctx.root);
  const { child: mock, url: mockUrl } = await startVerikitMock(ctx.root, BENCH_OP.provider);
  const reportDir = mkdtempSync(join(ctx.opts.workDir, 'proxy-reports-'));
  let proxyChild: Awaited<ReturnType<typeof startChild>> | undefined;
  try {
    proxyChild = await startChild(process.execPath, ['--import', 'tsx', join(ctx.root, 'bench/servers/verikit-proxy.ts'), BENCH_OP.provider, mockUrl, reportDir], { cwd: ctx.root, waitFor: 'json' });
    const proxyUrl = proxyChild.info.url as string;
    const rounds = ctx.opts.quick ? 1 : ctx.sizes.runs;
    const n = ctx.opts.quick ? LATENCY_REQUESTS.quick : LATENCY_REQUESTS.full;
    const p50 = { direct: [] as number[], proxied: [] as number[], added: [] as number[] };
    const p99 = { direct: [] as number[], proxied: [] as number[], added: [] as number[] };
    for (let r = 0; r < rounds; r++) {
      ctx.log(`proxy latency round ${r + 1}/${rounds}: ${n} requests each, direct and proxied interleaved`);
      const l = await latencies(b, mockUrl, proxyUrl, n);
      const d50 = percentile(l.direct, 50), x50 = percentile(l.proxied, 50), d99 = percentile(l.direct, 99), x99 = percentile(l.proxied, 99);
      p50.direct.push(d50), p50.proxied.push(x50), p50.added.push(x50 - d50);
      p99.direct.push(d99), p99.proxied.push(x99), p99.added.push(x99 - d99);
    }
    s.rows.push(
      { name: 'latency direct (one connection, sequential)', unit: 'ms p50', value: summarize(p50.direct), extra: { p99: summarize(p99.direct) } },
      { name: 'latency through the proxy (verify + re-sign V3, stream, check off-path)', unit: 'ms p50', value: summarize(p50.proxied), extra: { p99: summarize(p99.proxied) } },
      { name: 'latency the proxy adds', unit: 'ms p50', value: summarize(p50.added), extra: { p99: summarize(p99.added) } },
    );
    const added50 = summarize(p50.added).median;
    s.targets.push({ name: 'proxy added latency p50 (loopback)', want: '< 1 ms', got: `${fmt(added50)} ms (p99 added ${fmt(summarize(p99.added).median)} ms)`, met: added50 < 1 });

    const ac = ctx.peers.autocannon;
    if (!ac || ac.error) {
      s.status = 'partial';
      s.notes.push(`throughput not measured: autocannon unavailable (${ac?.error ?? 'not checked'})`);
      s.targets.push({ name: 'proxy req/s vs direct', want: '>= 50%', got: 'not measured', met: null });
      return s;
    }
    const autocannon = loadAutocannon(ac.pkgDir);
    const direct: Server = { name: 'direct to the mock', child: mock, baseUrl: mockUrl };
    const proxied: Server = { name: 'through verikit proxy', child: proxyChild, baseUrl: proxyUrl };
    const pool = 60_000;
    const targets = new Map([direct, proxied].map((srv) => [srv, target(b, srv, pool)]));
    for (const srv of [direct, proxied]) {
      const p = await probe(targets.get(srv)!);
      if (p.status !== 200) throw new Error(`${srv.name} did not accept the benchmark request: ${p.status} ${p.body.slice(0, 200)}`);
    }
    const { mockRuns: runs, mockSeconds, mockConnections } = ctx.sizes;
    const rps = new Map<Server, number[]>([[direct, []], [proxied, []]]);
    const p99s = new Map<Server, number[]>([[direct, []], [proxied, []]]);
    const cpu = new Map<Server, number[]>([[direct, []], [proxied, []]]);
    for (const srv of [direct, proxied]) await measure(autocannon, targets.get(srv)!, srv, Math.min(2, mockSeconds), mockConnections, ctx.log);
    for (let r = 0; r < runs; r++) {
      for (const srv of [direct, proxied]) {
        ctx.log(`proxy throughput run ${r + 1}/${runs}: ${srv.name}`);
        const run = await measure(autocannon, targets.get(srv)!, srv, mockSeconds, mockConnections, ctx.log);
        if (run.non2xx || run.errors) s.notes.push(`${srv.name}, run ${r + 1}: ${run.non2xx} non-2xx, ${run.errors} errors`);
        rps.get(srv)!.push(run.rps);
        p99s.get(srv)!.push(run.p99Ms);
        if (run.serverCpuUsPerRequest !== null) cpu.get(srv)!.push(run.serverCpuUsPerRequest);
      }
    }
    for (const srv of [direct, proxied]) s.rows.push({ name: `req/s ${srv.name} (${mockConnections} connections)`, unit: 'req/s', value: summarize(rps.get(srv)!), extra: { 'p99 ms': summarize(p99s.get(srv)!), ...(cpu.get(srv)!.length && { 'server CPU µs/req': summarize(cpu.get(srv)!) }) } });
    const share = ratio(summarize(rps.get(proxied)!).median, summarize(rps.get(direct)!).median);
    s.targets.push({ name: 'proxy req/s vs direct', want: '>= 50%', got: share === null ? 'n/a' : `${fmt(share * 100)}%`, met: share === null ? null : share >= 0.5 });
    s.notes.push('server CPU µs/req: the CPU time of the measured server process per request (the mock alone for direct; the proxy process alone, not counting the mock behind it, for proxied).');
    s.notes.push('Both servers run in their own processes on the same machine as the load generator; the proxy does its checks and writes exchanges.ndjson in the same process, so their cost is in its req/s.');
    return s;
  } finally {
    await proxyChild?.stop();
    await mock.stop();
  }
}
