import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ConfigError, formatError, SpecError, UsageError } from '../../src/core/errors.ts';

function verikit(args: string[]) {
  const r = spawnSync(process.execPath, ['bin/verikit.js', ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('formatError', () => {
  it.each([
    { given: new UsageError('unknown flag --x', 'see verikit run --help'), want: 'error[VK_USAGE]: unknown flag --x\n  fix: see verikit run --help' },
    { given: new ConfigError('bad key', 'remove it'), want: 'error[VK_CONFIG_INVALID]: bad key\n  fix: remove it' },
    { given: new SpecError('specs/a.yaml', '/paths', 'broken', 'mend it'), want: 'error[VK_SPEC_INVALID]: specs/a.yaml#/paths: broken\n  fix: mend it' },
    { given: new TypeError('boom'), want: 'error[VK_INTERNAL]: boom\n  fix: this is a bug in verikit; please report it with the command you ran' },
  ])('$want', ({ given, want }) => expect(formatError(given)).toBe(want));
});

describe('verikit CLI entry', () => {
  it('prints usage and exits 2 without a command', () => {
    const r = verikit([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('usage: verikit <command>');
    expect(r.stdout).toContain('run');
  });
  it('names an unknown command with a fix, no stack trace', () => {
    const r = verikit(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('error[VK_USAGE]: unknown command "frobnicate"');
    expect(r.stderr).toContain('fix: use one of:');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
