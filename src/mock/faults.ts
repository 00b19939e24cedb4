/**
 * Injected faults: what the drift and robustness suites run against. Pure store and transforms; the
 * server (http.ts) decides what each kind does on the wire.
 */
export type FaultKind = 'latency' | 'status5xx' | 'html' | 'drop' | 'throttle' | 'drift';
export type DriftMode = 'remove-field' | 'rename-field' | 'retype-field' | 'add-field' | 'undocumented-code';

export interface Fault {
  kind: FaultKind;
  /** Only requests to this operation; all operations of the provider when absent. */
  operationId?: string;
  /** How many requests it applies to; all until cleared when absent. */
  count?: number;
  /** latency: added delay (default 1000 ms). */
  latencyMs?: number;
  /** status5xx (default 503) and html (default 502): the HTTP status to answer with. */
  status?: number;
  /** drift: what to change. */
  mode?: DriftMode;
  /** drift: the top-level body field to change (default: the provider's default drift field). */
  field?: string;
  /** drift: new name (rename), new value (retype, add) or the undocumented code (undocumented-code). */
  to?: unknown;
}

export const FAULT_KINDS: readonly FaultKind[] = ['latency', 'status5xx', 'html', 'drop', 'throttle', 'drift'];
export const DRIFT_MODES: readonly DriftMode[] = ['remove-field', 'rename-field', 'retype-field', 'add-field', 'undocumented-code'];

const MAX_LATENCY_MS = 120_000;
const MAX_FAULTS = 100;

/** The keys every fault takes, and the parameters of each kind: anything else is a mistake to name, not to ignore. */
const COMMON_KEYS = ['kind', 'operationId', 'count'];
const KIND_PARAMS: Record<FaultKind, readonly string[]> = { latency: ['latencyMs'], status5xx: ['status'], html: ['status'], drop: [], throttle: [], drift: ['mode', 'field', 'to'] };
/** The statuses each kind may answer with (status5xx: a 5xx; html: any error page, even a 200 one). */
const STATUS_RANGE: Partial<Record<FaultKind, [number, number]>> = { status5xx: [500, 599], html: [100, 599] };

/** Validates an untrusted fault description (from the control plane); returns an error message or the fault. */
export function parseFault(input: unknown): Fault | string {
  if (!input || typeof input !== 'object' || Array.isArray(input)) return 'fault must be a JSON object';
  const f = input as Record<string, unknown>;
  if (!FAULT_KINDS.includes(f.kind as FaultKind)) return `kind must be one of ${FAULT_KINDS.join(', ')}`;
  const kind = f.kind as FaultKind;
  for (const k of Object.keys(f)) {
    if (!COMMON_KEYS.includes(k) && !KIND_PARAMS[kind].includes(k)) return `unknown key "${k}" for kind ${kind} (it takes ${[...COMMON_KEYS.slice(1), ...KIND_PARAMS[kind]].join(', ')})`;
  }
  const out: Fault = { kind };
  if (f.operationId !== undefined) {
    if (typeof f.operationId !== 'string' || !f.operationId) return 'operationId must be a non-empty string';
    out.operationId = f.operationId;
  }
  if (f.count !== undefined) {
    if (!Number.isInteger(f.count) || (f.count as number) < 1) return 'count must be a positive integer';
    out.count = f.count as number;
  }
  if (f.latencyMs !== undefined) {
    if (typeof f.latencyMs !== 'number' || f.latencyMs < 0 || f.latencyMs > MAX_LATENCY_MS) return `latencyMs must be 0..${MAX_LATENCY_MS}`;
    out.latencyMs = f.latencyMs;
  }
  if (f.status !== undefined) {
    const [lo, hi] = STATUS_RANGE[kind]!;
    if (!Number.isInteger(f.status) || (f.status as number) < lo || (f.status as number) > hi) return `status for kind ${kind} must be an HTTP status ${lo}..${hi}`;
    out.status = f.status as number;
  }
  if (out.kind === 'drift') {
    if (!DRIFT_MODES.includes(f.mode as DriftMode)) return `drift mode must be one of ${DRIFT_MODES.join(', ')}`;
    out.mode = f.mode as DriftMode;
  }
  if (f.field !== undefined) {
    if (typeof f.field !== 'string' || !f.field) return 'field must be a non-empty string';
    out.field = f.field;
  }
  if (f.to !== undefined) out.to = f.to;
  return out;
}

interface Armed extends Fault {
  id: string;
  remaining: number;
}

/** The faults armed on one provider. */
export class FaultStore {
  private faults: Armed[] = [];
  private seq = 0;

  add(fault: Fault): string {
    const id = `f${++this.seq}`;
    this.faults.push({ ...fault, id, remaining: fault.count ?? Number.POSITIVE_INFINITY });
    if (this.faults.length > MAX_FAULTS) this.faults.shift();
    return id;
  }

  /** How many faults are armed (the server skips fault targeting entirely when none are). */
  get size(): number {
    return this.faults.length;
  }

  /** Faults that apply to a request of `operationId`; each one's count is used up by this call. */
  take(operationId: string | undefined): Fault[] {
    if (this.faults.length === 0) return [];
    const hits: Fault[] = [];
    for (const f of this.faults) {
      if (f.operationId && f.operationId !== operationId) continue;
      f.remaining--;
      const { id: _id, remaining: _r, ...fault } = f;
      hits.push(fault);
    }
    this.faults = this.faults.filter((f) => f.remaining > 0);
    return hits;
  }

  list(): Array<Fault & { id: string; remaining: number | null }> {
    return this.faults.map((f) => ({ ...f, remaining: Number.isFinite(f.remaining) ? f.remaining : null }));
  }

  clear(): number {
    const n = this.faults.length;
    this.faults = [];
    return n;
  }
}

function retype(value: unknown): unknown {
  switch (typeof value) {
    case 'string':
      return /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value === 'true' || value === 'false' ? value === 'true' : [value];
    case 'number':
      return String(value);
    case 'boolean':
      return String(value);
    case 'undefined':
      return null;
    default:
      return value === null ? 0 : JSON.stringify(value);
  }
}

/**
 * Applies a drift fault to a response body (pure; returns a new body). `defaultField` is the provider's
 * usual victim, `codeField` its result-code field, `undocumentedCode` the default code for undocumented-code.
 */
export function applyDrift(body: unknown, fault: Fault, defaults: { field: string; codeField: string; undocumentedCode: string | number }): unknown {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return body;
  const out: Record<string, unknown> = { ...(body as Record<string, unknown>) };
  const field = fault.field ?? defaults.field;
  switch (fault.mode) {
    case 'remove-field':
      delete out[field];
      break;
    case 'rename-field': {
      const to = typeof fault.to === 'string' && fault.to ? fault.to : field.charAt(0).toLowerCase() === field.charAt(0) ? field.charAt(0).toUpperCase() + field.slice(1) : field.charAt(0).toLowerCase() + field.slice(1);
      const value = out[field];
      delete out[field];
      out[to] = value;
      break;
    }
    case 'retype-field':
      out[field] = fault.to !== undefined ? fault.to : retype(out[field]);
      break;
    case 'add-field':
      out[fault.field ?? 'VerikitUndocumented'] = fault.to ?? 'drift';
      break;
    case 'undocumented-code':
      out[defaults.codeField] = fault.to ?? defaults.undocumentedCode;
      break;
    default:
      break;
  }
  return out;
}
