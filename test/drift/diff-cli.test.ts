import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verikit } from './cli.ts';

const MINI = readFileSync(new URL('./fixtures/mini-spec.yaml', import.meta.url), 'utf8');

const made: string[] = [];
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

function repo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'vk-diff-'));
  made.push(dir);
  const git = (...a: string[]) => execFileSync('git', a, { cwd: dir, stdio: 'pipe' });
  mkdirSync(join(dir, 'specs'));
  writeFileSync(join(dir, 'specs', 'alibaba-dypnsapi-intl.yaml'), MINI);
  git('init', '-q');
  git('-c', 'user.email=t@example.invalid', '-c', 'user.name=t', 'add', 'specs');
  git('-c', 'user.email=t@example.invalid', '-c', 'user.name=t', 'commit', '-q', '-m', 'spec');
  return dir;
}

describe('verikit diff', () => {
  const cases = [
    { name: 'identical files', edit: (s: string) => s, failOn: 'breaking', wantCode: 0, wantBump: 'none' },
    { name: 'removed error code fails with --fail-on breaking', edit: (s: string) => s.replace(/        - \{ status: 400, code: Invalid.Parameters.*\n/, ''), failOn: 'breaking', wantCode: 1, wantBump: 'major' },
    { name: 'new optional field passes --fail-on breaking', edit: (s: string) => s.replace('        channel: { type: string }', '        channel: { type: string }\n            phoneNumber: { type: string }'), failOn: 'breaking', wantCode: 0, wantBump: 'minor' },
    { name: 'any change fails with --fail-on any', edit: (s: string) => s.replace('summary: check', 'summary: checked'), failOn: 'any', wantCode: 1, wantBump: 'patch' },
  ];
  it.each(cases)('--since HEAD: $name', async ({ edit, failOn, wantCode, wantBump }) => {
    const dir = repo();
    writeFileSync(join(dir, 'specs', 'alibaba-dypnsapi-intl.yaml'), edit(MINI));
    const r = await verikit(['diff', '--since', 'HEAD', '--json', '--fail-on', failOn], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(wantCode);
    expect(JSON.parse(r.stdout)).toMatchObject({ kind: 'spec-diff', bump: wantBump });
  });

  it('two files, text output', async () => {
    const dir = repo();
    const next = join(dir, 'next.yaml');
    writeFileSync(next, MINI.replace('enum: [SMS, VOICE]', 'enum: [SMS]'));
    const r = await verikit(['diff', join(dir, 'specs', 'alibaba-dypnsapi-intl.yaml'), next], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/CheckVerification\n\s+BREAKING\s+enum-value-removed/);
    expect(r.stdout).toContain('type package bump: major');
  });

  it.each([
    { args: ['diff', '--since', 'no-such-ref'], want: /error\[VK_GIT_REF\].*\n  fix: / },
    { args: ['diff', 'only-one.yaml'], want: /error\[VK_USAGE\]: expected two spec files/ },
    { args: ['diff', '--since', 'HEAD', '--fail-on', 'sometimes'], want: /error\[VK_USAGE\]: --fail-on/ },
    { args: ['diff', 'missing-a.yaml', 'missing-b.yaml'], want: /error\[VK_SPEC_READ\]/ },
  ])('named error for $args', async ({ args, want }) => {
    const r = await verikit(args, repo());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(want);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
