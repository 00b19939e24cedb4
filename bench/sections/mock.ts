/**
 * 1. Mock throughput: autocannon against a bare node:http server (the limit), the verikit mock (signature
 * verification, nonce replay guard and verification state on the path) and the Prism mock serving the same
 * spec — same operation, same freshly signed requests, same run. Targets: verikit >= 10x Prism, >= 40% of bare.
 * When taskset is there and the machine has >= 2 cores, every server runs on CPU 1 and autocannon (in this
 * process) on CPU 0 during the measured runs, and each run also reports the server's CPU time per request.
 */
import { join } from 'node:path';
import { startChild } from '../lib/proc.ts';
import { startVerikitMock } from '../lib/servers.ts';
import { freePort, hammer, loadAutocannon, type HttpTarget } from '../lib/load.ts';
import { loadBenchOp, answerMeta, BENCH_OP } from '../lib/benchop.ts';
import { allowedCpus, clockTicks, pinning, pinSelf, pinTree } from '../lib/affinity.ts';
import { FOREIGN_MAX_PCT, FOREIGN_RETRIES } from '../lib/foreign.ts';
import { measure, measureOnce, probe, target, type Run, type Server } from '../lib/mockruns.ts';
import { summarize, ratio, fmt } from '../lib/stats.ts';
import type { Ctx } from '../lib/context.ts';
import { PEERS } from '../lib/peers.ts';
import { readProfileDir, renderProfile } from '../lib/profile.ts';
import type { Row, Section } from '../lib/types.ts';

