/**
 * `npm run bench`: runs the benchmark sections, writes results.json and RESULTS.md.
 * Programmatic entry for the smoke test: `runBench(options)`.
 */
import { mkdirSync, writeFileSync, mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { FULL, QUICK, type Ctx } from './lib/context.ts';
import { machineInfo, gitCommit } from './lib/machine.ts';
import { ensurePeer, peerDirs, PEERS, type PeerName } from './lib/peers.ts';
import { renderMarkdown } from './lib/report.ts';
import type { BenchOptions, BenchResults, Section } from './lib/types.ts';
import { validationSection } from './sections/validation.ts';
import { mockSection } from './sections/mock.ts';
import { engineSection } from './sections/engine.ts';
import { scaleSection } from './sections/scale.ts';
import { e2eSection } from './sections/e2e.ts';
import { experimentsSection } from './sections/experiments.ts';
import { proxySection } from './sections/proxy.ts';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const SECTIONS: Array<[Section['id'], string, (ctx: Ctx) => Promise<Section>]> = [
  ['mock', '1. Mock throughput', mockSection],
  ['engine', '2. Engine throughput', engineSection],
  ['validation', '3. Validation', validationSection],
  ['scale', '4. Scale', scaleSection],
  ['e2e', '5. End to end', e2eSection],
  ['experiments', '6. Experiments (opt-in)', experimentsSection],
  ['proxy', '7. Proxy overhead', proxySection],
];

/** Sections run when --only is not given (experiments are opt-in: they take minutes). */
const DEFAULT_SECTIONS: Section['id'][] = ['mock', 'engine', 'validation', 'scale', 'e2e', 'proxy'];

export async function runBench(opts: BenchOptions, log: (m: string) => void = () => {}): Promise<BenchResults> {
  const startedAt = new Date().toISOString();
  const loadStart = loadavg()[0];
  const only = opts.only ?? DEFAULT_SECTIONS;
  const ctx: Ctx = { root: ROOT, opts, sizes: opts.quick ? QUICK : FULL, peers: {}, log };
  mkdirSync(opts.workDir, { recursive: true });
  const needs: PeerName[] = [];
  if (only.includes('mock')) needs.push('autocannon', 'prism');
  else if (only.includes('proxy')) needs.push('autocannon');
  if (only.includes('engine')) needs.push('dredd');
  for (const name of needs) {
    log(`peer ${name}: checking ${PEERS[name].pkg}@${PEERS[name].version}`);
    ctx.peers[name] = await ensurePeer(ROOT, name, opts.installPeers).catch((e: Error) => ({ name, dir: '', pkgDir: '', error: `cannot install ${PEERS[name].pkg}: ${e.message}` }));
  }
  const sections: Section[] = [];
  for (const [id, title, fn] of SECTIONS) {
    if (!only.includes(id)) continue;
    log(`section ${title}`);
    try {
      sections.push(await fn(ctx));
    } catch (e) {
      sections.push({ id, title, status: 'unavailable', rows: [], targets: [], notes: [`the section failed: ${(e as Error).message}`] });
    }
  }
  return { startedAt, finishedAt: new Date().toISOString(), quick: opts.quick, gitCommit: gitCommit(ROOT), loadAverage: { start: loadStart, end: loadavg()[0] }, machine: machineInfo(ROOT, peerDirs(ROOT)), sections };
}

export function writeResults(results: BenchResults, outDir: string): void {
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(join(outDir, 'RESULTS.md'), renderMarkdown(results));
}

export async function cli(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      only: { type: 'string' },
      'no-install': { type: 'boolean', default: false },
      diagnose: { type: 'boolean' },
      out: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log('usage: npm run bench -- [--quick] [--only mock,engine,validation,scale,e2e,experiments,proxy] [--no-install] [--diagnose] [--out DIR]');
    return 0;
  }
  const ids = SECTIONS.map(([id]) => id);
  const only = values.only?.split(',').map((s) => s.trim()) as Section['id'][] | undefined;
  const bad = only?.filter((id) => !ids.includes(id));
  if (bad?.length) {
    console.error(`error[VK_USAGE]: unknown section(s) ${bad.join(', ')}\n  fix: use --only with ${ids.join(',')}`);
    return 2;
  }
  const quick = values.quick ?? false;
  const outDir = resolve(values.out ?? (quick ? join(tmpdir(), 'verikit-bench-quick') : join(ROOT, 'bench')));
  const workDir = mkdtempSync(join(tmpdir(), 'verikit-bench-'));
  const results = await runBench({ quick, only, diagnose: values.diagnose ?? !quick, installPeers: !values['no-install'], outDir, workDir }, (m) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${m}`));
  writeResults(results, outDir);
  console.log(`wrote ${join(outDir, 'RESULTS.md')}`);
  return 0;
}
