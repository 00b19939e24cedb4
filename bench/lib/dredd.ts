/**
 * Dredd 14 runs of the benchmark operation. Dredd reads Swagger 2.0 well (its OpenAPI 3 support is
 * experimental and does not read 3.1), so the operation is written as a Swagger 2.0 document on the wire
 * path; a hook file signs every transaction exactly as verikit does (Dredd cannot sign by itself).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { JSONSchema, Operation } from '../../src/spec/model.ts';
import { runToEnd } from './proc.ts';

/** JSON Schema 2020-12 -> the draft-4 subset Swagger 2.0 and Gavel read (pure). */
export function toDraft4(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(toDraft4);
  if (!schema || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema as JSONSchema)) {
    if (k === '$schema' || k === 'examples' || k.startsWith('x-') || k === 'description') continue;
    if (k === 'const') out.enum = [v];
    else if (k === 'type' && Array.isArray(v)) out.type = v.find((t) => t !== 'null') ?? v[0];
    else out[k] = toDraft4(v);
  }
  return out;
}

/** A Swagger 2.0 document with only `op` at its wire path (pure). */
export function dreddDoc(op: Operation, title: string): Record<string, unknown> {
  const ok = op.responses.find((r) => r.status === 200);
  return {
    swagger: '2.0',
    info: { title, version: '1.0.0' },
    consumes: ['application/json'],
    // the exact media type the mocks send; Gavel compares Content-Type literally
    produces: ['application/json;charset=utf-8'],
    paths: {
      [op.wire.path]: {
        [op.wire.method.toLowerCase()]: {
          operationId: op.operationId,
          parameters: op.parameters.filter((p) => p.in === 'query').map((p) => ({
            name: p.name, in: 'query', required: p.required, type: (p.schema.type as string) ?? 'string', 'x-example': String(p.example ?? 'x'),
          })),
          responses: { 200: { description: ok?.description ?? 'OK', schema: toDraft4(ok?.schema ?? {}) } },
        },
      },
    },
  };
}

export interface DreddRun {
  code: number | null;
  wallMs: number;
  /** Dredd's own "Tests took N ms" (without its start-up), when it printed one. */
  testsMs: number | null;
  passing: number;
  total: number;
  tail: string;
  head: string;
}

/** Runs Dredd on `copies` copies of the operation against `endpoint` (one transaction per copy). */
export async function runDredd(root: string, dreddBin: string, op: Operation, endpoint: string, copies: number, workDir: string): Promise<DreddRun> {
  const dir = join(workDir, 'dredd');
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  for (let i = 0; i < copies; i++) {
    const f = join(dir, `copy${i}.yaml`);
    writeFileSync(f, stringify(dreddDoc(op, `bench copy ${i}`)));
    files.push(f);
  }
  const args = ['--import', 'tsx', dreddBin, files[0], endpoint, ...files.slice(1).flatMap((f) => ['--path', f]),
    '--hookfiles', join(root, 'bench/servers/dredd-hooks.cjs'), '--reporter', 'dot', '--loglevel', 'warning', '--color', 'false'];
  const r = await runToEnd(process.execPath, args, { cwd: root, env: { VK_ROOT: root }, timeoutMs: 300_000 });
  const out = r.stdout + r.stderr;
  const took = /Tests took (\d+)ms/.exec(out);
  const summary = /(\d+) passing, (\d+) failing, (\d+) errors, (\d+) skipped/.exec(out);
  return {
    code: r.code, wallMs: r.ms, testsMs: took ? Number(took[1]) : null,
    passing: summary ? Number(summary[1]) : 0, total: summary ? Number(summary[1]) + Number(summary[2]) + Number(summary[3]) + Number(summary[4]) : 0, tail: out.slice(-1500), head: out.slice(0, 3000),
  };
}
