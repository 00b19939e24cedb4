import { spawn } from 'node:child_process';
import { mkdtemp, open, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { flowDepth, MAX_CONFIG_BYTES } from '../../src/config/bounded-yaml.ts';
import { baseUrlProblem } from '../../src/config/url.ts';
import { quoteForError } from '../../src/config/quote.ts';

/**
 * Config files and base URLs are untrusted input (issue 17, items 4 and 8): each hostile one is a named
 * error with exit 2. The CLI runs as a child process with a 192 MB heap: a parser that blew up (the
 * 50 MB cases took minutes and gigabytes before) would die there with exit 134 instead of exiting 2.
 */
const HEAP_MB = 192;
const CLEAN_ENV = Object.fromEntries(Object.entries(process.env).filter(([k, v]) => v !== undefined && !/^(ALIBABA_CLOUD_|HUAWEICLOUD_|JPUSH_|VERIKIT_)/.test(k))) as Record<string, string>;

function verikit(args: string[]) {
  const child = spawn(process.execPath, [`--max-old-space-size=${HEAP_MB}`, 'bin/verikit.js', ...args], { env: CLEAN_ENV, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => { stdout += d.toString(); });
  child.stderr!.on('data', (d: Buffer) => { stderr += d.toString(); });
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

/** Writes `total` bytes made of `head` then `unit` repeated, in 1 MB chunks (no 50 MB string in the test). */
async function bigFile(file: string, head: string, unit: string, total: number, tail = '') {
  const fh = await open(file, 'w');
  const chunk = unit.repeat(Math.ceil(1_000_000 / unit.length));
  await fh.write(head);
  for (let n = head.length; n < total; n += chunk.length) await fh.write(chunk);
  await fh.write(tail);
  await fh.close();
}

let dir: string;
beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'vk-cfg-bounds-')); });

const MB50 = 50 * 1024 * 1024;
const ALIAS_BOMB = [
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
  'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
  'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
  'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
  'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
  'g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]',
  'h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]',
  'i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]',
].join('\n');

