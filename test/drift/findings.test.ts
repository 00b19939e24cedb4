import { describe, expect, it } from 'vitest';
import type { CaseResult, Finding } from '../../src/core/types.ts';
import { fingerprint } from '../../src/drift/baseline.ts';
import { driftChecks, withDriftChecks } from '../../src/drift/findings.ts';
import { parseRecordLine, ReplayInputError } from '../../src/drift/ndjson.ts';
import { compareFindings } from '../../src/drift/replay.ts';
import type { DriftFinding } from '../../src/drift/types.ts';

const d = (cls: DriftFinding['class'], pointer: string): DriftFinding => ({ provider: 'huawei-osm', operationId: 'CheckVerifyCodes', caseId: 'c', class: cls, pointer, message: `received x documented y at ${pointer}` });
const extra = d('undocumented-field', '/body/x');
const code = d('changed-type', '/body/error_code');

describe('driftChecks', () => {
  it.each([
    { name: 'no drift: one passing drift check', drift: [], known: [], want: [['drift', 'pass']] },
    { name: 'new drift fails its class', drift: [extra], known: [], want: [['drift:undocumented-field', 'fail']] },
    { name: 'known drift passes its class', drift: [extra], known: [extra], want: [['drift:undocumented-field', 'pass']] },
    { name: 'one check per class', drift: [extra, code], known: [code], want: [['drift:undocumented-field', 'fail'], ['drift:changed-type', 'pass']] },
  ])('$name', ({ drift, known, want }) => {
    const checks = driftChecks(drift, new Set(known.map(fingerprint)));
    expect(checks.map((c) => [c.check, c.status])).toEqual(want);
    expect(checks.every((c) => c.kind === 'drift')).toBe(true);
  });

  it('case status follows new drift only; skipped cases stay skipped', () => {
    const r: CaseResult = { caseId: 'c', provider: 'huawei-osm', operationId: 'CheckVerifyCodes', kind: 'example', title: 't', status: 'failed', checks: [], exchanges: [], durationMs: 1 };
    expect(withDriftChecks(r, [extra], new Set([fingerprint(extra)])).status).toBe('passed');
    expect(withDriftChecks(r, [extra], new Set()).status).toBe('failed');
    expect(withDriftChecks({ ...r, status: 'skipped' }, [extra], new Set()).status).toBe('skipped');
  });
});

describe('parseRecordLine', () => {
  const ok = { caseId: 'c', provider: 'huawei-osm', operationId: 'X', startedAt: 't', request: { method: 'POST', url: 'u', headers: {} }, response: { status: 200, headers: {}, body: '{}', durationMs: 1 } };
  it.each([
    { line: '', want: undefined },
    { line: JSON.stringify(ok), want: 'c' },
    { line: '{oops', want: /line 3 is not JSON/ },
    { line: JSON.stringify({ caseId: 'c' }), want: /line 3 is not a recorded exchange/ },
    { line: JSON.stringify({ ...ok, response: undefined }), want: /neither a response nor an error/ },
    { line: JSON.stringify({ ...ok, response: { ...ok.response, json: 0 } }).replace('"json":0', `"json":${'['.repeat(5000)}${']'.repeat(5000)}`), want: /line 3 is nested more than 72 levels deep/ },
    { line: JSON.stringify({ ...ok, response: { ...ok.response, json: 0 } }).replace('"json":0', `"json":${'['.repeat(64)}${']'.repeat(64)}`), want: 'c' },
  ])('$line', ({ line, want }) => {
    if (want instanceof RegExp) {
      expect(() => parseRecordLine(line, 3, 'x.ndjson')).toThrow(ReplayInputError);
      expect(() => parseRecordLine(line, 3, 'x.ndjson')).toThrow(want);
    } else expect(parseRecordLine(line, 3, 'x.ndjson')?.caseId).toBe(want);
  });
});

describe('compareFindings', () => {
  const f = (caseId: string, check: string): Finding => ({ provider: 'huawei-osm', operationId: 'X', caseId, check, kind: 'contract', message: `m ${caseId}` });
  it.each([
    { name: 'same', a: [f('1', 'a'), f('2', 'b')], b: [f('2', 'b'), f('1', 'a')], want: { same: 2, gone: 0, added: 0 } },
    { name: 'messages may differ', a: [f('1', 'a')], b: [{ ...f('1', 'a'), message: 'other' }], want: { same: 1, gone: 0, added: 0 } },
    { name: 'gone and new', a: [f('1', 'a')], b: [f('1', 'b')], want: { same: 0, gone: 1, added: 1 } },
    { name: 'duplicates counted', a: [f('1', 'a'), f('1', 'a')], b: [f('1', 'a')], want: { same: 1, gone: 1, added: 0 } },
  ])('$name', ({ a, b, want }) => {
    const c = compareFindings(a, b);
    expect({ same: c.same, gone: c.onlyRecorded.length, added: c.onlyReplayed.length }).toEqual(want);
  });
});
