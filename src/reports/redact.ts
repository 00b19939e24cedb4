/**
 * Redaction of run data before it is written into a report. Pure: every function returns a copy.
 * Builds on src/core/redact.ts (structural + registered values + text patterns).
 */
import { redactHeaders, redactQuery, redactText, redactUrl, redactValue, type Direction } from '../core/redact.ts';
import { parseJsonBounded } from '../core/bounded-json.ts';
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
    // Too deep to walk (or not JSON): redacted as text, by registered value and pattern.
    const parsed = parseJsonBounded(body);
    if (!parsed.ok) return redactText(body);
    return redactJsonText(body, parsed.value, redactValue(parsed.value, direction));
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
    // a change the final text pass makes anyway (a registered value inside a string, an array item) needs no field match
    if (typeof from === 'string' && redactText(JSON.stringify(from)) === JSON.stringify(to)) continue;
    const re = new RegExp(`("${escapeRe(JSON.stringify(key).slice(1, -1))}"\\s*:\\s*)${escapeRe(JSON.stringify(from))}`, 'g');
    if (!re.test(out)) return JSON.stringify(after);
    out = out.replace(re, (_m, head: string) => head + JSON.stringify(to));
  }
  return redactText(out);
}

/** The leaves that redaction changed, as [field name, before, after]; iterative (the data may nest deep). */
function diffLeaves(a: unknown, b: unknown, key: string | undefined, out: Array<[string, unknown, unknown]>): void {
  const stack: Array<[unknown, unknown, string | undefined]> = [[a, b, key]];
  while (stack.length > 0) {
    const [x, y, k] = stack.pop()!;
    if (x !== null && typeof x === 'object' && y !== null && typeof y === 'object') {
      const entries = Object.entries(x as Record<string, unknown>);
      // pushed last to first, so the changes come out in document order
      for (let i = entries.length - 1; i >= 0; i--) {
        const [ck, v] = entries[i];
        stack.push([v, Object.hasOwn(y, ck) ? (y as Record<string, unknown>)[ck] : undefined, Array.isArray(x) ? k : ck]);
      }
    } else if (x !== y && k !== undefined && (typeof x === 'string' || typeof x === 'number')) {
      out.push([k, x, y]);
    }
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
  if (res.bodyLimit) out.bodyLimit = res.bodyLimit;
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

/**
 * The fallback when structural redaction or serialisation fails on a result: bodies and messages
 * redacted as text (registered values, patterns), parsed JSON and the test case left out.
 */
export function redactExchangeAsText(ex: Exchange): Exchange {
  const out: Exchange = {
    caseId: redactText(ex.caseId), provider: ex.provider, operationId: ex.operationId, startedAt: ex.startedAt,
    request: { method: ex.request.method, url: redactText(ex.request.url), headers: redactHeaders(ex.request.headers) },
  };
  if (ex.request.body !== undefined) out.request.body = redactText(ex.request.body);
  if (ex.response) {
    const r = ex.response;
    out.response = { status: r.status, headers: redactHeaders(r.headers), body: redactText(r.body), durationMs: r.durationMs };
    if (r.parseError !== undefined) out.response.parseError = redactText(r.parseError);
    if (r.bodyLimit) out.response.bodyLimit = r.bodyLimit;
  }
  if (ex.error) out.error = { code: ex.error.code, message: redactText(ex.error.message) };
  return out;
}

export function redactCaseResultAsText(r: CaseResult): CaseResult {
  const out: CaseResult = {
    caseId: redactText(r.caseId), provider: r.provider, operationId: r.operationId, kind: r.kind, title: redactText(r.title),
    status: r.status, durationMs: r.durationMs, checks: r.checks.map(redactCheck), exchanges: r.exchanges.map(redactExchangeAsText),
  };
  if (r.skipReason !== undefined) out.skipReason = redactText(r.skipReason);
  return out;
}
