/**
 * What the HTML and JUnit renderers need from a run, kept small while results stream in:
 * one slim record per case, full detail (redacted, truncated) only for the first failing cases.
 * Pure: expects results that are already redacted.
 */
import type { CaseKind, CaseResult, CaseStatus, CheckResult, Exchange } from '../core/types.ts';
import type { ProviderId } from '../spec/model.ts';

export interface CaseRecord {
  caseId: string;
  provider: ProviderId;
  operationId: string;
  kind: CaseKind;
  title: string;
  status: CaseStatus;
  durationMs: number;
  skipReason?: string;
  /** The finding text of a failed case (failed checks, or the transport error). */
  failure?: string;
  /** Name of the first failed check (JUnit failure type). */
  failedCheck?: string;
  /** The command that re-runs the case (failed cases). */
  reproduce?: string;
}

export interface FailingCase {
  record: CaseRecord;
  checks: CheckResult[];
  exchanges: Exchange[];
  exchangesOmitted: number;
}

export interface Collected {
  /** The first `maxCases` cases (the HTML table's rows); junit.xml is spooled to disk with every case. */
  cases: CaseRecord[];
  /** Cases not kept in `cases`. */
  casesOmitted?: number;
  failing: FailingCase[];
  failingOmitted: number;
}

export interface CollectLimits {
  /** Failing cases kept with full detail. */
  maxFailing: number;
  /** Exchanges kept per failing case. */
  maxExchanges: number;
  /** Characters kept of each request/response body. */
  maxBody: number;
  /** Characters kept of each failure text. */
  maxFailureText: number;
  /** Case records kept (default: all; the report writer keeps the HTML table's rows). */
  maxCases?: number;
}

/** Rows of the HTML "All cases" table. */
export const DEFAULT_CASE_ROWS = 2000;

export const DEFAULT_LIMITS: CollectLimits = { maxFailing: 200, maxExchanges: 4, maxBody: 8192, maxFailureText: 8192 };

export function truncate(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max)}… [${s.length - max} more characters]`;
}

/** The finding text of a failed case: every failed check with its message and detail lines. */
export function failureText(r: Pick<CaseResult, 'checks' | 'exchanges'>): string {
  const lines: string[] = [];
  for (const c of r.checks) {
    if (c.status !== 'fail') continue;
    lines.push(`${c.check}${c.kind ? ` (${c.kind})` : ''}: ${c.message ?? 'failed'}`);
    for (const d of c.details ?? []) lines.push(`  ${d}`);
  }
  for (const ex of r.exchanges) if (ex.error) lines.push(`transport ${ex.error.code}: ${ex.error.message}`);
  return lines.length ? lines.join('\n') : 'failed (no failed check recorded)';
}

function trimExchange(ex: Exchange, maxBody: number): Exchange {
  const out: Exchange = { ...ex, request: { ...ex.request } };
  if (ex.request.body !== undefined) out.request.body = truncate(ex.request.body, maxBody);
  if (ex.response) {
    const { json: _json, ...rest } = ex.response;
    out.response = { ...rest, body: truncate(ex.response.body, maxBody) };
  }
  return out;
}

export function createCollector(limits: CollectLimits = DEFAULT_LIMITS) {
  const cases: CaseRecord[] = [];
  const failing: FailingCase[] = [];
  let failingOmitted = 0;
  let casesOmitted = 0;
  const maxCases = limits.maxCases ?? Infinity;
  return {
    /** Returns the case's record (for the junit spool). */
    add(r: CaseResult): CaseRecord {
      const record: CaseRecord = {
        caseId: r.caseId, provider: r.provider, operationId: r.operationId, kind: r.kind,
        title: r.title, status: r.status, durationMs: r.durationMs,
      };
      if (r.skipReason !== undefined) record.skipReason = r.skipReason;
      if (r.status === 'failed') {
        // Past the detail cap only the JUnit text is kept, and shorter, so memory stays bounded on huge runs.
        const detailed = failing.length < limits.maxFailing;
        record.failure = truncate(failureText(r), detailed ? limits.maxFailureText : Math.min(1024, limits.maxFailureText));
        const first = r.checks.find((c) => c.status === 'fail');
        if (first) record.failedCheck = first.check;
        if (r.reproduce) record.reproduce = r.reproduce;
        if (detailed) {
          failing.push({
            record,
            checks: r.checks.filter((c) => c.status === 'fail'),
            exchanges: r.exchanges.slice(0, limits.maxExchanges).map((ex) => trimExchange(ex, limits.maxBody)),
            exchangesOmitted: Math.max(0, r.exchanges.length - limits.maxExchanges),
          });
        } else failingOmitted++;
      }
      if (cases.length < maxCases) cases.push(record);
      else casesOmitted++;
      return record;
    },
    result(): Collected {
      return casesOmitted ? { cases, casesOmitted, failing, failingOmitted } : { cases, failing, failingOmitted };
    },
  };
}
