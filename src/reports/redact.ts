/**
 * Redaction of run data before it is written into a report. Pure: every function returns a copy.
 * Builds on src/core/redact.ts (structural + registered values + text patterns).
 */
import { redactHeaders, redactQuery, redactText, redactUrl, redactValue, type Direction } from '../core/redact.ts';
import type { CaseResult, CheckResult, Exchange, TestCase, WireRequest, WireResponse } from '../core/types.ts';

function contentType(headers: Record<string, string>): string {
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === 'content-type') return v.toLowerCase();
  return '';
}

/** A body redacted by structure when it is JSON or a form, by text otherwise. */
export function redactBody(body: string, headers: Record<string, string>, direction: Direction): string {
  if (!body) return body;
  const type = contentType(headers);
  if (type.includes('application/x-www-form-urlencoded')) return redactText(redactQuery(body, direction));
  const trimmed = body.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return redactText(body);
    }
    return redactJsonText(body, parsed, redactValue(parsed, direction));
  }
  return redactText(body);
}

/**
 * Applies structural redaction to raw JSON text without re-serialising it, so the body keeps its exact
 * form (key order, spacing, 64-bit ids that JSON.parse would round). Falls back to re-serialising
 * when a redacted field cannot be found in the text.
 */
function redactJsonText(text: string, before: unknown, after: unknown): string {
  const changes: Array<[string, unknown, unknown]> = [];
  diffLeaves(before, after, undefined, changes);
  let out = text;
  for (const [key, from, to] of changes) {
    const re = new RegExp(`("${escapeRe(JSON.stringify(key).slice(1, -1))}"\\s*:\\s*)${escapeRe(JSON.stringify(from))}`, 'g');
    if (!re.test(out)) return JSON.stringify(after);
    out = out.replace(re, (_m, head: string) => head + JSON.stringify(to));
  }
  return redactText(out);
}

function diffLeaves(a: unknown, b: unknown, key: string | undefined, out: Array<[string, unknown, unknown]>): void {
  if (a !== null && typeof a === 'object' && b !== null && typeof b === 'object') {
    for (const [k, v] of Object.entries(a as Record<string, unknown>)) {
      diffLeaves(v, (b as Record<string, unknown>)[k], Array.isArray(a) ? key : k, out);
    }
  } else if (a !== b && key !== undefined && (typeof a === 'string' || typeof a === 'number')) {
    out.push([key, a, b]);
  }
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function redactRequest(req: WireRequest): WireRequest {
  const out: WireRequest = { method: req.method, url: redactUrl(req.url), headers: redactHeaders(req.headers) };
  if (req.body !== undefined) out.body = redactBody(req.body, req.headers, 'request');
  return out;
}

export function redactResponse(res: WireResponse): WireResponse {
  const out: WireResponse = {
    status: res.status,
    headers: redactHeaders(res.headers),
    body: redactBody(res.body, res.headers, 'response'),
    durationMs: res.durationMs,
  };
  if (res.json !== undefined) out.json = redactValue(res.json, 'response');
  if (res.parseError !== undefined) out.parseError = redactText(res.parseError);
  return out;
}

export function redactExchange(ex: Exchange): Exchange {
  const out: Exchange = {
    caseId: redactText(ex.caseId),
    provider: ex.provider,
    operationId: ex.operationId,
    startedAt: ex.startedAt,
    request: redactRequest(ex.request),
  };
  if (ex.response) out.response = redactResponse(ex.response);
  if (ex.error) out.error = { code: ex.error.code, message: redactText(ex.error.message) };
  return out;
}

export function redactCheck(c: CheckResult): CheckResult {
  const out: CheckResult = { ...c };
  if (c.message !== undefined) out.message = redactText(c.message);
  if (c.details) out.details = c.details.map(redactText);
  return out;
}

export function redactTestCase(tc: TestCase): TestCase {
  const input = { ...tc.input };
  if (input.query) input.query = redactValue(input.query, 'request');
  if (input.header) input.header = redactHeaders(input.header);
  if (input.body !== undefined) input.body = redactValue(input.body, 'request');
  const out: TestCase = { ...tc, id: redactText(tc.id), title: redactText(tc.title), input };
  if (tc.state !== undefined) out.state = redactText(tc.state);
  return out;
}

export function redactCaseResult(r: CaseResult): CaseResult {
  const out: CaseResult = {
    ...r,
    caseId: redactText(r.caseId),
    title: redactText(r.title),
    checks: r.checks.map(redactCheck),
    exchanges: r.exchanges.map(redactExchange),
  };
  if (r.skipReason !== undefined) out.skipReason = redactText(r.skipReason);
  if (r.testCase) out.testCase = redactTestCase(r.testCase);
  return out;
}
