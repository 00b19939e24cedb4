/**
 * A received answer as the checks see it, built the same way for a run (src/runner/http.ts), the proxy
 * (src/proxy/forward.ts) and HAR input (src/drift/har.ts). Pure.
 */
import { parseJsonBounded } from '../core/bounded-json.ts';
import type { WireResponse } from '../core/types.ts';

/** Bytes of an answer verikit keeps and checks by default (`--max-body`). */
export const MAX_BODY_BYTES = 64 * 1024;

/** The first `maxBody` bytes of an answer's body as text. */
export function cutBody(bytes: Buffer, maxBody: number): string {
  return (bytes.length > maxBody ? bytes.subarray(0, maxBody) : bytes).toString('utf8');
}

/**
 * The answer with its body read: `size` bytes were received and `answer.body` holds the first `maxBody`
 * of them. A body over the limit is not parsed, nor is one nested deeper than verikit walks; both are
 * marked in `bodyLimit` (the `body-within-limits` check names the limit). Anything else is parsed as JSON
 * when it is JSON (`parseError` says why not).
 */
export function completeResponse(answer: Pick<WireResponse, 'status' | 'headers' | 'body' | 'durationMs'>, size: number, maxBody: number): WireResponse {
  const response: WireResponse = { status: answer.status, headers: answer.headers, body: answer.body, durationMs: answer.durationMs };
  if (size > maxBody) {
    response.bodyLimit = { kind: 'size', received: size, limit: maxBody };
    response.parseError = `body of ${size} bytes cut at the ${maxBody}-byte limit: not parsed`;
    return response;
  }
  if (!answer.body) {
    response.parseError = 'empty body';
    return response;
  }
  const parsed = parseJsonBounded(answer.body);
  if (parsed.ok) response.json = parsed.value;
  else {
    response.parseError = parsed.error;
    if (parsed.tooDeep !== undefined) response.bodyLimit = { kind: 'depth', received: parsed.tooDeep + 1, limit: parsed.tooDeep };
  }
  return response;
}