describe('hostile config files: named error, exit 2, bounded', () => {
  const table = [
    { given: 'a 50 MB config of unknown keys', write: (f: string) => bigFile(f, '', 'k0123456789: v\n', MB50), code: 'VK_CONFIG_TOO_LARGE' },
    { given: 'a valid 50 MB config (a huge allow-list)', write: (f: string) => bigFile(f, 'costGuard:\n  allowNumbers:\n', '    - "+8613900001234"\n', MB50), code: 'VK_CONFIG_TOO_LARGE' },
    { given: 'a 50 MB value', write: (f: string) => bigFile(f, 'reportDir: "', 'x', MB50, '"\n'), code: 'VK_CONFIG_TOO_LARGE' },
    { given: `a ${ALIAS_BOMB.length}-byte alias bomb`, write: (f: string) => writeFile(f, ALIAS_BOMB), code: 'VK_CONFIG_ALIASES' },
    { given: '60 KB of unclosed [', write: (f: string) => writeFile(f, `seed: ${'['.repeat(60_000)}`), code: 'VK_CONFIG_TOO_DEEP' },
    { given: '60 KB of unknown keys (under the size cap)', write: (f: string) => writeFile(f, Array.from({ length: 4000 }, (_, i) => `key${i}: value`).join('\n')), code: 'VK_CONFIG_INVALID', want: /unknown key "key0".*; and 3990 more/ },
    { given: 'a 60 KB unknown key', write: (f: string) => writeFile(f, `? ${'k'.repeat(60_000)}\n: 1\n`), code: 'VK_CONFIG_INVALID', want: /unknown key "k{40}"… \(60000 characters, cut to 40\)/ },
    { given: 'a 60 KB base URL', write: (f: string) => writeFile(f, `baseUrls:\n  huawei-osm: "http://127.0.0.1:1/${'x'.repeat(60_000)}\\n"\n`), code: 'VK_BASE_URL', want: /"http:\/\/127\.0\.0\.1:1\/x+"… \(60020 characters, cut to 80\) contains whitespace/ },
    { given: 'a key twice', write: (f: string) => writeFile(f, 'seed: 1\nseed: 2\n'), code: 'VK_CONFIG_INVALID', want: /"seed" appears twice/ },
  ];
  it.each(table)('$given -> $code', async ({ write, code, want }) => {
    const file = join(dir, `${code}-${Math.random().toString(36).slice(2)}.yaml`);
    await write(file);
    const r = await verikit(['run', '--config', file]);
    expect(r.code, r.stderr.slice(0, 500)).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^error\\[${code}\\]: `));
    expect(r.stderr).toMatch(/\n {2}fix: \S/);
    if (want) expect(r.stderr).toMatch(want);
    // the message quotes nothing big and nothing raw
    expect(r.stderr.length).toBeLessThan(2000);
    expect(r.stdout).toBe('');
  }, 120_000);

  it('a config just under the cap is read', async () => {
    const file = join(dir, 'ok.yaml');
    const body = `seed: 7\n${'#'.repeat(MAX_CONFIG_BYTES - 20)}\n`;
    expect(body.length).toBeLessThanOrEqual(MAX_CONFIG_BYTES);
    await writeFile(file, body);
    const r = await verikit(['run', '--config', file, '--provider', 'huawei-osm', '--max-per-operation', '1', '--report-dir', join(dir, 'ok-report')]);
    expect([0, 1], r.stderr).toContain(r.code);
  }, 120_000);
});

describe('base URLs are validated by parsing (flags and config)', () => {
  const NEWLINE = 'http://127.0.0.1:1\nfile:///etc/passwd';
  it.each([
    { given: 'a newline then file://', url: NEWLINE, want: /whitespace or a control character/ },
    { given: 'a tab', url: 'http://127.0.0.1:1\t/x', want: /whitespace or a control character/ },
    { given: 'ESC', url: 'http://127.0.0.1:1/\u001b[31m', want: /whitespace or a control character/ },
    { given: 'file:', url: 'file:///etc/passwd', want: /only http: and https:/ },
    { given: 'no host', url: 'http://', want: /not a URL/ },
    { given: 'credentials', url: 'http://user:secret@127.0.0.1:1', want: /user name or password/ },
    { given: 'a query', url: 'http://127.0.0.1:1/?a=1', want: /query or fragment/ },
  ])('rejects $given', ({ url, want }) => expect(baseUrlProblem(url)).toMatch(want));

  it.each(['http://127.0.0.1:4102', 'https://dypnsapi.aliyuncs.com', 'http://[::1]:8080/prefix/'])('accepts %s', (url) => expect(baseUrlProblem(url)).toBeUndefined());

  it('--base-url with a newline is a usage error (exit 2), quoted escaped', async () => {
    const r = await verikit(['run', '--target', 'live', '--base-url', `huawei-osm=${NEWLINE}`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error\[VK_BASE_URL\]: invalid --base-url: "huawei-osm" = "http:\/\/127\.0\.0\.1:1\\nfile:\/\/\/etc\/passwd" contains whitespace or a control character/);
    expect(r.stderr.split('\n').length).toBe(3);
  }, 60_000);

  it('baseUrls with a newline in the config is a config error (exit 2), not 44 tool errors', async () => {
    const file = join(dir, 'newline-url.yaml');
    await writeFile(file, `target: live\nbaseUrls:\n  huawei-osm: ${JSON.stringify(NEWLINE)}\n`);
    const r = await verikit(['run', '--config', file, '--report-dir', join(dir, 'newline-report')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error\[VK_BASE_URL\]: .*\/baseUrls\/huawei-osm: "http:\/\/127\.0\.0\.1:1\\nfile:\/\/\/etc\/passwd" contains whitespace or a control character/);
  }, 60_000);

  it('a user:password in a URL is not echoed', async () => {
    const r = await verikit(['run', '--target', 'live', '--base-url', 'huawei-osm=http://me:hunter2@127.0.0.1:1']);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toContain('hunter2');
  }, 60_000);
});

describe('bounded helpers', () => {
  it.each([
    { given: '[[[]]]', want: 3 },
    { given: 'a: "[[[[" # [[[[\nb: [x]', want: 1 },
    { given: "a: '[[''[['\nb: {c: [d]}", want: 2 },
    { given: 'a: don\'t [[[', want: 3 },
    { given: '['.repeat(1_000_000), want: 1_000_000 },
  ])('flowDepth = $want', ({ given, want }) => expect(flowDepth(given)).toBe(want));

  it('quoteForError escapes and cuts', () => {
    expect(quoteForError('a\nb\u001b[31m')).toBe('"a\\nb\\u001b[31m"');
    expect(quoteForError('x'.repeat(100), 5)).toBe('"xxxxx"… (100 characters, cut to 5)');
  });
});
