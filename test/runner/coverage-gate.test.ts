import { describe, expect, it } from 'vitest';
import type { Coverage } from '../../src/core/types.ts';
import { checkCoverage, coverageLines, parseMinCoverage, percentOf } from '../../src/runner/coverage-gate.ts';

const item = (covered: number, total: number, uncovered: string[] = [], natural?: number, armed?: string[]) => ({ covered, total, uncovered, natural, armed });
const COV: Coverage = {
  operations: item(9, 9, [], 9, []),
  statusCodes: item(40, 44, ['p/Op 500', 'p/Op 503', 'p/Other 500', 'p/Other 503'], 30, ['p/Op 401']),
  errorCodes: item(138, 138, [], 41, Array.from({ length: 97 }, (_, i) => `p * C${i}`)),
  constraints: item(71, 72, ['p/Op minItems /query/M']),
};

describe('parseMinCoverage', () => {
  const table = [
    { given: [], want: {} },
    { given: ['codes=100'], want: { codes: 100 } },
    { given: ['statuses=90.5%', 'operations=0', 'statuses=95'], want: { statuses: 95, operations: 0 } },
  ];
  it.each(table)('$given', ({ given, want }) => expect(parseMinCoverage(given)).toEqual(want));
  it.each(['codes', 'codes=101', 'lines=50', 'codes=-1', 'codes=abc', '=50'])('refuses %s with a usage error', (v) => {
    expect(() => parseMinCoverage([v])).toThrow(/invalid --min-coverage/);
  });
});

describe('checkCoverage', () => {
  const table = [
    { given: 'no thresholds', min: {}, ok: true, names: [] },
    { given: 'every threshold met', min: { operations: 100, codes: 100, statuses: 90, constraints: 98 }, ok: true, names: [] },
    { given: 'statuses below', min: { statuses: 95 }, ok: false, names: [/statuses coverage 90.9% is below --min-coverage statuses=95% \(40\/44\); uncovered: p\/Op 500, p\/Op 503, p\/Other 500, p\/Other 503$/] },
    { given: 'two kinds below', min: { statuses: 100, constraints: 100, codes: 100 }, ok: false, names: [/^statuses .*p\/Op 500/, /^constraints .*p\/Op minItems \/query\/M/] },
  ];
  it.each(table)('$given', ({ min, ok, names }) => {
    const got = checkCoverage(COV, min);
    expect(got.ok).toBe(ok);
    expect(got.failures).toHaveLength(names.length);
    names.forEach((re, i) => expect(got.failures[i]).toMatch(re));
  });

  it('a filtered run says what its coverage is over', () => {
    const got = checkCoverage(COV, { statuses: 95 }, 'the 1 operation(s) the filters kept');
    expect(got.failures[0]).toMatch(/\(40\/44, over the 1 operation\(s\) the filters kept\); uncovered:/);
  });

  it('names at most 20 uncovered keys and points at summary.json for the rest', () => {
    const many = { ...COV, errorCodes: item(0, 30, Array.from({ length: 30 }, (_, i) => `p * X${i}`)) };
    const [msg] = checkCoverage(many, { codes: 1 }).failures;
    expect(msg).toContain('p * X19');
    expect(msg).not.toContain('p * X20');
    expect(msg).toContain('… 10 more in summary.json');
  });

  it('percentOf rounds down (99.99% is not 100%) and treats an empty universe as covered', () => {
    expect(percentOf(item(9999, 10000))).toBe(99.9);
    expect(percentOf(item(0, 0))).toBe(100);
  });
});

describe('coverageLines', () => {
  it('shows natural and armed counts where the run armed answers', () => {
    const lines = coverageLines(COV).join('\n');
    expect(lines).toMatch(/documented statuses\s+40\/44\s+90.9% \(30 natural, 1 armed through the mock\)/);
    expect(lines).toMatch(/documented error codes\s+138\/138\s+100% \(41 natural, 97 armed through the mock\)/);
    expect(lines).toMatch(/constraints\s+71\/72\s+98.6%$/m);
  });
});
