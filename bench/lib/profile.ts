/**
 * CPU profiles of bench jobs (node:inspector, measured part only), summarised for RESULTS.md: where the time goes,
 * grouped by owner (a verikit source file, an npm package, V8/node internals) and the project functions
 * with the most inclusive time. Summaries are pure; `profileJob` does the I/O.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { runJob } from './proc.ts';

interface CpuNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
export interface CpuProfile { nodes: CpuNode[]; samples: number[]; timeDeltas: number[] }

export interface ProfileSummary {
  totalMs: number;
  /** Self time by owner, largest first, as % of all samples. */
  owners: Array<{ owner: string; pct: number }>;
  /** verikit functions (src/) by inclusive time, largest first. */
  functions: Array<{ name: string; pct: number }>;
  /** Any function by self time, largest first (natives such as writev or Hmac included). */
  hottest: Array<{ name: string; pct: number }>;
}

export function ownerOf(url: string, fn: string): string {
  if (url.startsWith('wasm://')) return '(wasm: undici\'s llhttp)';
  if (!url) return fn.startsWith('RegExp:') ? '(regular expressions)' : fn.startsWith('(') ? fn : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  const src = /\/((?:src|bench)\/.+)$/.exec(url);
  if (src) return src[1];
  return url.startsWith('node:') ? '(node internals)' : url;
}

export function summarizeProfile(p: CpuProfile, top = 12): ProfileSummary {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  // The profiler's own session (node:inspector's post, the dispatch into V8 under it) is not the measured code.
  const profilerOwn = new Set<number>();
  for (const n of p.nodes) {
    for (let cur: number | undefined = n.id; cur !== undefined; cur = parent.get(cur)) {
      if (byId.get(cur)!.callFrame.url === 'node:inspector') {
        profilerOwn.add(n.id);
        break;
      }
    }
  }
  const self = new Map<number, number>();
  p.samples.forEach((id, i) => {
    if (!profilerOwn.has(id)) self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0));
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0) || 1;
  const owners = new Map<string, number>();
  const incl = new Map<string, number>();
  const hot = new Map<string, number>();
  for (const [id, t] of self) {
    const n = byId.get(id)!;
    const o = ownerOf(n.callFrame.url, n.callFrame.functionName);
    owners.set(o, (owners.get(o) ?? 0) + t);
    const h = `${(n.callFrame.functionName || '(anonymous)').slice(0, 60)} [${o}]`;
    hot.set(h, (hot.get(h) ?? 0) + t);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const f = byId.get(cur)!.callFrame;
      const src = /\/(src\/.+)$/.exec(f.url);
      if (!src) continue;
      const key = `${f.functionName || '(anonymous)'} (${src[1]})`;
      if (seen.has(key)) continue;
      seen.add(key);
      incl.set(key, (incl.get(key) ?? 0) + t);
    }
  }
  const pct = (t: number) => Math.round((t / total) * 1000) / 10;
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, top);
  return {
    totalMs: Math.round(total / 1000),
    owners: sorted(owners).map(([owner, t]) => ({ owner, pct: pct(t) })),
    functions: sorted(incl).map(([name, t]) => ({ name, pct: pct(t) })),
    hottest: sorted(hot).map(([name, t]) => ({ name, pct: pct(t) })),
  };
}

export function renderProfile(label: string, s: ProfileSummary): string {
  return [
    `CPU profile of ${label} (${s.totalMs} ms sampled with node:inspector, measured part only):`,
    `self time by owner: ${s.owners.map((o) => `${o.owner} ${o.pct}%`).join(', ')}`,
    `verikit functions by inclusive time: ${s.functions.map((f) => `${f.name} ${f.pct}%`).join(', ')}`,
    `hottest functions by self time: ${s.hottest.map((f) => `${f.name} ${f.pct}%`).join(', ')}`,
  ].join('\n');
}

/** Summarises the largest .cpuprofile in `dir` (the main thread of the profiled process). */
export function readProfileDir(dir: string): ProfileSummary {
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).map((f) => join(dir, f));
  if (files.length === 0) throw new Error(`no CPU profile was written to ${dir}`);
  const main = files.sort((a, b) => statSync(b).size - statSync(a).size)[0];
  return summarizeProfile(JSON.parse(readFileSync(main, 'utf8')) as CpuProfile);
}

/** Runs one engine-run job with `profileDir` (its measured part is profiled in-process) and summarises it. */
export async function profileJob(root: string, job: Record<string, unknown>, dir: string): Promise<ProfileSummary> {
  await runJob(root, { ...job, profileDir: dir });
  return readProfileDir(dir);
}
