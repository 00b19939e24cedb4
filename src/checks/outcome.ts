import type { WireResponse } from '../core/types.ts';
import { bodyJson, mediaType } from '../drift/classify.ts';
import type { Operation, ProviderSpec } from '../spec/model.ts';

export { bodyJson, mediaType };

export interface Outcome {
  /** ok: a documented success; error: a rejection (4xx/5xx or an error code); unknown: cannot tell. */
  outcome: 'ok' | 'error';
  /** The result/error code from the body's code field, as text, when there is one. */
  code?: string;
}

/** The result/error code in a parsed body (the spec's code field), as text; undefined when absent or empty. */
export function codeOf(spec: ProviderSpec, json: unknown): string | undefined {
  if (!json || typeof json !== 'object' || Array.isArray(json)) return undefined;
  const raw = (json as Record<string, unknown>)[spec.codeField];
  return raw === undefined || raw === null || raw === '' ? undefined : String(raw);
}

/**
 * Whether an answer is a success or a rejection: an HTTP error status is a rejection; otherwise a
 * documented code decides; a 2xx without a code is a success; an undocumented code in a 2xx is a rejection
 * (error-code-documented reports it separately).
 */
export function outcomeOf(spec: ProviderSpec, op: Operation, res: WireResponse): Outcome {
  const code = codeOf(spec, bodyJson(res));
  if (res.status >= 300) return { outcome: 'error', code };
  if (code === undefined) return { outcome: 'ok' };
  const doc = op.codes.find((c) => c.code === code);
  return { outcome: doc?.outcome === 'ok' ? 'ok' : 'error', code };
}

export function describe(res: WireResponse, o: Outcome): string {
  return `HTTP ${res.status}${o.code !== undefined ? ` ${o.code}` : ''}`;
}

export function header(headers: Record<string, string>, name: string): string | undefined {
  const k = Object.keys(headers).find((h) => h.toLowerCase() === name);
  return k === undefined ? undefined : headers[k];
}

/**
 * Per-operation answers computed once and reused by every case of the operation; an entry is dropped when
 * the operation's `responses` or `codes` array is replaced. Callers must not mutate what they get.
 */
interface OpMemo { responses: Operation['responses']; codes: Operation['codes']; statuses?: number[]; mediaTypes?: Map<number, string[]> }
const memos = new WeakMap<Operation, OpMemo>();
function memoOf(op: Operation): OpMemo {
  let m = memos.get(op);
  if (!m || m.responses !== op.responses || m.codes !== op.codes) memos.set(op, (m = { responses: op.responses, codes: op.codes }));
  return m;
}

/** Every status the operation documents (responses and codes, common codes included). Shared: do not mutate. */
export function documentedStatuses(op: Operation): readonly number[] {
  const m = memoOf(op);
  return (m.statuses ??= [...new Set([...op.responses.map((r) => r.status), ...op.codes.map((c) => c.status)])].sort((a, b) => a - b));
}

/** The media types documented for a status (any documented one for an undocumented status), distinct. Shared: do not mutate. */
export function documentedMediaTypes(op: Operation, status: number): readonly string[] {
  const m = memoOf(op);
  const byStatus = (m.mediaTypes ??= new Map());
  let list = byStatus.get(status);
  if (!list) {
    const forStatus = op.responses.filter((r) => r.status === status);
    byStatus.set(status, (list = [...new Set((forStatus.length ? forStatus : op.responses).map((r) => mediaType(r.contentType)))]));
  }
  return list;
}

export const noResponse = (check: string) => ({ check, status: 'skip' as const, message: 'no HTTP response to check' });
