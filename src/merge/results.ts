/**
 * Rebuilds a shard's CaseResults from its report files: the case records of junit.xml (status, title,
 * time, skip reason, failure text), the failed checks of summary.json's findings, and the exchanges
 * (with their TestCase) streamed from exchanges.ndjson, whose lines of one case are consecutive.
 * What the reports do not keep (passed checks) is not rebuilt; everything the report writer, the
 * summary, coverage and pact selection read is.
 */
import type { CaseKind, CaseResult, CheckResult, Exchange, Finding, TestCase } from '../core/types.ts';
import type { CaseRecord } from '../reports/collect.ts';
import type { ExchangeRecord } from '../reports/index.ts';
import { MergeError } from './errors.ts';
import { readJunitCases } from './junit-read.ts';
import { readLines } from './lines.ts';

/** Longest exchanges.ndjson line (a response body is stored up to 64 KiB) and most cases per shard. */
export const MAX_NDJSON_LINE = 16 * 1024 * 1024;
export const MAX_CASES_PER_SHARD = 2_000_000;

/** A case's kind when no recorded TestCase says it (cases that sent nothing): read from its id. */
export function kindFromId(caseId: string): CaseKind {
  if (/\/flow\//.test(caseId)) return 'flow';
  if (/\/example(\/|$)/.test(caseId)) return 'example';
  if (/\/auth-/.test(caseId)) return 'auth';
  if (/\/invalid\//.test(caseId)) return 'negative';
  return 'positive';
}

/**
 * The failed checks of a case from its findings; the detail lines (schema paths) come back from the
 * failure text the case's junit entry carries (`check (kind): message` then indented details).
 */
export function checksOf(findings: readonly Finding[], failure: string | undefined): CheckResult[] {
  let cursor = 0;
  return findings.map((f) => {
    const c: CheckResult = { check: f.check, status: 'fail', kind: f.kind, message: f.message };
    if (f.driftClass !== undefined) c.driftClass = f.driftClass;
    if (failure === undefined) return c;
    for (const head of [`${f.check} (${f.kind}): ${f.message}\n`, `${f.check}: ${f.message}\n`]) {
      const at = failure.indexOf(head, cursor);
      if (at < 0) continue;
      const details: string[] = [];
      let pos = at + head.length;
      while (failure.startsWith('  ', pos)) {
        const end = failure.indexOf('\n', pos);
        details.push(failure.slice(pos + 2, end < 0 ? failure.length : end));
        pos = end < 0 ? failure.length : end + 1;
      }
      if (details.length) c.details = details;
      cursor = pos;
      break;
    }
    return c;
  });
}

function parseLine(line: string, lineNo: number, file: string): ExchangeRecord {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    throw new MergeError('VK_MERGE_INPUT', `${file}: line ${lineNo} is not JSON`, 'merge the exchanges.ndjson written by `verikit run`, unedited');
  }
  const r = v as Partial<ExchangeRecord> | null;
  if (!r || typeof r !== 'object' || typeof r.caseId !== 'string' || typeof r.provider !== 'string' || typeof r.operationId !== 'string' || !r.request) {
    throw new MergeError('VK_MERGE_INPUT', `${file}: line ${lineNo} is not a recorded exchange (needs caseId, provider, operationId, request)`, 'merge the exchanges.ndjson written by `verikit run`, unedited');
  }
  return r as ExchangeRecord;
}

export interface ShardFiles {
  junit: string;
  ndjson: string;
  providers: readonly string[];
  findings: readonly Finding[];
}

/** Every case of one shard, as a CaseResult (cases that sent nothing come last). */
export async function* shardResults(files: ShardFiles): AsyncGenerator<CaseResult> {
  const records = new Map<string, CaseRecord>();
  for await (const rec of readJunitCases(files.junit, files.providers)) {
    if (records.size >= MAX_CASES_PER_SHARD) throw new MergeError('VK_MERGE_LIMIT', `${files.junit}: more than ${MAX_CASES_PER_SHARD} cases in one shard (limit of verikit merge)`, 'run with more shards');
    records.set(rec.caseId, rec);
  }
  const findings = new Map<string, Finding[]>();
  for (const f of files.findings) if (f.caseId !== undefined) (findings.get(f.caseId) ?? findings.set(f.caseId, []).get(f.caseId)!).push(f);

  const build = (rec: CaseRecord, exchanges: Exchange[], testCase: TestCase | undefined): CaseResult => {
    const r: CaseResult = {
      caseId: rec.caseId, provider: rec.provider, operationId: rec.operationId, kind: testCase?.kind ?? kindFromId(rec.caseId),
      title: rec.title, status: rec.status, checks: rec.status === 'failed' ? checksOf(findings.get(rec.caseId) ?? [], rec.failure) : [],
      exchanges, durationMs: rec.durationMs,
    };
    if (rec.skipReason !== undefined) r.skipReason = rec.skipReason;
    if (testCase) r.testCase = testCase;
    return r;
  };
  const caseOf = (exchangeCaseId: string): CaseRecord | undefined => records.get(exchangeCaseId) ?? records.get(exchangeCaseId.replace(/#\d+$/, ''));

  let current: CaseRecord | undefined;
  let exchanges: Exchange[] = [];
  let testCase: TestCase | undefined;
  let lineNo = 0;
  for await (const line of readLines(files.ndjson, MAX_NDJSON_LINE)) {
    lineNo++;
    if (line.trim() === '') continue;
    const { testCase: tc, ...exchange } = parseLine(line, lineNo, files.ndjson);
    const rec = current && (current.caseId === exchange.caseId || current.caseId === exchange.caseId.replace(/#\d+$/, '')) ? current : caseOf(exchange.caseId);
    if (!rec) {
      throw new MergeError('VK_MERGE_INPUT', `${files.ndjson}: line ${lineNo} belongs to case ${JSON.stringify(exchange.caseId).slice(0, 200)}, which junit.xml beside it does not list (or lists once but recorded apart)`, 'merge report directories as `verikit run` left them: the files of one run, unedited');
    }
    if (rec !== current) {
      if (current) yield build(current, exchanges, testCase);
      records.delete(rec.caseId);
      current = rec;
      exchanges = [];
      testCase = undefined;
    }
    exchanges.push(exchange);
    testCase ??= tc;
  }
  if (current) yield build(current, exchanges, testCase);
  for (const rec of records.values()) yield build(rec, [], undefined);
}
