/**
 * Drift baselines (pure): which deviations are known, new or fixed.
 *
 * File format (`verikit.baseline.json`, committed by the user; rewritten by `--update-baseline`):
 * {
 *   "format": "verikit-drift-baseline",
 *   "version": 1,
 *   "updatedAt": "2026-01-01T00:00:00.000Z",
 *   "entries": [ { "fingerprint": "<provider>/<operationId>/<class><pointer>[#<value>]",
 *                  "provider", "operationId", "class", "pointer", "value"?, "message", "firstSeen", "note"? } ],
 *   "latency"?: { "<provider>/<operationId>": <typical p95 ms> }
 * }
 * Entries are sorted by fingerprint so that diffs of the file stay readable. `note` is free text for
 * the team (why the quirk is accepted); it is kept when the baseline is rewritten.
 */
import { VerikitError } from '../core/errors.ts';
import type { Finding } from '../core/types.ts';
import { redactText } from '../core/redact.ts';
import { PROVIDER_IDS } from '../spec/model.ts';
import { DRIFT_CLASSES } from './types.ts';
import type { DriftClass, DriftFinding } from './types.ts';

export const BASELINE_FORMAT = 'verikit-drift-baseline';
export const BASELINE_VERSION = 1;
export const DEFAULT_BASELINE_FILE = 'verikit.baseline.json';

export interface BaselineEntry {
  fingerprint: string;
  provider: string;
  operationId: string;
  class: DriftClass;
  pointer: string;
  value?: string;
  message: string;
  firstSeen: string;
  note?: string;
}

export interface Baseline {
  format: typeof BASELINE_FORMAT;
  version: typeof BASELINE_VERSION;
  updatedAt: string;
  entries: BaselineEntry[];
  /** Typical latency (p95, ms) per "<provider>/<operationId>", recorded by --update-baseline. */
  latency?: Record<string, number>;
}

export interface BaselineComparison {
  /** In the baseline and seen again: reported, not failing. */
  known: DriftFinding[];
  /** Not in the baseline: fail the run. */
  new: DriftFinding[];
  /** In the baseline but not seen this run. */
  fixed: BaselineEntry[];
}

export class BaselineError extends VerikitError {
  constructor(file: string, problem: string) {
    super('VK_BASELINE_INVALID', `drift baseline ${file} is not usable: ${problem}`,
      `fix the file by hand (format "${BASELINE_FORMAT}" version ${BASELINE_VERSION}, see src/drift/README.md) or delete it and run \`verikit drift --update-baseline\` to record the current deviations`);
    this.name = 'BaselineError';
  }
}

export function fingerprint(f: { provider: string; operationId: string; class: string; pointer: string; value?: string }): string {
  return `${f.provider}/${f.operationId}/${f.class}${f.pointer}${f.value !== undefined ? `#${f.value}` : ''}`;
}

/** Parses and validates a baseline file's text; throws BaselineError naming the first problem. */
export function parseBaseline(text: string, file: string = DEFAULT_BASELINE_FILE): Baseline {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new BaselineError(file, `invalid JSON (${(err as Error).message})`);
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw new BaselineError(file, 'expected a JSON object');
  const d = data as Record<string, unknown>;
  if (d.format !== BASELINE_FORMAT) throw new BaselineError(file, `"format" must be "${BASELINE_FORMAT}"`);
  if (d.version !== BASELINE_VERSION) throw new BaselineError(file, `unsupported "version" ${JSON.stringify(d.version)} (this verikit reads version ${BASELINE_VERSION})`);
  if (!Array.isArray(d.entries)) throw new BaselineError(file, '"entries" must be an array');
  const entries = d.entries.map((e, i) => checkEntry(e, i, file));
  const out: Baseline = { format: BASELINE_FORMAT, version: BASELINE_VERSION, updatedAt: String(d.updatedAt ?? ''), entries };
  if (d.latency !== undefined) {
    if (!d.latency || typeof d.latency !== 'object' || Array.isArray(d.latency)) throw new BaselineError(file, '"latency" must be an object of "<provider>/<operationId>": milliseconds');
    for (const [k, v] of Object.entries(d.latency)) {
      if (typeof v !== 'number' || !(v > 0)) throw new BaselineError(file, `latency["${k}"] must be a positive number of milliseconds`);
    }
    out.latency = d.latency as Record<string, number>;
  }
  return out;
}