/** The CPU the servers run on and the one autocannon (this process) runs on when pinning is on. */
const SERVER_CPU = '1';
const LOAD_CPU = '0';

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
    // Larger than the mock's nonce memory in quick runs too (a smaller pool comes round within it and every
    // repeat is rejected as a replay, so the mock would measure its error path); 60,000 sign in ~0.4 s.
    const pool = 60_000;
    const targets = new Map<Server, HttpTarget>();
    const targetOf = (srv: Server) => targets.get(srv) ?? targets.set(srv, target(b, srv, pool)).get(srv)!;
    const sample = await probe(targetOf(vkServer));
    if (sample.status !== 200 || !/"Code":"OK"/.test(sample.body)) throw new Error(`the verikit mock did not accept the benchmark request: ${sample.status} ${sample.body.slice(0, 300)}`);
    // The bare server answers with the mock's own status, headers and body (the same bytes back), doing nothing else.
    const bare = await startChild(process.execPath, [join(ctx.root, 'bench/servers/bare.js'), sample.body, JSON.stringify(answerMeta(sample))], { cwd: ctx.root, waitFor: 'json' });
    servers.push({ name: 'bare node:http, the mock\'s answer as a fixed response (the limit)', child: bare, baseUrl: bare.info.url as string }, vkServer);
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
    const { mockRuns: runs, mockSeconds, mockConnections } = ctx.sizes;
    const pin = pinning();
    const pinned = pin.taskset !== null;
    const children = [...new Set(servers.map((x) => x.child))];
    const results = new Map<string, Run[]>(servers.map((x) => [x.name, []]));
    let restore: (() => void) | undefined;
    let vsPrism: number | null = null;
    let vsBare: number | null = null;
    let prismRow = -1;
    try {
      if (pinned) {
        for (const c of children) pinTree(c.proc.pid!, SERVER_CPU);
        restore = pinSelf(LOAD_CPU);
      }
      for (const srv of servers) {
        ctx.log(`mock warm-up: ${srv.name}`);
        await hammer(autocannon, targetOf(srv), Math.min(2, mockSeconds), mockConnections);
      }
      for (let r = 0; r < runs; r++) {
        for (const srv of servers) {
          ctx.log(`mock run ${r + 1}/${runs}${pinned ? ' (pinned)' : ''}: ${srv.name}`);
          results.get(srv.name)!.push(await measure(autocannon, targetOf(srv), srv, mockSeconds, mockConnections, ctx.log));
        }
      }
      for (const srv of servers) {
        const rs = results.get(srv.name)!;
        const cpu = rs.map((x) => x.serverCpuUsPerRequest).filter((x): x is number => x !== null);
        const foreign = rs.map((x) => x.foreignCpuPct).filter((x): x is number => x !== null);
        const row: Row = {
          name: srv.name, unit: 'req/s', value: summarize(rs.map((x) => x.rps)),
          extra: {
            'server CPU µs/request': cpu.length ? summarize(cpu) : 'n/a', 'load generator CPU %': summarize(rs.map((x) => x.loadGenCpuPct)),
            'foreign CPU % (kept runs)': foreign.length ? summarize(foreign) : 'n/a', 'runs repeated for foreign load': rs.reduce((a, x) => a + x.repeats, 0),
            'mean latency ms': summarize(rs.map((x) => x.meanMs)), 'p99 ms': summarize(rs.map((x) => x.p99Ms)), 'p99.9 ms': summarize(rs.map((x) => x.p999Ms)),
            'non-2xx': rs.reduce((a, x) => a + x.non2xx, 0), errors: rs.reduce((a, x) => a + x.errors + x.timeouts, 0),
            'server peak RSS MB': Math.round(srv.child.peakRssMb() ?? NaN),
          },
        };
        s.rows.push(row);
      }
      const med = (i: number) => (s.rows[i] ? s.rows[i].value.median : null);
      prismRow = s.rows.findIndex((r) => r.name.startsWith('Prism'));
      vsPrism = prismRow < 0 ? null : ratio(med(1), med(prismRow));
      vsBare = ratio(med(1), med(0));
      const cpuMed = (i: number) => { const v = i >= 0 ? s.rows[i]?.extra?.['server CPU µs/request'] : undefined; return typeof v === 'object' ? v.median : null; };
      const cpuVsPrism = prismRow < 0 ? null : ratio(cpuMed(prismRow), cpuMed(1));
      const cpuVsBare = ratio(cpuMed(0), cpuMed(1));
      s.targets.push({ name: 'verikit mock vs Prism', want: '>= 10x', got: vsPrism === null ? 'Prism not measured' : `${fmt(vsPrism)}x`, met: vsPrism === null ? null : vsPrism >= 10 });
      s.targets.push({ name: 'verikit mock vs bare node:http', want: '>= 40%', got: vsBare === null ? 'n/a' : `${(vsBare * 100).toFixed(0)}%`, met: vsBare === null ? null : vsBare >= 0.4 });
      s.targets.push({ name: 'verikit mock vs Prism by server CPU per request (information: Prism\'s CPU µs/request over verikit\'s, what each costs its core whatever the load generator manages)', want: '>= 10x', got: cpuVsPrism === null ? 'not measured' : `${fmt(cpuVsPrism)}x`, met: cpuVsPrism === null ? null : cpuVsPrism >= 10 });
      s.targets.push({ name: 'verikit mock vs bare node:http by server CPU per request (information: the bare server\'s CPU µs/request over verikit\'s; the req/s ratio is capped when the load generator, not the bare server, is the limit)', want: '>= 40%', got: cpuVsBare === null ? 'n/a' : `${(cpuVsBare * 100).toFixed(0)}%`, met: cpuVsBare === null ? null : cpuVsBare >= 0.4 });
      if (ctx.opts.diagnose && ((vsBare !== null && vsBare < 0.4) || (vsPrism !== null && vsPrism < 10))) {
        ctx.log('mock: a target was missed, profiling the verikit mock under the same load');
        const dir = join(ctx.opts.workDir, 'prof-mock');
        const { child, url } = await startVerikitMock(ctx.root, BENCH_OP.provider, dir);
        try {
          if (pinned) pinTree(child.proc.pid!, SERVER_CPU);
          const t = target(b, { ...vkServer, child, baseUrl: url }, pool);
          child.proc.kill('SIGUSR2');
          await hammer(autocannon, t, mockSeconds, mockConnections);
        } finally {
          await child.stop();
        }
        s.notes.push(renderProfile(`the verikit mock process under ${mockSeconds}s of the same load`, readProfileDir(dir)));
      }
    } finally {
      restore?.();
    }
    if (pinned) {
      // For information: one more run per server in the old layout (servers and autocannon on both cores).
      const all = allowedCpus(process.pid) ?? '0-1';
      for (const c of children) pinTree(c.proc.pid!, all);
      const unpinned = new Map<string, Run>();
      for (const srv of servers) {
        ctx.log(`mock run (unpinned, information): ${srv.name}`);
        unpinned.set(srv.name, await measureOnce(autocannon, targetOf(srv), srv, mockSeconds, mockConnections));
      }
      for (const row of s.rows) {
        const r = unpinned.get(row.name);
        row.extra!['unpinned req/s (1 run)'] = r?.rps ?? NaN;
        row.extra!['unpinned run: server CPU µs/request, foreign CPU %'] = `${fmt(r?.serverCpuUsPerRequest)}, ${fmt(r?.foreignCpuPct)}`;
      }
      const u = (i: number) => (i >= 0 && s.rows[i] ? unpinned.get(s.rows[i].name)?.rps : null);
      const uPrism = ratio(u(1), u(prismRow));
      const uBare = ratio(u(1), u(0));
      s.targets.push({ name: 'verikit mock vs Prism, unpinned (information: one run, servers and autocannon sharing both cores, the layout before pinning)', want: '>= 10x', got: uPrism === null ? 'Prism not measured' : `${fmt(uPrism)}x`, met: uPrism === null ? null : uPrism >= 10 });
      s.targets.push({ name: 'verikit mock vs bare node:http, unpinned (information, as above)', want: '>= 40%', got: uBare === null ? 'n/a' : `${(uBare * 100).toFixed(0)}%`, met: uBare === null ? null : uBare >= 0.4 });
    }
    const layout = pinned
      ? `CPU layout (${pin.why}): every server process (all its threads) is pinned to CPU ${SERVER_CPU} and the harness process, where autocannon runs, to CPU ${LOAD_CPU} (taskset -a -p) for the warm-up and the measured runs, so the load generator never takes the server's core and the req/s is the server's on one core; the harness's affinity is restored afterwards. Then one more run per server unpinned (both cores shared, the earlier layout) is reported as "unpinned req/s (1 run)" and in the two "unpinned" target lines, for information only; the targets are the pinned medians.`
      : `CPU layout: no pinning (${pin.why}): servers run in their own processes and autocannon in the harness process, all sharing the machine's cores, so a fast server is capped near autocannon's own ceiling.`;
    s.notes.push(`Method: a warm-up run per server, then ${runs} run(s) per server, interleaved, each ${mockSeconds}s with ${mockConnections} connections, pipelining 1. Every request is freshly signed (ACS3-HMAC-SHA256, new nonce and phone number): a pool of ${pool} signed requests per server is built before the runs and cycled by autocannon's setupRequest (larger than the mock's nonce memory of 50,000 and resend guard of 10,000, so a request that comes round again is accepted), for all servers alike, so the load generator does the same (small) work everywhere. The bare server answers every request with the verikit mock's own answer to the benchmark request (status ${sample.status}, its headers and its ${Buffer.byteLength(sample.body)}-byte body, probed before the runs), so both put the same bytes on the wire. ${layout} "server CPU µs/request": user + system CPU time of the server process (every thread, and any child) from /proc/<pid>/stat before and after each measured run (clock ticks of 1/${clockTicks()} s), divided by the requests autocannon completed in it; "load generator CPU %": the harness process's own CPU over the run (near 100%, autocannon's core is the limit and the server has room to spare). "foreign CPU %": the CPU time the whole machine spent busy during the run (/proc/stat: user, nice, system, irq, softirq, steal) minus the server's and the harness's own, as % of one CPU: other processes on this shared machine, the idle servers, a hypervisor's steal. A run with more than ${FOREIGN_MAX_PCT}% is repeated at once, at most ${FOREIGN_RETRIES} times, keeping the least disturbed attempt; "runs repeated for foreign load" counts the repeats. autocannon records latency percentiles in whole milliseconds.`);
    if (prismRow < 0) s.status = 'partial';
  } finally {
    await Promise.all([...new Set(servers.map((x) => x.child))].map((c) => c.stop()));
  }
  return s;
}
