/** The release's pure parts: the version bump, the changelog entry and its place, the token key. */
import { describe, expect, it } from 'vitest';
import { diffReport } from '../../src/drift/diff-report.ts';
import type { SpecChange } from '../../src/drift/spec-diff.ts';
import { prependEntry, renderEntry } from '../../src/release/changelog.ts';
import { nerfDart } from '../../src/release/npm.ts';
import { bumpVersion } from '../../src/release/version.ts';

describe('bumpVersion', () => {
  it.each([
    { given: ['0.1.0', 'major'], want: '1.0.0' },
    { given: ['1.4.2', 'major'], want: '2.0.0' },
    { given: ['1.4.2', 'minor'], want: '1.5.0' },
    { given: ['1.4.2', 'patch'], want: '1.4.3' },
    { given: ['1.4.2', 'none'], want: '1.4.2' },
  ] as const)('$given -> $want', ({ given, want }) => expect(bumpVersion(given[0], given[1])).toBe(want));
});

describe('changelog', () => {
  const change = (operationId: string, kind: string, severity: SpecChange['severity'], message: string): SpecChange => ({ provider: 'huawei-osm', operationId, kind, severity, pointer: '', message });
  const report = diffReport([
    { provider: 'huawei-osm', bump: 'major', changes: [change('SendVerifyCodes', 'field-added', 'non-breaking', 'field `x` added'), change('CheckVerifyCodes', 'enum-value-removed', 'breaking', 'value A removed'), change('SendVerifyCodes', 'became-optional', 'breaking', 'y\nno longer required')] },
    { provider: 'jiguang-jverification', bump: 'none', changes: [] },
  ]);

  it('lists breaking and non-breaking changes per provider and operation', () => {
    expect(renderEntry({ version: '2.0.0', previous: '1.0.0', date: '2026-12-04', report })).toBe(`## 2.0.0 (2026-12-04)

Since 1.0.0: 2 breaking, 1 non-breaking change(s); bump major.

### huawei-osm

- \`CheckVerifyCodes\`
  - Breaking:
    - \`enum-value-removed\`: value A removed
- \`SendVerifyCodes\`
  - Breaking:
    - \`became-optional\`: y no longer required
  - Non-breaking:
    - \`field-added\`: field \`x\` added
`);
  });

  it('puts the newest entry first and keeps the older ones', () => {
    const first = prependEntry(undefined, renderEntry({ version: '0.1.0', previous: null, date: '2026-12-01', report: diffReport([]) }));
    expect(first).toMatch(/^# Changelog of @verikit\/types\n[\s\S]*\n## 0\.1\.0 \(2026-12-01\)\n\nFirst release published to a registry/);
    const second = prependEntry(first, renderEntry({ version: '2.0.0', previous: '0.1.0', date: '2026-12-04', report }));
    expect(second.match(/^## /gm)).toEqual(['## ', '## ']);
    expect(second.indexOf('## 2.0.0')).toBeLessThan(second.indexOf('## 0.1.0'));
    expect(second.match(/^# Changelog/gm)).toHaveLength(1);
  });
});

describe('nerfDart', () => {
  it.each([
    { given: 'http://127.0.0.1:4873/', want: '//127.0.0.1:4873/' },
    { given: 'https://registry.npmjs.org', want: '//registry.npmjs.org/' },
    { given: 'https://npm.example.com/api/npm/repo', want: '//npm.example.com/api/npm/repo/' },
  ])('$given -> $want', ({ given, want }) => expect(nerfDart(given)).toBe(want));
});