function checkEntry(e: unknown, i: number, file: string): BaselineEntry {
  const at = `entries[${i}]`;
  if (!e || typeof e !== 'object') throw new BaselineError(file, `${at} must be an object`);
  const x = e as Record<string, unknown>;
  for (const k of ['provider', 'operationId', 'class', 'pointer'] as const) {
    if (typeof x[k] !== 'string') throw new BaselineError(file, `${at}.${k} must be a string`);
  }
  if (!(PROVIDER_IDS as readonly string[]).includes(x.provider as string)) throw new BaselineError(file, `${at}.provider "${x.provider}" is not one of ${PROVIDER_IDS.join(', ')}`);
  if (!(DRIFT_CLASSES as readonly string[]).includes(x.class as string)) throw new BaselineError(file, `${at}.class "${x.class}" is not one of ${DRIFT_CLASSES.join(', ')}`);
  if (x.value !== undefined && typeof x.value !== 'string') throw new BaselineError(file, `${at}.value must be a string when present`);
  const entry: BaselineEntry = {
    provider: x.provider as string, operationId: x.operationId as string, class: x.class as DriftClass, pointer: x.pointer as string,
    ...(x.value !== undefined && { value: x.value as string }),
    message: typeof x.message === 'string' ? x.message : '', firstSeen: typeof x.firstSeen === 'string' ? x.firstSeen : '',
    ...(typeof x.note === 'string' && { note: x.note }),
    fingerprint: '',
  };
  entry.fingerprint = fingerprint(entry);
  if (x.fingerprint !== undefined && x.fingerprint !== entry.fingerprint) {
    throw new BaselineError(file, `${at}.fingerprint "${x.fingerprint}" does not match its fields (expected "${entry.fingerprint}")`);
  }
  return entry;
}

/** Splits current deviations into known / new, and lists baseline entries no longer seen as fixed. */
export function compareBaseline(current: DriftFinding[], baseline: Baseline | undefined): BaselineComparison {
  const inBaseline = new Set((baseline?.entries ?? []).map((e) => e.fingerprint));
  const seen = new Set(current.map(fingerprint));
  return {
    known: current.filter((f) => inBaseline.has(fingerprint(f))),
    new: current.filter((f) => !inBaseline.has(fingerprint(f))),
    fixed: (baseline?.entries ?? []).filter((e) => !seen.has(e.fingerprint)),
  };
}

/** The baseline recording exactly the current deviations (keeping firstSeen and notes of known ones). */
export function buildBaseline(current: DriftFinding[], previous: Baseline | undefined, now: string, latency?: Record<string, number>): Baseline {
  const prev = new Map((previous?.entries ?? []).map((e) => [e.fingerprint, e]));
  const entries = new Map<string, BaselineEntry>();
  for (const f of current) {
    const fp = fingerprint(f);
    if (entries.has(fp)) continue;
    const old = prev.get(fp);
    entries.set(fp, {
      fingerprint: fp, provider: f.provider, operationId: f.operationId, class: f.class, pointer: f.pointer,
      ...(f.value !== undefined && { value: f.value }),
      message: redactText(f.message), firstSeen: old?.firstSeen || now,
      ...(old?.note !== undefined && { note: old.note }),
    });
  }
  return {
    format: BASELINE_FORMAT, version: BASELINE_VERSION, updatedAt: now,
    entries: [...entries.values()].sort((a, b) => (a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0)),
    ...((latency ?? previous?.latency) && { latency: Object.fromEntries(Object.entries({ ...previous?.latency, ...latency }).sort(([a], [b]) => (a < b ? -1 : 1))) }),
  };
}

export function serializeBaseline(b: Baseline): string {
  return `${JSON.stringify(b, null, 2)}\n`;
}

/** Report findings (kind 'drift') for a comparison: known and new per deviation, fixed per baseline entry. */
export function baselineFindings(cmp: BaselineComparison): Finding[] {
  const of = (f: DriftFinding, baseline: 'known' | 'new'): Finding => ({
    provider: f.provider, operationId: f.operationId, ...(f.caseId !== undefined && { caseId: f.caseId }),
    check: `drift:${f.class}`, kind: 'drift', driftClass: f.class, baseline,
    message: redactText(`${f.message} [${fingerprint(f)}]`),
  });
  return [
    ...cmp.new.map((f) => of(f, 'new')),
    ...cmp.known.map((f) => of(f, 'known')),
    ...cmp.fixed.map((e): Finding => ({
      provider: e.provider as Finding['provider'], operationId: e.operationId, check: `drift:${e.class}`, kind: 'drift',
      driftClass: e.class, baseline: 'fixed', message: redactText(`no longer seen: ${e.message} [${e.fingerprint}]`),
    })),
  ];
}
