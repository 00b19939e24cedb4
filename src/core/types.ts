/**
 * The run model shared by cases, runner, checks, reports, pact and drift.
 * Everything here is plain JSON-serialisable data.
 */
import type { AuthKind, ProviderId } from '../spec/model.ts';

/** Logical request input, before signing: the same shape as an operation's `requestSchema`. */
export interface CaseInput {
  query?: Record<string, unknown>;
  header?: Record<string, string>;
  body?: unknown;
}

/** How a case authenticates: valid credentials, none at all, a wrong secret, or a signature altered after signing. */
export type AuthMode = 'valid' | 'none' | 'wrong-secret' | 'tampered';

export type CaseKind = 'example' | 'positive' | 'negative' | 'auth' | 'flow';

export interface Expectation {
  /** success: a documented ok outcome; error: a documented error (a 2xx-with-ok answer is a finding). */
  outcome: 'success' | 'error';
  /** Acceptable HTTP statuses, when known. */
  status?: number[];
  /** Acceptable result/error codes (body code field), when known. */
  codes?: string[];
}

export interface TestCase {
  id: string;
  provider: ProviderId;
  operationId: string;
  kind: CaseKind;
  title: string;
  input: CaseInput;
  auth: AuthMode;
  /** Scheme to sign with; defaults to the operation's first. */
  authKind?: AuthKind;
  expect: Expectation;
  /** For negative cases: which constraint is violated (JSON Schema keyword and JSON pointer into the input). */
  violates?: { keyword: string; pointer: string };
  /** Provider state the case needs (pact provider state), e.g. "a verification was started for a number". */
  state?: string;
  /** true when the operation sends a billed message or is billed per call (cost guard). */
  billed: boolean;
  /**
   * Coverage cases: the documented answer this case must get, exactly (status and code). `armed`: the mock
   * target arms it for this request through the control plane (proves mock and schemas, not the provider).
   */
  answer?: DocumentedAnswer;
}

/** A documented (status, code) pair a coverage case aims at, and how it is reached. */
export interface DocumentedAnswer {
  status: number;
  code: string;
  via: 'natural' | 'armed';
}

/** A request exactly as it goes on the wire (after signing). */
export interface WireRequest {
  method: 'GET' | 'POST';
  /** Absolute URL including the query string. */
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  /** Raw body text (truncated to 64 KiB for storage). */
  body: string;
  /** Parsed JSON when the body is JSON. */
  json?: unknown;
  /** Why the body could not be parsed as JSON, when it could not. */
  parseError?: string;
  /** Set when the body was not taken whole: cut at the size limit, or nested too deep to parse. */
  bodyLimit?: BodyLimit;
  durationMs: number;
}

/** A limit a received body went over: its size (bytes received, bytes kept) or its nesting (levels, at least). */
export interface BodyLimit {
  kind: 'size' | 'depth';
  received: number;
  limit: number;
}

/** Transport-level failure (the provider gave no HTTP answer, or the tool failed). */
export interface TransportError {
  code: 'VK_TIMEOUT' | 'VK_CONN_RESET' | 'VK_CONN_REFUSED' | 'VK_NETWORK' | 'VK_TOOL';
  message: string;
}

export interface Exchange {
  caseId: string;
  provider: ProviderId;
  operationId: string;
  startedAt: string;
  request: WireRequest;
  response?: WireResponse;
  error?: TransportError;
}

export type CheckStatus = 'pass' | 'fail' | 'skip';
export type FindingKind = 'contract' | 'drift' | 'error';

export interface CheckResult {
  check: string;
  status: CheckStatus;
  /** contract: the provider broke its spec; drift: deviation from the spec worth tracking (see drift). */
  kind?: FindingKind;
  /** "received … documented …" for failures; the reason for skips. */
  message?: string;
  /** Drift classification, e.g. "undocumented-field", "changed-type" (drift checks only). */
  driftClass?: string;
  /** Schema error paths (instancePath) and similar detail. */
  details?: string[];
}

export type CaseStatus = 'passed' | 'failed' | 'skipped';

export interface CaseResult {
  caseId: string;
  provider: ProviderId;
  operationId: string;
  kind: CaseKind;
  title: string;
  status: CaseStatus;
  skipReason?: string;
  checks: CheckResult[];
  exchanges: Exchange[];
  durationMs: number;
  /** The case that produced this result (inputs are redacted when written out); replay re-runs checks from it. */
  testCase?: TestCase;
  /** Failed cases: the shell command that re-runs exactly this case (src/runner/repro.ts). */
  reproduce?: string;
}

/** The filters a run applied (summary.json `filters`; only those that applied). */
export interface RunFilters {
  /** `provider/operationId` of --operation. */
  operations?: string[];
  checks?: string[];
  excludeChecks?: string[];
  /** Case ids of --case. */
  cases?: string[];
  /** "i/n" of --shard. */
  shard?: string;
}

export interface Finding {
  provider: ProviderId;
  operationId: string;
  caseId?: string;
  check: string;
  kind: FindingKind;
  message: string;
  driftClass?: string;
  /** Set by drift baselines: known (in baseline), new, or fixed. */
  baseline?: 'known' | 'new' | 'fixed';
}

export interface CoverageItem {
  total: number;
  covered: number;
  uncovered: string[];
  /** Covered keys reached by at least one natural answer (not armed through the mock's control plane). */
  natural?: number;
  /** Covered keys reached only by armed answers (they prove the mock and the schemas, not the provider). */
  armed?: string[];
}

export interface Coverage {
  operations: CoverageItem;
  statusCodes: CoverageItem;
  errorCodes: CoverageItem;
  constraints: CoverageItem;
}

export interface OperationStats {
  provider: ProviderId;
  operationId: string;
  cases: number;
  passed: number;
  failed: number;
  skipped: number;
  p50Ms: number | null;
  p95Ms: number | null;
}

export interface RunSummary {
  tool: 'verikit';
  version: string;
  /** proxy: traffic an application made through `verikit proxy` (observed, not generated). */
  target: 'mock' | 'live' | 'replay' | 'proxy';
  startedAt: string;
  durationMs: number;
  seed: number;
  gitCommit: string | null;
  /** sha256 of the specs the run used (src/spec/digest.ts); `verikit merge` refuses shards that differ. */
  specsDigest?: string;
  /** The shard this run was (`--shard i/n`); absent for an unsharded run. */
  shard?: { index: number; total: number };
  /** Set by `verikit merge`: the number of shard reports combined. */
  mergedShards?: number;
  /** The response-time budget the run checked against (replay reuses it). */
  latencyBudgetMs?: number;
  /** true when the run was interrupted before all cases ran. */
  interrupted: boolean;
  totals: { cases: number; passed: number; failed: number; skipped: number };
  providers: Array<{ provider: ProviderId; status: 'ran' | 'skipped'; reason?: string }>;
  operations: OperationStats[];
  findings: Finding[];
  coverage: Coverage;
  /** Tool failures that are not the provider's fault. */
  errors: Array<{ code: string; message: string }>;
  /** The filters the run applied (absent: every case and check of the selected providers). */
  filters?: RunFilters;
}
