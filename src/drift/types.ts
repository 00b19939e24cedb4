/** Drift classification types (src/drift). Plain JSON data. */
import type { ProviderId } from '../spec/model.ts';

export const DRIFT_CLASSES = [
  'undocumented-field',
  'missing-required-field',
  'changed-type',
  'changed-format',
  'new-enum-value',
  'undocumented-status',
  'undocumented-error-code',
  'content-type-change',
  'latency-regression',
  'not-json',
  'no-response',
] as const;

export type DriftClass = (typeof DRIFT_CLASSES)[number];

/**
 * One deviation of a recorded answer from the documented operation.
 * `pointer` locates it in the response: `/status`, `/headers/content-type`, `/durationMs`, or
 * `/body/<json pointer>` where array indices are written `*` (one fingerprint for every element).
 * `value` is set when the deviation is about a specific value (status, code, enum value, content type)
 * so that a second undocumented code at the same place is a different deviation.
 */
export interface Deviation {
  class: DriftClass;
  pointer: string;
  value?: string;
  /** "received … documented …" (redacted: never a phone number, code or secret). */
  message: string;
}

/** A deviation attributed to a provider operation (and the case that exposed it). */
export interface DriftFinding extends Deviation {
  provider: ProviderId;
  operationId: string;
  caseId?: string;
}
