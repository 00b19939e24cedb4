/**
 * Drift classification: (operation, exchange) -> deviations from what the spec documents. Pure.
 */
import { parseJsonBounded } from '../core/bounded-json.ts';
import type { Exchange } from '../core/types.ts';
import { redactText } from '../core/redact.ts';
import type { Operation } from '../spec/model.ts';
import { walkSchema } from './schema-walk.ts';
import type { Deviation } from './types.ts';

export interface ClassifyOptions {
  /** Typical latency of this operation; an answer slower than baseline × tolerance is a latency regression. */
  latencyBaselineMs?: number;
  /** Multiplier over latencyBaselineMs before a latency regression is reported (default 1). */
  latencyTolerance?: number;
  /** The answer must also be at least this much slower than the baseline (default 0): keeps tiny baselines from flagging noise. */
  latencyMinExcessMs?: number;
  /** Body field carrying the result/error code (ProviderSpec.codeField); guessed from the body when absent. */
  codeField?: string;
}

const CODE_FIELD_GUESSES = ['Code', 'error_code', 'code'];

export function mediaType(ct: string | undefined): string {
  return (ct ?? '').split(';')[0].trim().toLowerCase();
}

function header(headers: Record<string, string>, name: string): string | undefined {
  const k = Object.keys(headers).find((h) => h.toLowerCase() === name);
  return k === undefined ? undefined : headers[k];
}

const isJsonType = (t: string) => t === 'application/json' || t.endsWith('+json');

/** Parsed body: the recorded json, else a parse of the body text; `undefined` when it is not JSON. */
export function bodyJson(res: { body: string; json?: unknown; parseError?: string }): unknown {
  if (res.json !== undefined) return res.json;
  if (res.parseError || !res.body) return undefined;
  // a recorded body is untrusted: one nested too deep to walk counts as not parsed
  const parsed = parseJsonBounded(res.body);
  return parsed.ok ? parsed.value : undefined;
}

export function classify(operation: Operation, exchange: Exchange, opts: ClassifyOptions = {}): Deviation[] {
  const res = exchange.response;
  if (!res) {
    if (!exchange.error || exchange.error.code === 'VK_TOOL') return [];
    return [{
      class: 'no-response', pointer: '', value: exchange.error.code,
      message: `received no HTTP response (${exchange.error.code}: ${redactText(exchange.error.message)}) documented an HTTP answer`,
    }];
  }
  const out: Deviation[] = [];
  const statuses = [...new Set([...operation.responses.map((r) => r.status), ...operation.codes.map((c) => c.status)])].sort();
  const spec = operation.responses.find((r) => r.status === res.status);
  if (!statuses.includes(res.status)) {
    out.push({ class: 'undocumented-status', pointer: '/status', value: String(res.status), message: `received HTTP ${res.status} documented ${statuses.join(', ') || 'no status'}` });
  }
  const documentedType = mediaType(spec?.contentType ?? operation.responses[0]?.contentType ?? 'application/json');
  const actualType = mediaType(header(res.headers ?? {}, 'content-type'));
  if (actualType !== documentedType) {
    out.push({
      class: 'content-type-change', pointer: '/headers/content-type', value: actualType || '(none)',
      message: `received content-type ${actualType || '(none)'} documented ${documentedType}`,
    });
  }
  const json = bodyJson(res);
  if (json === undefined && isJsonType(documentedType) && !res.bodyLimit) {
    const why = res.parseError ? `: ${redactText(res.parseError).slice(0, 80)}` : res.body ? '' : ' (empty body)';
    out.push({ class: 'not-json', pointer: '/body', message: `received a ${res.body?.length ?? 0}-byte body that is not JSON${why} documented ${documentedType}` });
  }
  if (json !== undefined && spec) out.push(...walkSchema(spec.schema, json, '/body'));
  if (json !== null && typeof json === 'object' && !Array.isArray(json)) {
    const body = json as Record<string, unknown>;
    const field = opts.codeField ?? CODE_FIELD_GUESSES.find((f) => f in body);
    const raw = field === undefined ? undefined : body[field];
    if (raw !== undefined && raw !== null && raw !== '') {
      const code = String(raw);
      if (!operation.codes.some((c) => c.code === code)) {
        const known = operation.codes.map((c) => c.code).filter((c) => c !== '');
        out.push({
          class: 'undocumented-error-code', pointer: `/body/${field}`, value: redactText(code),
          message: `received ${field} "${redactText(code)}" with HTTP ${res.status} documented ${known.length ? known.slice(0, 8).join(', ') + (known.length > 8 ? ', …' : '') : 'no codes'}`,
        });
      }
    }
  }
  if (opts.latencyBaselineMs !== undefined && opts.latencyBaselineMs > 0) {
    const limit = Math.max(opts.latencyBaselineMs * (opts.latencyTolerance ?? 1), opts.latencyBaselineMs + (opts.latencyMinExcessMs ?? 0));
    if (res.durationMs > limit) {
      out.push({ class: 'latency-regression', pointer: '/durationMs', message: `received an answer in ${Math.round(res.durationMs)} ms documented a baseline of ${opts.latencyBaselineMs} ms (limit ${Math.round(limit)} ms)` });
    }
  }
  return out;
}
