import type { CaseInput } from '../../core/types.ts';
import type { JSONSchema, Operation, ProviderSpec } from '../../spec/model.ts';
import { registerSecret } from '../../core/redact.ts';
import { validInput } from '../operation.ts';
import type { Rng } from '../prng.ts';
import type { FlowCapability, FlowCase, FlowPhone, FlowStep } from './types.ts';

/** A fresh test number for a flow, from the flows' own range so cases never collide with them. */
export function flowPhone(rng: Rng): FlowPhone {
  const national = `13800138${String(500 + rng.int(0, 499)).padStart(3, '0')}`;
  for (const v of [national, `86${national}`, `86-${national}`]) registerSecret(v, 'phone');
  return { cc: '86', national };
}

export function findOp(spec: ProviderSpec, ...ids: string[]): Operation | undefined {
  for (const id of ids) {
    const op = spec.operations.find((o) => o.operationId.toLowerCase() === id.toLowerCase());
    if (op) return op;
  }
  return undefined;
}

function fieldSchema(op: Operation, part: string, name: string): JSONSchema | undefined {
  const p = (op.requestSchema?.properties as Record<string, JSONSchema> | undefined)?.[part];
  return (p?.properties as Record<string, JSONSchema> | undefined)?.[name];
}

/** Casts a value to the type the spec declares for a field (e.g. a phone typed as integer). */
function cast(schema: JSONSchema | undefined, v: unknown): unknown {
  const t = Array.isArray(schema?.type) ? (schema!.type as string[])[0] : schema?.type;
  if ((t === 'integer' || t === 'number') && typeof v === 'string' && /^\d+$/.test(v)) return Number(v);
  if (t === 'string' && typeof v === 'number') return String(v);
  return v;
}

/** A valid input for `op` (required fields, deterministic), with the given overrides cast to the spec's types. */
export function inputFor(op: Operation, rng: Rng, over: { query?: Record<string, unknown>; body?: Record<string, unknown> }): () => CaseInput {
  const base = validInput(op, rng, false);
  return () => {
    const input = JSON.parse(JSON.stringify(base)) as CaseInput;
    for (const part of ['query', 'body'] as const) {
      const o = over[part];
      if (!o) continue;
      const target = ((input as Record<string, unknown>)[part] ??= {}) as Record<string, unknown>;
      for (const [k, v] of Object.entries(o)) if (v !== undefined) target[k] = cast(fieldSchema(op, part, k), v);
    }
    return input;
  };
}

/** Finds the first value under `key` anywhere in a parsed body. */
export function dig(json: unknown, key: string): unknown {
  if (!json || typeof json !== 'object') return undefined;
  if (!Array.isArray(json) && key in (json as Record<string, unknown>)) return (json as Record<string, unknown>)[key];
  for (const v of Object.values(json as Record<string, unknown>)) {
    const found = dig(v, key);
    if (found !== undefined) return found;
  }
  return undefined;
}

export function makeFlow(spec: ProviderSpec, slug: string, title: string, operationId: string, phone: FlowPhone, steps: FlowStep[], state?: string): FlowCase {
  const requires = new Set<FlowCapability>();
  for (const s of steps) if (s.do !== 'call') requires.add(s.do);
  const billed = steps.some((s) => s.do === 'call' && spec.operations.find((o) => o.operationId === s.operationId)?.cost !== 'free');
  return { id: `${spec.id}/flow/${slug}`, provider: spec.id, kind: 'flow', title, operationId, steps, requires: [...requires], billed, phone, state };
}

export function otherCode(code: string | undefined): string {
  const c = code ?? '000000';
  return c.slice(0, -1) + String((Number(c.slice(-1)) + 1) % 10);
}
