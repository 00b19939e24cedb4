import { describe, expect, it } from 'vitest';
import { escapeTerminal } from '../../src/core/terminal.ts';
import { summaryTable } from '../../src/runner/table.ts';
import type { RunSummary } from '../../src/core/types.ts';

/** Anything a terminal would act on: C0 (but \n and \t when lines are kept), DEL, C1, bidi and line separators. */
const ACTIVE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

describe('escapeTerminal', () => {
  it.each([
    { given: 'red \x1b[31mALERT\x1b[0m', want: 'red \\x1b[31mALERT\\x1b[0m' },
    { given: 'title \x1b]0;pwned\x07', want: 'title \\x1b]0;pwned\\x07' },
    { given: 'C1 CSI \x9b31m and NEL \x85', want: 'C1 CSI \\x9b31m and NEL \\x85' },
    { given: 'bidi \u202egnp.exe', want: 'bidi \\u202egnp.exe' },
    { given: 'cr\roverwrite, bs\b, del\x7f, nul\x00', want: 'cr\\x0doverwrite, bs\\x08, del\\x7f, nul\\x00' },
    { given: 'line\nbreak\tand tab', want: 'line\\x0abreak\\x09and tab' },
    { given: 'plain 短信 text, \\ backslash', want: 'plain 短信 text, \\ backslash' },
  ])('$given', ({ given, want }) => {
    expect(escapeTerminal(given)).toBe(want);
    expect(escapeTerminal(given)).not.toMatch(ACTIVE);
  });

  it('keeps line breaks and tabs when asked, nothing else', () => {
    expect(escapeTerminal('a\nb\tc\x1b[2J\r', { keepLines: true })).toBe('a\nb\tc\\x1b[2J\\x0d');
  });
});

describe('summaryTable escapes what the provider chose', () => {
  it('prints field names, messages and errors with escapes, one finding per line', () => {
    const s = {
      operations: [{ provider: 'huawei-osm', operationId: 'SendVerifyCodes', cases: 1, passed: 0, failed: 1, skipped: 0, p50Ms: 1, p95Ms: 1 }],
      totals: { cases: 1, passed: 0, failed: 1, skipped: 0 },
      providers: [{ provider: 'jiguang-jverification', status: 'skipped', reason: 'no endpoint \x1b]0;x\x07' }],
      findings: [{ provider: 'huawei-osm', operationId: 'SendVerifyCodes', check: 'no-undocumented-fields', kind: 'drift', message: 'received field "\x1b[31mred\nforged line\x9b" (string)' }],
      errors: [{ code: 'VK_TOOL', message: 'boom \x1b[2J' }],
      interrupted: false,
    } as unknown as RunSummary;
    const out = summaryTable(s);
    expect(out).not.toMatch(ACTIVE);
    expect(out).toContain('received field "\\x1b[31mred\\x0aforged line\\x9b"');
    expect(out).toContain('no endpoint \\x1b]0;x\\x07');
    expect(out).toContain('tool error VK_TOOL: boom \\x1b[2J');
    expect(out.split('\n').filter((l) => l.includes('forged line'))).toHaveLength(1);
  });
});
