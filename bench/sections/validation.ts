/**
 * 3. Validation: the generated standalone validators (generated/validators/<provider>.cjs) vs ajv
 * compiling the same schema at run time vs a hand-written type guard, on each documented response
 * example. Target: >= 1M validations/s for every response schema.
 */
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { Operation, ProviderSpec } from '../../src/spec/model.ts';
import type { ResponseValidator } from '../../src/checks/types.ts';
import { summarize, fmt, type Summary } from '../lib/stats.ts';
import { tryImport, type Ctx } from '../lib/context.ts';
import type { Row, Section } from '../lib/types.ts';
import { HAND_GUARDS } from '../lib/guards.ts';
import { findGenerated } from '../lib/generated.ts';

type Fn = (body: unknown) => boolean;

/**
 * Validations per second of `fn`: `runs` timed loops of `n` calls after a warm-up. The body is cycled
 * through 1,024 separately parsed copies of the example (the engine validates a fresh JSON.parse result
 * each time), so the loop cannot be served from one hot object.
 */
export function throughput(fn: Fn, example: unknown, n: number, runs: number): Summary {
  const text = JSON.stringify(example);
  const bodies = Array.from({ length: 1024 }, () => JSON.parse(text) as unknown);
  let sink = 0;
  for (let i = 0; i < Math.max(1000, n >> 3); i++) if (fn(bodies[i & 1023])) sink++;
  const out: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) if (fn(bodies[i & 1023])) sink++;
    out.push(n / ((performance.now() - t0) / 1000));
  }
  if (sink === 0) throw new Error('validator rejected the documented example');
  return summarize(out);
}

function runtimeAjv(): { compile(schema: object): Fn } {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv as never);
  return { compile: (schema) => { const v = ajv.compile(schema); return (b) => v(b) as boolean; } };
}

export async function validationSection(ctx: Ctx): Promise<Section> {
  const s: Section = { id: 'validation', title: '3. Validation (validations/s per response schema)', status: 'ran', rows: [], targets: [], notes: [] };
  const load = await tryImport<{ loadSpecs(dir: string): Promise<ProviderSpec[]> }>(ctx.root, 'src/spec/load.ts');
  const specs = load.mod ? await load.mod.loadSpecs(join(ctx.root, 'specs')).catch((e: Error) => { s.notes.push(`loadSpecs failed: ${e.message}`); return []; }) : [];
  if (load.error) s.notes.push(load.error);
  if (specs.length === 0) return { ...s, status: 'unavailable', notes: [...s.notes, 'no specs in specs/: nothing to validate'] };
  const ajv = runtimeAjv();
  const engineMod = await tryImport<{ compileResponseValidator(op: Operation): ResponseValidator }>(ctx.root, 'src/generate/validators.ts');
  if (engineMod.error) s.notes.push(`the engine's compileResponseValidator is not available: ${engineMod.error}`);
  const req = createRequire(import.meta.url);
  const { validations: n, runs } = ctx.sizes;
  const mins = { generated: Infinity, runtime: Infinity };
  let missingGenerated = 0;
  for (const spec of specs) {
    const file = join(ctx.root, 'generated', 'validators', `${spec.id}.cjs`);
    const mod = existsSync(file) ? req(file) as Record<string, unknown> : undefined;
    if (!mod) s.notes.push(`generated/validators/${spec.id}.cjs is missing: generated column empty for ${spec.id}`);
    for (const op of spec.operations) {
      for (const res of op.responses) {
        const example = Object.values(res.examples)[0];
        if (!res.schema || Object.keys(res.schema).length === 0 || example === undefined) continue;
        const label = `${spec.id} ${op.operationId} ${res.status}`;
        const runtime = throughput(ajv.compile(res.schema), example, n, runs);
        mins.runtime = Math.min(mins.runtime, runtime.median);
        const gen = mod ? findGenerated(mod, op.operationId, res.status) : undefined;
        const extra: Row['extra'] = { 'ajv run-time compile': runtime };
        if (engineMod.mod) {
          const v = engineMod.mod.compileResponseValidator(op);
          extra["engine's compileResponseValidator"] = throughput((body) => v(res.status, body)?.valid === true, example, n, runs);
        }
        const guard = HAND_GUARDS[`${spec.id}/${op.operationId}/${res.status}`];
        if (guard) extra['hand-written guard'] = throughput(guard, example, n, runs);
        if (gen) {
          const g = throughput(gen, example, n, runs);
          mins.generated = Math.min(mins.generated, g.median);
          s.rows.push({ name: `${label} — generated standalone`, unit: 'val/s', value: g, extra });
        } else {
          if (mod) missingGenerated++;
          s.rows.push({ name: `${label} — ajv run-time (no generated validator found)`, unit: 'val/s', value: runtime, extra: { ...(extra['hand-written guard'] ? { 'hand-written guard': extra['hand-written guard'] } : {}) } });
        }
      }
    }
  }
  if (missingGenerated) s.notes.push(`${missingGenerated} response schemas had no matching export in the generated validator modules`);
  const genMet = Number.isFinite(mins.generated) ? mins.generated >= 1e6 : null;
  s.targets.push({ name: 'slowest generated standalone validator', want: '>= 1M val/s', got: genMet === null ? 'no generated validators' : `${fmt(mins.generated)} val/s`, met: genMet });
  s.targets.push({ name: 'slowest ajv run-time validator', want: '>= 1M val/s', got: `${fmt(mins.runtime)} val/s`, met: mins.runtime >= 1e6 });
  s.notes.push(`Each value: ${runs} timed loops of ${n} validations of the operation's first documented example (after a warm-up; cycling through 1,024 separately parsed copies), one process, no I/O. ajv run-time uses Ajv2020 {strict:false, allErrors:true} + ajv-formats; "engine's compileResponseValidator" is the (status, body) validator the checks call, result object included.`);
  if (genMet === null) s.status = 'partial';
  return s;
}
