import { describe, expect, it } from 'vitest';
import { BaselineError, baselineFindings, buildBaseline, compareBaseline, fingerprint, parseBaseline, serializeBaseline } from '../../src/drift/baseline.ts';
import type { DriftFinding } from '../../src/drift/types.ts';

const f = (cls: DriftFinding['class'], pointer: string, value?: string): DriftFinding => ({
  provider: 'huawei-osm', operationId: 'CheckVerifyCodes', class: cls, pointer, ...(value && { value }), message: `received x at ${pointer} documented y`,
});
const quirk = f('undocumented-field', '/body/request_id');
const fresh = f('undocumented-error-code', '/body/error_code', 'OSM.0999');
const gone = f('changed-type', '/body/error_msg');

describe('fingerprint', () => {
  it.each([
    { given: quirk, want: 'huawei-osm/CheckVerifyCodes/undocumented-field/body/request_id' },
    { given: fresh, want: 'huawei-osm/CheckVerifyCodes/undocumented-error-code/body/error_code#OSM.0999' },
    { given: f('no-response', '', 'VK_TIMEOUT'), want: 'huawei-osm/CheckVerifyCodes/no-response#VK_TIMEOUT' },
  ])('$want', ({ given, want }) => expect(fingerprint(given)).toBe(want));
});

describe('compareBaseline', () => {
  const baseline = buildBaseline([quirk, gone], undefined, '2026-01-01T00:00:00.000Z');
  it.each([
    { name: 'no baseline: everything is new', base: undefined, current: [quirk], want: { known: 0, new: 1, fixed: 0 } },
    { name: 'known drift stays green', base: baseline, current: [quirk], want: { known: 1, new: 0, fixed: 1 } },
    { name: 'a new drift is red', base: baseline, current: [quirk, fresh], want: { known: 1, new: 1, fixed: 1 } },
    { name: 'both known', base: baseline, current: [quirk, gone], want: { known: 2, new: 0, fixed: 0 } },
    { name: 'another value at a known place is new', base: buildBaseline([fresh], undefined, 'now'), current: [f('undocumented-error-code', '/body/error_code', 'OSM.0998')], want: { known: 0, new: 1, fixed: 1 } },
  ])('$name', ({ base, current, want }) => {
    const cmp = compareBaseline(current, base);
    expect({ known: cmp.known.length, new: cmp.new.length, fixed: cmp.fixed.length }).toEqual(want);
    const findings = baselineFindings(cmp);
    expect(findings.filter((x) => x.baseline === 'new')).toHaveLength(want.new);
    expect(findings.every((x) => x.kind === 'drift' && x.driftClass)).toBe(true);
  });
});

describe('baseline file', () => {
  it('round-trips, keeps firstSeen and notes, sorts entries', () => {
    const b1 = buildBaseline([quirk, fresh, quirk], undefined, '2026-01-01T00:00:00.000Z');
    b1.entries[1].note = 'provider knows';
    const parsed = parseBaseline(serializeBaseline(b1), 'b.json');
    expect(parsed).toEqual(b1);
    const b2 = buildBaseline([quirk, fresh], parsed, '2026-02-01T00:00:00.000Z');
    expect(b2.entries.map((e) => e.firstSeen)).toEqual(['2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z']);
    expect(b2.entries.map((e) => e.fingerprint)).toEqual([...b2.entries.map((e) => e.fingerprint)].sort());
    expect(b2.entries.find((e) => e.note)?.note).toBe('provider knows');
  });

  it('keeps latency per operation, merging new measurements over old ones', () => {
    const b1 = buildBaseline([quirk], undefined, 'now', { 'huawei-osm/CheckVerifyCodes': 120 });
    const b2 = buildBaseline([quirk], parseBaseline(serializeBaseline(b1)), 'later', { 'huawei-osm/SendVerifyCodes': 90 });
    expect(b2.latency).toEqual({ 'huawei-osm/CheckVerifyCodes': 120, 'huawei-osm/SendVerifyCodes': 90 });
  });

  it.each([
    { given: '{"format":"verikit-drift-baseline","version":1,"entries":[],"latency":{"a/b":-1}}', want: /latency\["a\/b"\]/ },
    { given: '{not json', want: /invalid JSON/ },
    { given: '[]', want: /expected a JSON object/ },
    { given: '{"format":"other","version":1,"entries":[]}', want: /"format" must be/ },
    { given: '{"format":"verikit-drift-baseline","version":9,"entries":[]}', want: /unsupported "version" 9/ },
    { given: '{"format":"verikit-drift-baseline","version":1}', want: /"entries" must be an array/ },
    { given: '{"format":"verikit-drift-baseline","version":1,"entries":[{"provider":"huawei-osm","operationId":"X","class":"weird","pointer":""}]}', want: /class "weird"/ },
    { given: '{"format":"verikit-drift-baseline","version":1,"entries":[{"provider":"nope","operationId":"X","class":"not-json","pointer":""}]}', want: /provider "nope"/ },
    { given: '{"format":"verikit-drift-baseline","version":1,"entries":[{"fingerprint":"x","provider":"huawei-osm","operationId":"X","class":"not-json","pointer":"/body"}]}', want: /does not match/ },
  ])('rejects $given', ({ given, want }) => {
    let err: unknown;
    try { parseBaseline(given, 'verikit.baseline.json'); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(BaselineError);
    expect((err as BaselineError).code).toBe('VK_BASELINE_INVALID');
    expect((err as BaselineError).message).toMatch(want);
    expect((err as BaselineError).fix).toContain('--update-baseline');
  });
});
